// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Cosine distance to the own centroid and the within-cluster orders built on it, shared by SemDeDup (2.1)
// and density-based pruning (2.3). Cluster c holds the rows i with assignment[i] == c.

#include <cstdint>
#include <vector>

#include "select/matrix.h"

namespace winnow::select {

/// Order of the members of a cluster by cosine distance to its centroid.
enum class ClusterKeep {
    Hard,   ///< farthest first (descending distance), lowest row first on ties: the reference default
    Easy,   ///< closest first (ascending distance), lowest row first on ties
    Random  ///< seeded shuffle: members (in increasing row order) at randomSubset(|C|, |C|, clusterSeed(seed,
            ///< c))
};

/// 1 - <X_i, c> / ||c|| for every row i, c = centroids row assignment[i] (float64 accumulation; the rows are
/// used as given, so this is the cosine distance only for L2-normalised rows; a zero centroid gives 1).
/// O(n d). Throws std::invalid_argument for assignment.size() != X.rows, an assignment outside
/// [0, centroids.rows), centroids.cols != X.cols or a bad matrix.
std::vector<double> centroidCosineDistances(const Matrix& X, const std::vector<int>& assignment,
                                            const Matrix& centroids);

namespace detail {

/// Members of each of `clusters` clusters in increasing row order. Throws std::invalid_argument (message
/// prefixed by who) for an assignment outside [0, clusters).
std::vector<std::vector<std::int64_t>> clusterMembers(const std::vector<int>& assignment,
                                                      std::int64_t clusters, const char* who);

/// Checks X, centroids and assignment as centroidCosineDistances() documents (message prefixed by who).
void checkClusters(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                   const char* who);

/// The members of cluster c ordered by keep, dist[i] being row i's distance.
std::vector<std::int64_t> orderMembers(const std::vector<std::int64_t>& members,
                                       const std::vector<double>& dist, ClusterKeep keep, std::uint64_t seed,
                                       std::int64_t c);

/// sqrt(sum of squares) of every row, in float64 with the summation order of detail::dot().
std::vector<double> rowNorms(const Matrix& m);

}  // namespace detail
}  // namespace winnow::select
