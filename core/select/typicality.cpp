// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/typicality.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "common/error.h"
#include "select/knn.h"
#include "select/mindistance.h"

namespace winnow::select {

std::vector<double> typicality(const Matrix& X, int k, bool squared) {
    checkShape(X);
    const std::int64_t n = X.rows;
    if (n == 0) return {};
    if (k < 1 || k > n - 1) throw std::invalid_argument("typicality: k must be between 1 and rows-1");
    std::vector<double> out = detail::meanKnnDistances(X, k, squared);
    for (double& v : out) v = 1.0 / (v + 1e-5);
    return out;
}

std::vector<std::int64_t> typicalityDiversity(const Matrix& X, std::int64_t budget,
                                              const TypicalityDiversityParams& params, Progress& progress,
                                              std::vector<double>* typicalityOut) {
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
    if (typicalityOut) *typicalityOut = typ;

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
