// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/knn.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "common/error.h"
#include "map/parallel.h"

namespace winnow::map {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr std::int64_t kQueryBlock = 256;
constexpr std::int64_t kDataBlock = 2048;
constexpr int kMargin = 16;

double exactSquared(const float* a, const float* b, int d) {
    double s = 0;
    for (int j = 0; j < d; ++j) {
        const double t = static_cast<double>(a[j]) - static_cast<double>(b[j]);
        s += t * t;
    }
    return s;
}

/// Keeps the `capacity` smallest (distance, id) pairs seen, as a max-heap.
struct Candidates {
    std::vector<std::pair<float, std::int64_t>> heap;
    std::size_t capacity = 0;
    float bound() const { return heap.size() < capacity ? INFINITY : heap.front().first; }
    void offer(float dist, std::int64_t id) {
        if (heap.size() < capacity) {
            heap.emplace_back(dist, id);
            std::push_heap(heap.begin(), heap.end());
        } else if (std::make_pair(dist, id) < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = {dist, id};
            std::push_heap(heap.begin(), heap.end());
        }
    }
};

}  // namespace

select::KnnGraph exactKnnGraph(const select::Matrix& X, int k, int threads, Progress& progress) {
    select::checkShape(X);
    const std::int64_t n = X.rows;
    const int d = X.cols;
    if (n > 0 && (k < 1 || k > n - 1)) throw std::invalid_argument("exactKnnGraph: k must be in [1, rows-1]");
    select::KnnGraph g;
    g.n = n;
    g.k = n > 0 ? k : 0;
    g.ids.assign(static_cast<std::size_t>(n * g.k), 0);
    g.dist.assign(static_cast<std::size_t>(n * g.k), 0.0f);
    if (n == 0) return g;

    Eigen::Map<const RowMatrixF> x(X.data.data(), n, d);
    const Eigen::VectorXf norms = x.rowwise().squaredNorm();
    const std::size_t capacity = static_cast<std::size_t>(std::min<std::int64_t>(n - 1, k + kMargin));
    detail::WorkerPool pool(detail::resolveThreads(threads));
    const std::int64_t blocks = (n + kQueryBlock - 1) / kQueryBlock;
    const std::int64_t wave = 4 * pool.threads();
    for (std::int64_t first = 0; first < blocks; first += wave) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(first * kQueryBlock, n, "nearest neighbours");
        pool.run(std::min(wave, blocks - first), 1, [&](std::int64_t begin, std::int64_t end, int) {
            std::vector<Candidates> cand(kQueryBlock);
            RowMatrixF products;
            for (std::int64_t b = first + begin; b < first + end; ++b) {
                const std::int64_t q0 = b * kQueryBlock, q1 = std::min(n, q0 + kQueryBlock);
                for (auto& c : cand) {
                    c.heap.clear();
                    c.capacity = capacity;
                }
                for (std::int64_t j0 = 0; j0 < n; j0 += kDataBlock) {
                    const std::int64_t j1 = std::min(n, j0 + kDataBlock);
                    products.noalias() = x.middleRows(q0, q1 - q0) * x.middleRows(j0, j1 - j0).transpose();
                    for (std::int64_t q = q0; q < q1; ++q) {
                        Candidates& c = cand[static_cast<std::size_t>(q - q0)];
                        const float* p = products.row(q - q0).data();
                        const float nq = norms[q];
                        for (std::int64_t j = j0; j < j1; ++j) {
                            const float dist = std::max(0.0f, nq + norms[j] - 2.0f * p[j - j0]);
                            if (dist <= c.bound() && j != q) c.offer(dist, j);
                        }
                    }
                }
                for (std::int64_t q = q0; q < q1; ++q) {
                    auto& heap = cand[static_cast<std::size_t>(q - q0)].heap;
                    std::vector<std::pair<double, std::int64_t>> exact;
                    exact.reserve(heap.size());
                    for (const auto& [approx, j] : heap)
                        exact.emplace_back(exactSquared(X.row(q), X.row(j), d), j);
                    std::sort(exact.begin(), exact.end());
                    for (int t = 0; t < k; ++t) {
                        g.ids[static_cast<std::size_t>(q * k + t)] =
                            exact[static_cast<std::size_t>(t)].second;
                        g.dist[static_cast<std::size_t>(q * k + t)] =
                            static_cast<float>(std::sqrt(exact[static_cast<std::size_t>(t)].first));
                    }
                }
            }
        });
    }
    progress.report(n, n, "nearest neighbours");
    return g;
}

select::KnnGraph layoutKnnGraph(const select::Matrix& X, int neighbours, int threads, Progress& progress) {
    if (X.rows < 2) return select::KnnGraph{X.rows, 0, {}, {}, true, 1};
    const int k = static_cast<int>(std::min<std::int64_t>(std::max(1, neighbours), X.rows - 1));
    return exactKnnGraph(X, k, threads, progress);
}

void checkKnnGraph(const select::KnnGraph& g, const char* what, std::int64_t maxRows) {
    const std::string prefix = std::string(what) + ": ";
    if (g.n < 0 || g.k < 0 || g.ids.size() != static_cast<std::size_t>(g.n * g.k) ||
        g.dist.size() != g.ids.size())
        throw std::invalid_argument(prefix + "malformed kNN graph");
    if (g.n > maxRows) throw std::invalid_argument(prefix + "at most " + std::to_string(maxRows) + " samples");
    for (std::int64_t id : g.ids)
        if (id < 0 || id >= g.n) throw std::invalid_argument(prefix + "kNN graph id out of range");
    for (float d : g.dist)
        if (!(d >= 0) || !std::isfinite(d))
            throw std::invalid_argument(prefix + "kNN distances must be finite and >= 0");
}

}  // namespace winnow::map
