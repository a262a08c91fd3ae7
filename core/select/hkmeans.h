// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hierarchical k-means with resampling and balanced hierarchical sampling (Vo et al. 2024, ALGORITHMS.md
// 2.5). The k-means itself comes in as a KMeansFn (core/index adapts FAISS to it).

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/kmeansfn.h"
#include "select/matrix.h"

namespace winnow::select {

/// One level of a hierarchy. Its items are the rows of X (level 1) or the clusters of the level below.
struct HierarchyLevel {
    Matrix centroids;             ///< k x d
    std::vector<int> assignment;  ///< cluster of every item
    /// Items of every cluster, nearest to its centroid first (Euclidean, float64; lowest item on ties).
    std::vector<std::vector<std::int64_t>> clusters;
};

/// Levels, finest first: hierarchy[0] clusters the rows, hierarchy[l] the clusters of hierarchy[l - 1].
using Hierarchy = std::vector<HierarchyLevel>;

/// How the points for a resampling step are drawn from every cluster.
enum class ResampleStrategy {
    Closest,  ///< the sampleSize items nearest to the centroid ("closest", the reference default)
    Random    ///< sampleSize items at random ("random")
};

/// Knobs of hierarchical k-means: one entry per level in each vector, finest level first.
struct HKMeansParams {
    std::vector<int> clusters;         ///< k of every level (the demo config of the reference: {5000, 1000})
    std::vector<int> resamplingSteps;  ///< resampling steps of every level (demo: {10, 10})
    std::vector<int> sampleSize;       ///< items per cluster in a resampling step; <= 1 means no resampling
    ResampleStrategy strategy = ResampleStrategy::Closest;
    std::uint64_t seed = 0;  ///< seeds of the k-means calls and of ResampleStrategy::Random
};

/// Builds a level: the given centroids and assignment of items, with every cluster's items sorted nearest
/// first. O(items * d). Throws std::invalid_argument for mismatched sizes or an assignment outside
/// [0, centroids.rows).
HierarchyLevel makeLevel(const Matrix& items, Matrix centroids, std::vector<int> assignment);

/// Nearest centroid (squared Euclidean, detail::squaredDistances; lowest index on ties) of every row: the
/// brute force behind AssignFn, O(n k d) on all cores. Throws std::invalid_argument for mismatched matrices
/// or no centroids when rows > 0.
std::vector<int> assignNearest(const Matrix& X, const Matrix& centroids);

/// Hierarchical k-means with resampling. Level l's input is X (l = 0) or the centroids of level l - 1. A
/// level runs kmeans(input, k_l, s) and, when sampleSize_l > 1, resamplingSteps_l times: takes from every
/// cluster (in cluster order) min(sampleSize_l, |C|) items (Closest: the nearest first; Random: the items at
/// randomSubset(|C|, sampleSize_l, clusterSeed(clusterSeed(clusterSeed(seed, 2l + 1), step), c))), re-fits
/// kmeans on those rows with k_l and re-assigns the whole input to the new centroids (assign, or
/// assignNearest() when assign is empty); a step whose sample has fewer than k_l rows ends the level's
/// resampling. The k-means seed of level l, call j (0 = first fit, step + 1 = re-fits) is
/// clusterSeed(clusterSeed(seed, 2l), j). Progress counts k-means calls. Throws std::invalid_argument for
/// empty or unequal parameter vectors, k_l outside [1, input rows], or a bad matrix; winnow::Error when the
/// callback returns a result of the wrong shape; winnow::Canceled when progress is canceled (polled between
/// k-means calls).
Hierarchy hierarchicalKMeans(const Matrix& X, const HKMeansParams& params, const KMeansFn& kmeans,
                             Progress& progress = nullProgress(), const AssignFn& assign = {});

/// best_cut of the reference: the largest integer c with sum_i min(c, sizes_i) <= target, or max(sizes) when
/// sum(sizes) <= target (0 for no sizes). Exact integer binary search, O(K log max). Throws
/// std::invalid_argument for a negative size or target.
std::int64_t bestCut(const std::vector<std::int64_t>& sizes, std::int64_t target);

/// Balanced split of target over groups: sizes when sum(sizes) <= target; else c = bestCut(sizes, target),
/// quota_i = min(c, sizes_i), and the target - sum(quota) < #{sizes_i > c} remaining units go one each to the
/// groups with sizes_i > c at positions randomSubset(#candidates, remainder, seed) of the candidates in
/// increasing index (the reference draws them with np.random.choice). Sums to min(target, sum(sizes)).
std::vector<std::int64_t> bestCutQuotas(const std::vector<std::int64_t>& sizes, std::int64_t target,
                                        std::uint64_t seed);

/// How a level-1 cluster gives up fewer than all of its rows.
enum class LeafStrategy {
    Random,  ///< "r": the rows at randomSubset(|C|, t, node seed) of the cluster's list (reference default)
    Closest  ///< "c": the first t rows of the list (nearest to the centroid)
};

/// Knobs of hierarchical sampling.
struct HierarchicalSamplingParams {
    LeafStrategy leaf = LeafStrategy::Random;
    std::uint64_t seed = 0;  ///< node (level l in 1..L, cluster c) seed: clusterSeed(clusterSeed(seed, l), c)
};

/// Balanced hierarchical sampling (the reference's hierarchical_sampling with multiplier 1): the target is
/// split over the top-level clusters by bestCutQuotas(their row counts, size, node seed of (L + 1, 0)), then
/// recursively over each cluster's children (in the cluster's item order) by bestCutQuotas(child row counts,
/// quota, node seed of (l, c)); a level-1 cluster with quota t gives all its rows when |C| <= t, else t rows
/// by params.leaf. Returns exactly min(size, rows) distinct rows, in traversal order. O(rows + nodes log).
/// Throws std::invalid_argument for a negative size or an inconsistent hierarchy.
std::vector<std::int64_t> hierarchicalSampling(const Hierarchy& hierarchy, std::int64_t size,
                                               const HierarchicalSamplingParams& params = {});

}  // namespace winnow::select
