// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/semdedup.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "select/dot.h"
#include "select/tasks.h"

namespace winnow::select {
namespace {

/// Rows of the order compared per task, and earlier rows per tile (scratch kBlock * kTile doubles).
constexpr std::int64_t kBlock = 64;
constexpr std::int64_t kTile = 256;

struct Block {
    std::int64_t begin = 0;  ///< first position in SemDedupScores::order
    std::int64_t first = 0;  ///< position of the cluster's first row in order
    std::int64_t end = 0;    ///< one past the block's last position
};

/// maxSimilarity and duplicateOf of the rows at positions [b.begin, b.end) of order.
void compareBlock(const Matrix& X, const std::vector<std::int64_t>& order, const Block& b,
                  SemDedupScores& s) {
    thread_local std::vector<double> gram;
    thread_local std::vector<const float*> rows, earlier;
    const std::int64_t nj = b.end - b.begin;
    rows.resize(static_cast<std::size_t>(nj));
    for (std::int64_t j = 0; j < nj; ++j)
        rows[static_cast<std::size_t>(j)] = X.row(order[static_cast<std::size_t>(b.begin + j)]);
    std::vector<double> best(static_cast<std::size_t>(nj), -std::numeric_limits<double>::infinity());
    std::vector<std::int64_t> arg(static_cast<std::size_t>(nj), -1);
    gram.resize(static_cast<std::size_t>(kBlock * kTile));
    // Earlier rows in increasing position, so that a strict > keeps the earliest on ties.
    for (std::int64_t i0 = b.first; i0 < b.end - 1; i0 += kTile) {
        const std::int64_t ni = std::min(kTile, b.end - 1 - i0);
        earlier.resize(static_cast<std::size_t>(ni));
        for (std::int64_t i = 0; i < ni; ++i)
            earlier[static_cast<std::size_t>(i)] = X.row(order[static_cast<std::size_t>(i0 + i)]);
        // Rows j of the block with at least one earlier row in this tile.
        const std::int64_t j0 = std::max<std::int64_t>(0, i0 + 1 - b.begin);
        if (j0 >= nj) break;
        detail::dotBlock(rows.data() + j0, static_cast<int>(nj - j0), earlier.data(), static_cast<int>(ni),
                         X.cols, gram.data(), kTile);
        for (std::int64_t j = j0; j < nj; ++j) {
            const double* g = gram.data() + (j - j0) * kTile;
            const std::int64_t limit = std::min(ni, b.begin + j - i0);  // positions before j only
            auto& bj = best[static_cast<std::size_t>(j)];
            auto& aj = arg[static_cast<std::size_t>(j)];
            for (std::int64_t i = 0; i < limit; ++i)
                if (g[i] > bj) {
                    bj = g[i];
                    aj = i0 + i;
                }
        }
    }
    for (std::int64_t j = 0; j < nj; ++j) {
        const auto row = static_cast<std::size_t>(order[static_cast<std::size_t>(b.begin + j)]);
        s.maxSimilarity[row] = best[static_cast<std::size_t>(j)];
        s.duplicateOf[row] = arg[static_cast<std::size_t>(j)] < 0
                                 ? -1
                                 : order[static_cast<std::size_t>(arg[static_cast<std::size_t>(j)])];
    }
}

}  // namespace

SemDedupScores semDedupScores(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                              const SemDedupParams& params, Progress& progress) {
    detail::checkClusters(X, assignment, centroids, "semDedupScores");
    const auto n = static_cast<std::size_t>(X.rows);
    SemDedupScores s;
    s.centroidDistance = centroidCosineDistances(X, assignment, centroids);
    s.maxSimilarity.assign(n, -std::numeric_limits<double>::infinity());
    s.duplicateOf.assign(n, -1);
    const auto groups = detail::clusterMembers(assignment, centroids.rows, "semDedupScores");

    // Phase 1: the order inside every cluster (clusters in parallel).
    std::vector<std::vector<std::int64_t>> ordered(groups.size());
    detail::runTasks(static_cast<std::int64_t>(groups.size()), progress, "SemDeDup: ordering clusters",
                     [&](std::int64_t c) {
                         ordered[static_cast<std::size_t>(c)] =
                             detail::orderMembers(groups[static_cast<std::size_t>(c)], s.centroidDistance,
                                                  params.keep, params.seed, c);
                     });
    s.order.reserve(n);
    std::vector<Block> blocks;
    for (const auto& g : ordered) {
        const auto first = static_cast<std::int64_t>(s.order.size());
        s.order.insert(s.order.end(), g.begin(), g.end());
        const auto end = static_cast<std::int64_t>(s.order.size());
        for (std::int64_t b = first + 1; b < end; b += kBlock)
            blocks.push_back({b, first, std::min(end, b + kBlock)});
    }
    // Phase 2: blocks of rows against everything before them in their cluster, the costliest first (the
    // cost grows with the position in the cluster) for a balanced finish.
    std::stable_sort(blocks.begin(), blocks.end(),
                     [](const Block& a, const Block& b) { return a.begin - a.first > b.begin - b.first; });
    detail::runTasks(
        static_cast<std::int64_t>(blocks.size()), progress, "SemDeDup: similarities",
        [&](std::int64_t t) { compareBlock(X, s.order, blocks[static_cast<std::size_t>(t)], s); });
    return s;
}

std::vector<std::int64_t> semDedupKept(const SemDedupScores& scores, double eps) {
    if (!std::isfinite(eps)) throw std::invalid_argument("semDedupKept: eps must be finite");
    const double threshold = 1.0 - eps;
    std::vector<std::int64_t> kept;
    for (std::size_t i = 0; i < scores.maxSimilarity.size(); ++i)
        if (!(scores.maxSimilarity[i] > threshold)) kept.push_back(static_cast<std::int64_t>(i));
    return kept;
}

std::vector<std::int64_t> semDedup(const Matrix& X, const std::vector<int>& assignment,
                                   const Matrix& centroids, const SemDedupParams& params, Progress& progress,
                                   SemDedupScores* scoresOut) {
    if (!std::isfinite(params.eps)) throw std::invalid_argument("semDedup: eps must be finite");
    SemDedupScores s = semDedupScores(X, assignment, centroids, params, progress);
    auto kept = semDedupKept(s, params.eps);
    if (scoresOut) *scoresOut = std::move(s);
    return kept;
}

SemDedupEps semDedupEpsForKeep(const SemDedupScores& scores, std::int64_t keep) {
    if (keep < 0) throw std::invalid_argument("semDedupEpsForKeep: negative keep");
    std::vector<double> v = scores.maxSimilarity;
    std::sort(v.begin(), v.end());
    const auto n = static_cast<std::int64_t>(v.size());
    const double inf = std::numeric_limits<double>::infinity();
    // kept(t) = #{v <= t}: count c is reachable iff c == n or v[c-1] < v[c] (v[-1] = -inf); the first rows of
    // the clusters (-inf) are always kept.
    std::int64_t c = std::min(keep, n);
    while (c < n && c > 0 && !(v[static_cast<std::size_t>(c - 1)] < v[static_cast<std::size_t>(c)])) ++c;
    if (c == 0 && n > 0 && v[0] == -inf) {
        while (c < n && v[static_cast<std::size_t>(c)] == -inf) ++c;
    }
    const double lo = c > 0 ? v[static_cast<std::size_t>(c - 1)] : -inf;  // threshold must be >= lo
    const double hi = c < n ? v[static_cast<std::size_t>(c)] : inf;       // and < hi
    double t;
    if (hi == inf)
        t = lo == -inf ? 1.0 : lo;
    else if (lo == -inf)
        t = hi - 1.0;
    else
        t = lo + (hi - lo) / 2;
    double eps = 1.0 - t;
    for (int step = 0; step < 64; ++step) {
        const double threshold = 1.0 - eps;
        if (threshold < lo)
            eps = std::nextafter(eps, -inf);
        else if (!(threshold < hi))
            eps = std::nextafter(eps, inf);
        else
            break;
    }
    return {eps, static_cast<std::int64_t>(semDedupKept(scores, eps).size())};
}

SemDedupEps semDedupEpsForKeepFraction(const SemDedupScores& scores, double fraction) {
    if (!(fraction >= 0 && fraction <= 1))
        throw std::invalid_argument("semDedupEpsForKeepFraction: fraction outside [0, 1]");
    const auto n = static_cast<double>(scores.maxSimilarity.size());
    return semDedupEpsForKeep(scores, static_cast<std::int64_t>(std::floor(fraction * n)));
}

}  // namespace winnow::select
