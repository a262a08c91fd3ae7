// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/outliers.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "select/knn.h"

namespace winnow::select {

std::vector<double> outlierScores(const Matrix& X, int k) {
    checkShape(X);
    if (X.rows == 0) return {};
    if (k < 1 || k > X.rows - 1) throw std::invalid_argument("outlierScores: k must be between 1 and rows-1");
    return detail::meanKnnDistances(X, k, false);
}

std::vector<std::int64_t> outliers(const Matrix& X, std::int64_t size, int k) {
    if (size < 0) throw std::invalid_argument("outliers: negative size");
    const std::vector<double> score = outlierScores(X, k);
    std::vector<std::int64_t> order(score.size());
    std::iota(order.begin(), order.end(), std::int64_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
        return score[static_cast<std::size_t>(a)] > score[static_cast<std::size_t>(b)];
    });
    order.resize(static_cast<std::size_t>(std::min<std::int64_t>(size, X.rows)));
    return order;
}

}  // namespace winnow::select
