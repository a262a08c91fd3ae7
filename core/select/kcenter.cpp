// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/kcenter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/error.h"
#include "select/mindistance.h"

namespace winnow::select {

std::vector<std::int64_t> kCenterGreedy(const Matrix& X, std::int64_t budget, const KCenterParams& params,
                                        Progress& progress, std::vector<double>* radii) {
    checkShape(X);
    if (budget < 0) throw std::invalid_argument("kCenterGreedy: negative budget");
    const std::int64_t n = X.rows;
    if (radii) radii->clear();
    if (n == 0 || budget == 0) return {};
    if (params.first < 0 || params.first >= n)
        throw std::invalid_argument("kCenterGreedy: first pick out of range");
    budget = std::min(budget, n);

    MinDistance md(X);
    std::vector<std::int64_t> order;
    order.reserve(static_cast<std::size_t>(budget));
    std::int64_t next = params.first;
    while (true) {
        if (progress.isCanceled()) throw Canceled();
        order.push_back(next);
        const auto best = md.add(next);  // farthest unselected row after this pick
        if (radii) radii->push_back(std::sqrt(std::max(best.value, 0.0)));
        progress.report(static_cast<std::int64_t>(order.size()), budget, "k-center greedy");
        if (static_cast<std::int64_t>(order.size()) == budget) break;
        next = best.index;
    }
    return order;
}

}  // namespace winnow::select
