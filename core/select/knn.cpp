// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/knn.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "select/distance.h"

namespace winnow::select::detail {
namespace {

/// Query rows handled together, and data rows per pass: a pass of data rows stays in cache while every
/// query row of the block is compared with it.
constexpr std::int64_t kBlock = 32;
constexpr std::int64_t kPass = 512;

void knnBlock(const Matrix& X, int k, bool squared, std::int64_t begin, std::int64_t end,
              std::vector<double>& dist, std::vector<double>& out) {
    const std::int64_t n = X.rows;
    const std::int64_t b = end - begin;
    dist.resize(static_cast<std::size_t>(b * n));
    for (std::int64_t j = 0; j < n; j += kPass) {
        const std::int64_t count = std::min(kPass, n - j);
        for (std::int64_t q = 0; q < b; ++q)
            squaredDistances(X.row(begin + q), X.row(j), count, X.cols, dist.data() + q * n + j);
    }
    for (std::int64_t q = 0; q < b; ++q) {
        double* row = dist.data() + q * n;
        const std::int64_t self = begin + q;
        row[self] = std::numeric_limits<double>::infinity();  // exclude the row itself by index
        std::nth_element(row, row + (k - 1), row + n);
        std::sort(row, row + k);  // fixed summation order: ascending distance
        double sum = 0;
        for (int t = 0; t < k; ++t) sum += squared ? row[t] : std::sqrt(row[t]);
        out[static_cast<std::size_t>(self)] = sum / k;
    }
}

}  // namespace

std::vector<double> meanKnnDistances(const Matrix& X, int k, bool squared) {
    const std::int64_t n = X.rows;
    std::vector<double> out(static_cast<std::size_t>(n));
    const std::int64_t blocks = (n + kBlock - 1) / kBlock;
    const int threads =
        static_cast<int>(std::min<std::int64_t>(blocks, std::max(1u, std::thread::hardware_concurrency())));
    std::atomic<std::int64_t> nextBlock{0};
    auto work = [&] {
        std::vector<double> dist;
        for (std::int64_t blk; (blk = nextBlock.fetch_add(1)) < blocks;)
            knnBlock(X, k, squared, blk * kBlock, std::min(n, (blk + 1) * kBlock), dist, out);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return out;
}

}  // namespace winnow::select::detail
