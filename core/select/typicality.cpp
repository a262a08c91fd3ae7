// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/typicality.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

#include "common/error.h"
#include "select/distance.h"
#include "select/mindistance.h"

namespace winnow::select {
namespace {

/// Query rows handled together, and data rows per pass: a pass of data rows stays in cache while every
/// query row of the block is compared with it.
constexpr std::int64_t kBlock = 32;
constexpr std::int64_t kPass = 512;

void typicalityBlock(const Matrix& X, int k, bool squared, std::int64_t begin, std::int64_t end,
                     std::vector<double>& dist, std::vector<double>& out) {
    const std::int64_t n = X.rows;
    const std::int64_t b = end - begin;
    dist.resize(static_cast<std::size_t>(b * n));
    for (std::int64_t j = 0; j < n; j += kPass) {
        const std::int64_t count = std::min(kPass, n - j);
        for (std::int64_t q = 0; q < b; ++q)
            detail::squaredDistances(X.row(begin + q), X.row(j), count, X.cols, dist.data() + q * n + j);
    }
    for (std::int64_t q = 0; q < b; ++q) {
        double* row = dist.data() + q * n;
        const std::int64_t self = begin + q;
        row[self] = std::numeric_limits<double>::infinity();  // exclude the row itself by index
        std::nth_element(row, row + (k - 1), row + n);
        std::sort(row, row + k);  // fixed summation order: ascending distance
        double sum = 0;
        for (int t = 0; t < k; ++t) sum += squared ? row[t] : std::sqrt(row[t]);
        out[static_cast<std::size_t>(self)] = 1.0 / (sum / k + 1e-5);
    }
}

}  // namespace

std::vector<double> typicality(const Matrix& X, int k, bool squared) {
    checkShape(X);
    const std::int64_t n = X.rows;
    if (n == 0) return {};
    if (k < 1 || k > n - 1) throw std::invalid_argument("typicality: k must be between 1 and rows-1");
    std::vector<double> out(static_cast<std::size_t>(n));
    const std::int64_t blocks = (n + kBlock - 1) / kBlock;
    const int threads =
        static_cast<int>(std::min<std::int64_t>(blocks, std::max(1u, std::thread::hardware_concurrency())));
    std::atomic<std::int64_t> nextBlock{0};
    auto work = [&] {
        std::vector<double> dist;
        for (std::int64_t blk; (blk = nextBlock.fetch_add(1)) < blocks;)
            typicalityBlock(X, k, squared, blk * kBlock, std::min(n, (blk + 1) * kBlock), dist, out);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return out;
}

std::vector<std::int64_t> typicalityDiversity(const Matrix& X, std::int64_t budget,
                                              const TypicalityDiversityParams& params, Progress& progress) {
    checkShape(X);
    if (budget < 0) throw std::invalid_argument("typicalityDiversity: negative budget");
    const std::int64_t n = X.rows;
    if (n == 0 || budget == 0) return {};
    budget = std::min(budget, n);
    if (progress.isCanceled()) throw Canceled();
    progress.report(0, budget, "typicality");
    const std::vector<double> typ = typicality(X, params.k, params.squared);
    std::vector<double> typPow(typ.size());
    for (std::size_t i = 0; i < typ.size(); ++i) typPow[i] = std::pow(typ[i], params.sTyp);

    MinDistance md(X);
    std::vector<std::int64_t> order;
    order.reserve(static_cast<std::size_t>(budget));
    std::int64_t next = std::max_element(typ.begin(), typ.end()) - typ.begin();
    while (true) {
        if (progress.isCanceled()) throw Canceled();
        order.push_back(next);
        const auto far = md.add(next);
        progress.report(static_cast<std::int64_t>(order.size()), budget, "typicality-diversity");
        if (static_cast<std::int64_t>(order.size()) == budget) break;
        if (far.index < 0 || far.value <= 0) break;            // nothing at distance > 0 left
        if (std::sqrt(far.value) < params.minDistance) break;  // stopping condition
        double bestScore = -std::numeric_limits<double>::infinity();
        next = -1;
        for (std::int64_t i = 0; i < n; ++i) {
            const double m2 = md.squared(i);
            if (md.selected(i) || m2 <= 0) continue;
            const double score = std::pow(std::sqrt(m2), params.sDiv) * typPow[static_cast<std::size_t>(i)];
            if (score > bestScore || next < 0) {
                bestScore = score;
                next = i;
            }
        }
        if (next < 0) break;
    }
    return order;
}

}  // namespace winnow::select
