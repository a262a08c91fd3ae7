// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Target distribution matching (ALGORITHMS.md 10): pick pool rows round-robin over the reference rows by
// rank of cosine similarity, so the selection covers the reference distribution instead of piling up
// around its densest region.

#include <cstdint>
#include <functional>
#include <vector>

#include "common/progress.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::select {

/// Ranked pool neighbours of every reference row, `depth` deep: a KnnGraph with n = reference rows and
/// k <= depth whose row r lists pool rows by decreasing cosine similarity to reference r (lowest pool row
/// first on ties; ids of -1 pad a list that has no more). dist is not used here. Exact search (core/index's
/// flat index, rankedNeighbours()) makes the selection independent of the depth; an approximate one is
/// accepted as is.
using NeighbourSearchFn = std::function<KnnGraph(int depth)>;

/// Knobs of target matching.
struct TargetMatchParams {
    int initialDepth = 64;  ///< first list depth asked of the search; doubled while the lists run out
};

/// The selection: pool rows in pick order, with per-pick details.
struct TargetMatchResult {
    std::vector<std::int64_t> selected;   ///< pool rows in pick order
    std::vector<double> score;            ///< cosine similarity to the nearest reference row, per pick
    std::vector<std::int64_t> reference;  ///< the reference whose turn picked it, per pick
    int depth = 0;                        ///< list depth finally used
    bool exhausted = false;               ///< true when the lists ran out before size picks (fewer returned)
};

/// Round robin over fixed lists: for rank t = 0, 1, ... and, inside a rank, reference r = 0, 1, ...: take
/// lists.neighbours(r)[t] unless it is -1 or already taken, until min(size, pool rows) rows are taken. When
/// the lists run out first, fewer rows come back and exhausted is set. score = max over reference rows of
/// <pool row, reference row> (float64; rows used as given: cosine for L2-normalised rows), O(picks * m * d).
/// Throws std::invalid_argument for a negative size, pool.cols != references.cols, lists.n !=
/// references.rows, an id outside [-1, pool rows) or a bad matrix; winnow::Canceled when progress is
/// canceled.
TargetMatchResult targetMatch(const Matrix& pool, const Matrix& references, const KnnGraph& lists,
                              std::int64_t size, Progress& progress = nullProgress());

/// The same with lists from search: asks for params.initialDepth, and while the round robin runs out before
/// min(size, pool rows) picks and the lists were full (k == the depth asked, depth < pool rows), asks again
/// for twice the depth (capped at pool rows) and restarts (with exact lists, a deeper list begins with the
/// shallower one, so the picks so far repeat). Throws as the overload above, and std::invalid_argument for
/// initialDepth < 1.
TargetMatchResult targetMatch(const Matrix& pool, const Matrix& references, std::int64_t size,
                              const NeighbourSearchFn& search, const TargetMatchParams& params = {},
                              Progress& progress = nullProgress());

/// Brute-force convenience for small sets: the overload above with rankedNeighbours() as the search.
TargetMatchResult targetMatch(const Matrix& pool, const Matrix& references, std::int64_t size,
                              const TargetMatchParams& params = {}, Progress& progress = nullProgress());

/// Exact ranked lists by brute force: inner products (float64, detail::dotBlock) of every reference with
/// every pool row, the top min(depth, pool rows) by decreasing value, lowest pool row first on ties. dist
/// holds the Euclidean distances sqrt(max(0, 2 - 2 * inner product)) of unit rows. O(m n d + m n log depth)
/// time, O(n) scratch per thread. Throws std::invalid_argument for depth < 1 or mismatched matrices;
/// winnow::Canceled when progress is canceled.
KnnGraph rankedNeighbours(const Matrix& pool, const Matrix& references, int depth,
                          Progress& progress = nullProgress());

}  // namespace winnow::select
