// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/labelbalance.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "select/clusters.h"
#include "select/quota.h"
#include "select/random.h"

namespace winnow::select {

std::vector<std::int64_t> labelBalanced(const std::vector<int>& labels, std::int64_t size,
                                        const LabelBalanceParams& params) {
    if (size < 0) throw std::invalid_argument("labelBalanced: negative size");
    const bool ranked = !params.scores.empty();
    if (ranked) {
        if (params.scores.size() != labels.size())
            throw std::invalid_argument("labelBalanced: scores must have one entry per row");
        for (double s : params.scores)
            if (std::isnan(s)) throw std::invalid_argument("labelBalanced: NaN score");
    }
    int count = 0;
    for (int l : labels) count = std::max(count, l + 1);
    std::vector<std::vector<std::int64_t>> groups(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0)
            groups[static_cast<std::size_t>(labels[i])].push_back(static_cast<std::int64_t>(i));
    std::vector<std::int64_t> sizes;
    for (const auto& g : groups) sizes.push_back(static_cast<std::int64_t>(g.size()));
    const auto quota = waterFillingQuotas(sizes, size);
    std::vector<std::int64_t> out;
    for (std::size_t l = 0; l < groups.size(); ++l) {
        auto g = groups[l];
        const auto q = static_cast<std::size_t>(quota[l]);
        if (ranked) {
            std::stable_sort(g.begin(), g.end(), [&](std::int64_t a, std::int64_t b) {
                return params.scores[static_cast<std::size_t>(a)] >
                       params.scores[static_cast<std::size_t>(b)];
            });
            out.insert(out.end(), g.begin(), g.begin() + static_cast<std::ptrdiff_t>(q));
        } else {
            for (auto p : randomSubset(static_cast<std::int64_t>(g.size()), quota[l],
                                       clusterSeed(params.seed, static_cast<std::int64_t>(l))))
                out.push_back(g[static_cast<std::size_t>(p)]);
        }
    }
    return out;
}

}  // namespace winnow::select
