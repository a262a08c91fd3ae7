// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "blasknn.h"

#include <cblas.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

namespace winnow::bench {
namespace {

constexpr std::int64_t kQueryBlock = 512;
constexpr std::int64_t kDataBlock = 4096;
constexpr int kMargin = 16;

}  // namespace

select::KnnGraph blasKnnGraph(const select::Matrix& X, int k, int threads) {
    const std::int64_t n = X.rows;
    const int d = X.cols;
    if (k < 1 || k > n - 1) throw std::invalid_argument("blasKnnGraph: k must be in [1, rows-1]");
    openblas_set_num_threads(1);
    select::KnnGraph g;
    g.n = n;
    g.k = k;
    g.ids.resize(static_cast<std::size_t>(n * k));
    g.dist.resize(static_cast<std::size_t>(n * k));
    std::vector<float> norms(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        float s = 0;
        for (int j = 0; j < d; ++j) s += X.row(i)[j] * X.row(i)[j];
        norms[static_cast<std::size_t>(i)] = s;
    }
    const std::size_t capacity = static_cast<std::size_t>(std::min<std::int64_t>(n - 1, k + kMargin));
    const std::int64_t blocks = (n + kQueryBlock - 1) / kQueryBlock;
    std::atomic<std::int64_t> next{0};
    auto work = [&] {
        std::vector<float> products(static_cast<std::size_t>(kQueryBlock * kDataBlock));
        std::vector<std::vector<std::pair<float, std::int64_t>>> heaps(kQueryBlock);
        for (std::int64_t b; (b = next.fetch_add(1)) < blocks;) {
            const std::int64_t q0 = b * kQueryBlock, q1 = std::min(n, q0 + kQueryBlock), rows = q1 - q0;
            for (auto& h : heaps) h.clear();
            for (std::int64_t j0 = 0; j0 < n; j0 += kDataBlock) {
                const std::int64_t cols = std::min(kDataBlock, n - j0);
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows),
                            static_cast<int>(cols), d, 1.0f, X.row(q0), d, X.row(j0), d, 0.0f,
                            products.data(), static_cast<int>(cols));
                for (std::int64_t q = 0; q < rows; ++q) {
                    auto& heap = heaps[static_cast<std::size_t>(q)];
                    const float* p = products.data() + q * cols;
                    const float nq = norms[static_cast<std::size_t>(q0 + q)];
                    float bound = heap.size() < capacity ? INFINITY : heap.front().first;
                    for (std::int64_t j = 0; j < cols; ++j) {
                        const float dist = nq + norms[static_cast<std::size_t>(j0 + j)] - 2.0f * p[j];
                        if (dist > bound || j0 + j == q0 + q) continue;
                        if (heap.size() < capacity) {
                            heap.emplace_back(dist, j0 + j);
                            std::push_heap(heap.begin(), heap.end());
                        } else {
                            std::pop_heap(heap.begin(), heap.end());
                            heap.back() = {dist, j0 + j};
                            std::push_heap(heap.begin(), heap.end());
                        }
                        if (heap.size() == capacity) bound = heap.front().first;
                    }
                }
            }
            for (std::int64_t q = q0; q < q1; ++q) {
                std::vector<std::pair<double, std::int64_t>> exact;
                for (const auto& [approx, j] : heaps[static_cast<std::size_t>(q - q0)]) {
                    double s = 0;
                    for (int c = 0; c < d; ++c) {
                        const double t = static_cast<double>(X.row(q)[c]) - X.row(j)[c];
                        s += t * t;
                    }
                    exact.emplace_back(s, j);
                }
                std::sort(exact.begin(), exact.end());
                for (int t = 0; t < k; ++t) {
                    g.ids[static_cast<std::size_t>(q * k + t)] = exact[static_cast<std::size_t>(t)].second;
                    g.dist[static_cast<std::size_t>(q * k + t)] =
                        static_cast<float>(std::sqrt(exact[static_cast<std::size_t>(t)].first));
                }
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return g;
}

}  // namespace winnow::bench
