// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SemDeDup (ALGORITHMS.md 2.1) over a given clustering: the k-means (spherical in the reference) comes from
// the caller (core/index), as centroids and an assignment.

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/clusterorder.h"
#include "select/matrix.h"

namespace winnow::select {

/// Knobs of SemDeDup.
struct SemDedupParams {
    double eps = 0.05;                     ///< remove j iff its max similarity to an earlier item > 1 - eps
    ClusterKeep keep = ClusterKeep::Hard;  ///< order inside a cluster; the first of a duplicate group is kept
    std::uint64_t seed = 1234;             ///< seed of ClusterKeep::Random
};

/// Everything SemDeDup computes that does not depend on eps (so one computation serves every eps).
struct SemDedupScores {
    /// All rows, grouped by cluster in increasing cluster order, each cluster in its keep order.
    std::vector<std::int64_t> order;
    /// Per row: 1 - cos(row, own centroid) (centroidCosineDistances()).
    std::vector<double> centroidDistance;
    /// Per row j: max <X_i, X_j> over the rows i before j in its cluster's order, removed or not (the chain
    /// effect); -infinity for the first row of a cluster.
    std::vector<double> maxSimilarity;
    /// Per row j: the earlier row reaching maxSimilarity (the earliest in the order on ties); -1 for the
    /// first.
    std::vector<std::int64_t> duplicateOf;
};

/// The eps-independent part of SemDeDup. Inside each cluster the rows are ordered by params.keep on the
/// cosine distance to the centroid (normalised in float64; see ClusterKeep), then every row gets the maximum
/// inner product with the rows before it. X should be L2-normalised (dot = cosine; rows are used as given).
/// Cost: sum over clusters of |C|^2 d / 2 multiply-adds in float64 (detail::dotBlock: identical values on
/// every machine and thread count), on all cores: clusters are cut into blocks of 64 rows of the order, each
/// block compared with the rows before it in tiles of 256, so the scratch is O(64 * (256 + d)) doubles per
/// thread whatever the cluster size. 100,000 x 512 in 1,000 clusters: under a second on 2 cores
/// (bench/semdedup). Throws std::invalid_argument for assignment.size() != X.rows, an assignment outside [0,
/// centroids.rows), centroids.cols != X.cols or a bad matrix; winnow::Canceled when progress is canceled
/// (polled after every block; reports come from the calling thread only).
SemDedupScores semDedupScores(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                              const SemDedupParams& params = {}, Progress& progress = nullProgress());

/// Rows kept at eps: those with maxSimilarity <= 1 - eps (so the first row of every cluster and every
/// singleton cluster), in increasing row order. O(n). Throws std::invalid_argument for a non-finite eps.
std::vector<std::int64_t> semDedupKept(const SemDedupScores& scores, double eps);

/// semDedupScores() then semDedupKept(params.eps): the kept rows in increasing row order. scoresOut, when
/// given, receives the scores. Throws as those two do.
std::vector<std::int64_t> semDedup(const Matrix& X, const std::vector<int>& assignment,
                                   const Matrix& centroids, const SemDedupParams& params = {},
                                   Progress& progress = nullProgress(), SemDedupScores* scoresOut = nullptr);

/// An eps and the number of rows it keeps.
struct SemDedupEps {
    double eps = 0;
    std::int64_t kept = 0;
};

/// The eps that keeps a target number of rows. The kept count of eps is #{j : maxSimilarity_j <= 1 - eps},
/// a step function, so the reachable counts are those between distinct sorted maxSimilarity values; this
/// returns the smallest reachable count >= min(keep, n) (ties of maxSimilarity can force more; never fewer
/// than the cluster count) with an eps whose threshold 1 - eps lies strictly between the two neighbouring
/// distinct values (their midpoint, then checked with semDedupKept's exact rule and moved by single ulps if
/// rounding needs it), so semDedupKept(scores, result.eps).size() == result.kept. When every row is kept the
/// eps is 1 - max(maxSimilarity) (0 when all are -infinity); below the smallest value it is
/// 1 - (that value - 1). O(n log n). Throws std::invalid_argument for a negative keep.
SemDedupEps semDedupEpsForKeep(const SemDedupScores& scores, std::int64_t keep);

/// semDedupEpsForKeep(scores, floor(fraction * n)), n = rows. Throws std::invalid_argument for a fraction
/// outside [0, 1].
SemDedupEps semDedupEpsForKeepFraction(const SemDedupScores& scores, double fraction);

}  // namespace winnow::select
