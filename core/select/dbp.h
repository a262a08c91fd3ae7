// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Density-based pruning (DBP, ALGORITHMS.md 2.3) over a given clustering (centroids + assignment from the
// caller's k-means; the reference runs SemDeDup first).

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/clusterorder.h"
#include "select/matrix.h"

namespace winnow::select {

/// How the cluster complexity C_j that feeds the softmax is formed.
enum class DbpDensity {
    IntraInter,  ///< "dintra*dinter" (default): C_j = d_inter_j * d_intra_j, p = softmax(C / T)
    Uniform,     ///< "uniform": p_j = 1 / K
    ClusterSize  ///< "clustersize": p_j = |C_j| / n (proportional; the reference's code path for it is broken
                 ///< and would apply the softmax to raw sizes, which puts all mass on the largest cluster)
};

/// Knobs of DBP (defaults of the reference prune.py).
struct DbpParams {
    double temperature = 0.5;        ///< softmax temperature T > 0
    int neighbours = 20;             ///< L: nearest other centroids for d_inter (clamped to K - 1)
    double classBalanceRatio = 0.5;  ///< in [0, 1]: min_samples = int(size / K * ratio); 0 means 1
    DbpDensity density = DbpDensity::IntraInter;
    ClusterKeep keep = ClusterKeep::Hard;  ///< which x_j members of cluster j are kept
    std::uint64_t seed = 0;                ///< seed of ClusterKeep::Random
};

/// Per-cluster quantities of DBP (K = centroids.rows entries each).
struct DbpAllocation {
    std::vector<std::int64_t> size;  ///< |C_j|
    std::vector<double>
        intra;  ///< d_intra: mean cosine distance of the members to the centroid (NaN if empty)
    std::vector<double> inter;         ///< d_inter: mean of 1 - cos to the L nearest other centroids
    std::vector<double> complexity;    ///< C_j = inter * intra, NaN replaced by the mean of the others
    std::vector<double> probability;   ///< p
    std::vector<double> lower, upper;  ///< lb_j = max(0, min(min_samples, |C_j| - 1)), ub_j = |C_j|
    std::vector<double> continuous;    ///< the QP solution x = clip(p * size + nu, lb, ub)
    double nu = 0;                     ///< its shift
    std::vector<std::int64_t> quota;   ///< integer allocation summing to size exactly
};

/// Euclidean projection of target onto {x : sum x = total, lower <= x <= upper}, i.e. the solution of the QP
/// min 1/2 ||x||^2 - target^T x under those constraints: x = clip(target + nu, lower, upper) with the scalar
/// nu found by bisection on the non-decreasing sum, then polished by solving the linear equation on the free
/// coordinates. nuOut, when given, receives nu. O(K * 200). Throws std::invalid_argument when the sizes
/// differ, a bound is not finite, lower > upper somewhere, or total lies outside [sum lower, sum upper].
std::vector<double> projectCappedSimplex(const std::vector<double>& target, const std::vector<double>& lower,
                                         const std::vector<double>& upper, double total,
                                         double* nuOut = nullptr);

/// Integer allocation of total from a continuous x with floor(x) >= lower (integers) and x <= upper
/// (integers): floor(x_j), then the total - sum floor remaining units one each to the largest fractional
/// parts (lowest index on ties) among coordinates still below upper. Sums to total exactly when sum x ==
/// total up to rounding. O(K log K). Throws std::invalid_argument when the sizes differ or total cannot be
/// met.
std::vector<std::int64_t> roundToTotal(const std::vector<double>& x, const std::vector<double>& upper,
                                       std::int64_t total);

/// The DBP allocation for keeping `size` rows (clamped to n): d_intra from centroidCosineDistances(), d_inter
/// over centroids normalised in float64 (self excluded by index, neighbours by decreasing inner product),
/// p by params.density, then projectCappedSimplex(p * size, lb, ub, size) and roundToTotal(). O(n d + K^2 d).
/// Throws std::invalid_argument for a negative size, temperature <= 0 or not finite, neighbours < 1, a ratio
/// outside [0, 1], sum lb > size, or what centroidCosineDistances() rejects.
DbpAllocation dbpAllocation(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                            std::int64_t size, const DbpParams& params = {});

/// Density-based pruning: dbpAllocation(), then from cluster j its first quota_j members in the params.keep
/// order (Hard: farthest from the centroid first). Returns exactly min(size, n) rows, grouped by cluster in
/// increasing order, each in keep order. allocationOut, when given, receives the allocation. Throws as
/// dbpAllocation(); winnow::Canceled when progress is canceled (polled between the steps).
std::vector<std::int64_t> dbp(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                              std::int64_t size, const DbpParams& params = {},
                              Progress& progress = nullProgress(), DbpAllocation* allocationOut = nullptr);

}  // namespace winnow::select
