// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/clusters.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "select/distance.h"
#include "select/quota.h"
#include "select/random.h"

namespace winnow::select {
namespace {

/// Members of every cluster, in increasing row order; throws for a negative assignment.
std::vector<std::vector<std::int64_t>> members(const std::vector<int>& assignment, const char* who) {
    int clusters = 0;
    for (int a : assignment) {
        if (a < 0) throw std::invalid_argument(std::string(who) + ": negative cluster assignment");
        clusters = std::max(clusters, a + 1);
    }
    std::vector<std::vector<std::int64_t>> out(static_cast<std::size_t>(clusters));
    for (std::size_t i = 0; i < assignment.size(); ++i)
        out[static_cast<std::size_t>(assignment[i])].push_back(static_cast<std::int64_t>(i));
    return out;
}

std::vector<std::int64_t> sizesOf(const std::vector<std::vector<std::int64_t>>& groups) {
    std::vector<std::int64_t> sizes;
    for (const auto& g : groups) sizes.push_back(static_cast<std::int64_t>(g.size()));
    return sizes;
}

}  // namespace

std::uint64_t clusterSeed(std::uint64_t seed, std::int64_t c) {
    std::uint64_t z = seed + static_cast<std::uint64_t>(c + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::vector<std::int64_t> clusterBalanced(const std::vector<int>& assignment, std::int64_t size,
                                          std::uint64_t seed) {
    if (size < 0) throw std::invalid_argument("clusterBalanced: negative size");
    const auto groups = members(assignment, "clusterBalanced");
    const auto quota = waterFillingQuotas(sizesOf(groups), size);
    std::vector<std::int64_t> out;
    for (std::size_t c = 0; c < groups.size(); ++c) {
        const auto& g = groups[c];
        for (auto p : randomSubset(static_cast<std::int64_t>(g.size()), quota[c],
                                   clusterSeed(seed, static_cast<std::int64_t>(c))))
            out.push_back(g[static_cast<std::size_t>(p)]);
    }
    return out;
}

std::vector<std::int64_t> clusterPrune(const Matrix& X, const std::vector<int>& assignment,
                                       const Matrix& centroids, std::int64_t size, bool keepFarthest) {
    checkShape(X);
    checkShape(centroids);
    if (size < 0) throw std::invalid_argument("clusterPrune: negative size");
    if (static_cast<std::int64_t>(assignment.size()) != X.rows)
        throw std::invalid_argument("clusterPrune: assignment size differs from the row count");
    const auto groups = members(assignment, "clusterPrune");
    if (centroids.rows < static_cast<std::int64_t>(groups.size()) ||
        (centroids.rows > 0 && centroids.cols != X.cols))
        throw std::invalid_argument("clusterPrune: centroids do not match the clusters or the dimension");
    const auto quota = largestRemainderQuotas(sizesOf(groups), size);
    std::vector<std::int64_t> out;
    std::vector<double> dist;
    for (std::size_t c = 0; c < groups.size(); ++c) {
        const auto& g = groups[c];
        dist.resize(g.size());
        for (std::size_t m = 0; m < g.size(); ++m)
            detail::squaredDistances(centroids.row(static_cast<std::int64_t>(c)), X.row(g[m]), 1, X.cols,
                                     &dist[m]);
        std::vector<std::size_t> order(g.size());
        for (std::size_t m = 0; m < g.size(); ++m) order[m] = m;
        // Squared distances order the same as distances; stable keeps the lower row first on ties.
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return keepFarthest ? dist[a] > dist[b] : dist[a] < dist[b];
        });
        for (std::int64_t t = 0; t < quota[c]; ++t) out.push_back(g[order[static_cast<std::size_t>(t)]]);
    }
    return out;
}

}  // namespace winnow::select
