// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Selection over given cluster assignments (no clustering here). Cluster c holds the rows i with
// assignment[i] == c, in increasing row order; the number of clusters is max(assignment) + 1 (empty
// clusters get nothing). Both functions return indices grouped by cluster, clusters in increasing order.

#include <cstdint>
#include <vector>

#include "select/matrix.h"

namespace winnow::select {

/// Seed of cluster c in clusterBalanced(): the splitmix64 finaliser of seed + (c + 1) * 0x9E3779B97F4A7C15
/// (mod 2^64), i.e. the (c+1)-th output of a splitmix64 generator started at seed.
std::uint64_t clusterSeed(std::uint64_t seed, std::int64_t c);

/// Balanced stratified random selection (ALGORITHMS.md 1.4 random_cluster, 10 label balancing): quotas by
/// waterFillingQuotas(cluster sizes, size) (equal share, small clusters taken whole); inside cluster c the
/// members at positions randomSubset(|C|, quota_c, clusterSeed(seed, c)), in draw order. Returns
/// min(size, rows) indices. Throws std::invalid_argument for a negative size or assignment.
std::vector<std::int64_t> clusterBalanced(const std::vector<int>& assignment, std::int64_t size,
                                          std::uint64_t seed);

/// Prototype-distance pruning per cluster (ALGORITHMS.md 2.4, the seed paper's clustering prune): quotas by
/// largestRemainderQuotas(cluster sizes, size); inside cluster c the rows sorted by Euclidean distance to
/// centroids row c (float64 accumulation), descending when keepFarthest (hard examples) else ascending,
/// lowest index on ties, first quota_c kept, in that order. Returns min(size, rows) indices.
/// Throws std::invalid_argument for a negative size, assignment.size() != X.rows, a negative assignment,
/// fewer centroid rows than clusters, centroids.cols != X.cols, or a bad matrix.
std::vector<std::int64_t> clusterPrune(const Matrix& X, const std::vector<int>& assignment,
                                       const Matrix& centroids, std::int64_t size, bool keepFarthest = true);

}  // namespace winnow::select
