// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/targetmatch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "common/error.h"
#include "select/dot.h"
#include "select/tasks.h"

namespace winnow::select {
namespace {

void checkPair(const Matrix& pool, const Matrix& references, const char* who) {
    checkShape(pool);
    checkShape(references);
    if (pool.rows > 0 && references.rows > 0 && pool.cols != references.cols)
        throw std::invalid_argument(std::string(who) + ": pool and references differ in dimension");
}

}  // namespace

KnnGraph rankedNeighbours(const Matrix& pool, const Matrix& references, int depth, Progress& progress) {
    checkPair(pool, references, "rankedNeighbours");
    if (depth < 1) throw std::invalid_argument("rankedNeighbours: depth must be at least 1");
    KnnGraph g;
    g.n = references.rows;
    g.k = static_cast<int>(std::min<std::int64_t>(depth, pool.rows));
    g.ids.assign(static_cast<std::size_t>(g.n * g.k), -1);
    g.dist.assign(g.ids.size(), 0.0f);
    if (g.k == 0) return g;
    std::vector<const float*> pp(static_cast<std::size_t>(pool.rows));
    for (std::int64_t i = 0; i < pool.rows; ++i) pp[static_cast<std::size_t>(i)] = pool.row(i);
    detail::runTasks(references.rows, progress, "target matching: ranking the pool", [&](std::int64_t r) {
        std::vector<double> sim(static_cast<std::size_t>(pool.rows));
        const float* ref = references.row(r);
        constexpr std::int64_t kPass = 4096;
        for (std::int64_t b = 0; b < pool.rows; b += kPass)
            detail::dotBlock(&ref, 1, pp.data() + b, static_cast<int>(std::min(kPass, pool.rows - b)),
                             pool.cols, sim.data() + b, 0);
        std::vector<std::int64_t> idx(static_cast<std::size_t>(pool.rows));
        std::iota(idx.begin(), idx.end(), std::int64_t{0});
        auto before = [&](std::int64_t a, std::int64_t b) {
            const double sa = sim[static_cast<std::size_t>(a)], sb = sim[static_cast<std::size_t>(b)];
            return sa > sb || (sa == sb && a < b);
        };
        std::partial_sort(idx.begin(), idx.begin() + g.k, idx.end(), before);
        for (int t = 0; t < g.k; ++t) {
            const auto id = idx[static_cast<std::size_t>(t)];
            g.ids[static_cast<std::size_t>(r * g.k + t)] = id;
            g.dist[static_cast<std::size_t>(r * g.k + t)] =
                static_cast<float>(std::sqrt(std::max(0.0, 2.0 - 2.0 * sim[static_cast<std::size_t>(id)])));
        }
    });
    return g;
}

TargetMatchResult targetMatch(const Matrix& pool, const Matrix& references, const KnnGraph& lists,
                              std::int64_t size, Progress& progress) {
    checkPair(pool, references, "targetMatch");
    if (size < 0) throw std::invalid_argument("targetMatch: negative size");
    if (lists.n != references.rows || lists.k < 0 ||
        lists.ids.size() != static_cast<std::size_t>(lists.n * lists.k))
        throw std::invalid_argument("targetMatch: the lists do not match the references");
    for (auto id : lists.ids)
        if (id < -1 || id >= pool.rows) throw std::invalid_argument("targetMatch: list id outside the pool");
    if (progress.isCanceled()) throw Canceled();
    const std::int64_t want = std::min(size, pool.rows);
    TargetMatchResult res;
    res.depth = lists.k;
    std::vector<unsigned char> taken(static_cast<std::size_t>(pool.rows), 0);
    for (int t = 0; t < lists.k && static_cast<std::int64_t>(res.selected.size()) < want; ++t)
        for (std::int64_t r = 0; r < lists.n && static_cast<std::int64_t>(res.selected.size()) < want; ++r) {
            const std::int64_t id = lists.neighbours(r)[t];
            if (id < 0 || taken[static_cast<std::size_t>(id)]) continue;
            taken[static_cast<std::size_t>(id)] = 1;
            res.selected.push_back(id);
            res.reference.push_back(r);
        }
    res.exhausted = static_cast<std::int64_t>(res.selected.size()) < want;
    // Scores: the nearest reference of every pick.
    std::vector<const float*> rp(static_cast<std::size_t>(references.rows));
    for (std::int64_t r = 0; r < references.rows; ++r) rp[static_cast<std::size_t>(r)] = references.row(r);
    res.score.resize(res.selected.size());
    constexpr std::int64_t kRows = 64;
    const auto picks = static_cast<std::int64_t>(res.selected.size());
    detail::runTasks((picks + kRows - 1) / kRows, progress, "target matching: scores", [&](std::int64_t t) {
        std::vector<double> g(static_cast<std::size_t>(references.rows));
        for (std::int64_t p = t * kRows; p < std::min(picks, (t + 1) * kRows); ++p) {
            const float* row = pool.row(res.selected[static_cast<std::size_t>(p)]);
            detail::dotBlock(&row, 1, rp.data(), static_cast<int>(references.rows), pool.cols, g.data(), 0);
            res.score[static_cast<std::size_t>(p)] = *std::max_element(g.begin(), g.end());
        }
    });
    return res;
}

TargetMatchResult targetMatch(const Matrix& pool, const Matrix& references, std::int64_t size,
                              const NeighbourSearchFn& search, const TargetMatchParams& params,
                              Progress& progress) {
    checkPair(pool, references, "targetMatch");
    if (size < 0) throw std::invalid_argument("targetMatch: negative size");
    if (params.initialDepth < 1) throw std::invalid_argument("targetMatch: initial depth must be at least 1");
    if (references.rows == 0) return targetMatch(pool, references, KnnGraph{}, size, progress);
    const std::int64_t want = std::min(size, pool.rows);
    int depth =
        static_cast<int>(std::min<std::int64_t>(params.initialDepth, std::max<std::int64_t>(pool.rows, 1)));
    while (true) {
        const KnnGraph lists = search(depth);
        TargetMatchResult res = targetMatch(pool, references, lists, size, progress);
        const bool full = lists.k >= depth && depth < pool.rows;
        if (static_cast<std::int64_t>(res.selected.size()) >= want || !full) return res;
        depth = static_cast<int>(std::min<std::int64_t>(2 * static_cast<std::int64_t>(depth), pool.rows));
    }
}

TargetMatchResult targetMatch(const Matrix& pool, const Matrix& references, std::int64_t size,
                              const TargetMatchParams& params, Progress& progress) {
    return targetMatch(
        pool, references, size,
        [&](int depth) { return rankedNeighbours(pool, references, depth, progress); }, params, progress);
}

}  // namespace winnow::select
