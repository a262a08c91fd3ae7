// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/trustworthiness.h"

#include <Eigen/Dense>
#include <algorithm>
#include <stdexcept>

#include "common/error.h"
#include "map/parallel.h"

namespace winnow::map {
namespace {

using RowMatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr std::int64_t kBlock = 256;

/// The k nearest other rows of row i of the layout, nearest first, lower index first on ties.
void layoutNeighbours(const select::Matrix& layout, std::int64_t i, int k,
                      std::vector<std::pair<double, std::int64_t>>& heap, std::vector<std::int64_t>& out) {
    heap.clear();
    const int dims = layout.cols;
    const float* a = layout.row(i);
    for (std::int64_t j = 0; j < layout.rows; ++j) {
        if (j == i) continue;
        const float* b = layout.row(j);
        double d = 0;
        for (int c = 0; c < dims; ++c) {
            const double t = static_cast<double>(a[c]) - b[c];
            d += t * t;
        }
        const std::pair<double, std::int64_t> item(d, j);
        if (heap.size() < static_cast<std::size_t>(k)) {
            heap.push_back(item);
            std::push_heap(heap.begin(), heap.end());
        } else if (item < heap.front()) {
            std::pop_heap(heap.begin(), heap.end());
            heap.back() = item;
            std::push_heap(heap.begin(), heap.end());
        }
    }
    out.clear();
    for (const auto& h : heap) out.push_back(h.second);
}

}  // namespace

double trustworthiness(const select::Matrix& X, const select::Matrix& layout, int k, int threads,
                       Progress& progress) {
    select::checkShape(X);
    select::checkShape(layout);
    const std::int64_t n = X.rows;
    if (layout.rows != n)
        throw std::invalid_argument("trustworthiness: the layout and the matrix differ in rows");
    if (k < 1 || static_cast<double>(k) >= static_cast<double>(n) / 2)
        throw std::invalid_argument("trustworthiness: k must be in [1, n/2)");
    const Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> xf(
        X.data.data(), n, X.cols);
    const RowMatrixD x = xf.cast<double>();
    const Eigen::VectorXd norms = x.rowwise().squaredNorm();

    detail::WorkerPool pool(detail::resolveThreads(threads));
    const std::int64_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<std::int64_t> penalty(static_cast<std::size_t>(blocks), 0);
    const std::int64_t wave = 4 * pool.threads();
    for (std::int64_t first = 0; first < blocks; first += wave) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(first * kBlock, n, "trustworthiness");
        pool.run(std::min(wave, blocks - first), 1, [&](std::int64_t begin, std::int64_t end, int) {
            RowMatrixD dist;
            std::vector<std::pair<double, std::int64_t>> heap;
            std::vector<std::int64_t> near;
            std::vector<std::pair<double, std::int64_t>> row(static_cast<std::size_t>(n));
            for (std::int64_t b = first + begin; b < first + end; ++b) {
                const std::int64_t q0 = b * kBlock, q1 = std::min(n, q0 + kBlock);
                dist.noalias() = -2.0 * x.middleRows(q0, q1 - q0) * x.transpose();
                std::int64_t sum = 0;
                for (std::int64_t i = q0; i < q1; ++i) {
                    const double* d = dist.row(i - q0).data();
                    for (std::int64_t j = 0; j < n; ++j)
                        row[static_cast<std::size_t>(j)] = {d[j] + norms[i] + norms[j], j};
                    row[static_cast<std::size_t>(i)].first = INFINITY;  // the sample itself ranks last
                    // Rank of j = 1 + the number of rows before it in (distance, index) order.
                    std::nth_element(row.begin(), row.begin() + (k - 1), row.end());
                    const auto kth = row[static_cast<std::size_t>(k - 1)];
                    layoutNeighbours(layout, i, k, heap, near);
                    for (std::int64_t j : near) {
                        const std::pair<double, std::int64_t> dj{d[j] + norms[i] + norms[j], j};
                        if (!(kth < dj)) continue;  // among the k nearest in the input space
                        std::int64_t rank = 1;
                        for (std::int64_t l = 0; l < n; ++l)
                            if (l != i && std::pair<double, std::int64_t>{d[l] + norms[i] + norms[l], l} < dj)
                                ++rank;
                        sum += rank - k;
                    }
                }
                penalty[static_cast<std::size_t>(b)] = sum;
            }
        });
    }
    progress.report(n, n, "trustworthiness");
    std::int64_t total = 0;
    for (std::int64_t p : penalty) total += p;
    const double nd = static_cast<double>(n), kd = k;
    return 1.0 - static_cast<double>(total) * (2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0)));
}

}  // namespace winnow::map
