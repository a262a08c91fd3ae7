// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::index {

/// How k-means picks its initial centroids.
enum class KMeansInit {
    RandomSample,  ///< FAISS's default: k distinct training rows, faiss::rand_perm(seed + 1)
    PlusPlus,      ///< k-means++ (Arthur & Vassilvitskii 2007): D^2 sampling, one trial per centre
};

/// Knobs of kmeans().
struct KMeansParams {
    int k = 100;                ///< clusters
    int iterations = 20;        ///< Lloyd iterations (assignment + update)
    std::uint64_t seed = 1234;  ///< sampling and initialisation (FAISS's default seed is 1234)
    bool spherical = false;     ///< cosine k-means: assign by inner product, centroids L2-normalised
    KMeansInit init = KMeansInit::RandomSample;  ///< ignored when initialCentroids is given
    int threads = 0;                             ///< 0 = all hardware threads
    int maxPointsPerCentroid = 256;   ///< train on a seeded sample of k * this rows when there are more
                                      ///< (FAISS's default and rule); 0 = always train on all rows
    select::Matrix initialCentroids;  ///< optional k x d start (e.g. to compare with another Lloyd)
};

/// Output of kmeans(). Centroid c is row c of centroids.
struct KMeansResult {
    select::Matrix centroids;       ///< k x d final centroids (unit norm when spherical)
    std::vector<int> assignment;    ///< per input row: its nearest final centroid (lowest index on ties)
    std::vector<float> distance;    ///< per input row: Euclidean distance to that centroid, or 1 - cos when
                                    ///< spherical (cos of the row with the unit centroid; 1 for zero rows)
    std::vector<double> objective;  ///< per iteration, at its assignment step: sum of squared L2 distances
                                    ///< (spherical: sum of inner products), as FAISS reports it
    std::int64_t trainRows = 0;     ///< rows the iterations ran on (all, or the seeded sample)
    int emptySplits = 0;  ///< empty clusters FAISS re-seeded by splitting large ones, all iterations
};

/// k-means on the rows of X with FAISS's Lloyd implementation (faiss::Clustering, run one iteration per call
/// so that cancel is polled between iterations; identical to one call with `iterations` iterations except
/// that spherical centroids are renormalised once more per iteration, a last-bit difference).
///
/// Semantics are faiss.Kmeans's: with more than k * maxPointsPerCentroid rows, the iterations run on the
/// sample faiss::rand_perm(seed) would pick; an iteration assigns every training row to its nearest
/// centroid (L2, or largest inner product when spherical) with FAISS's BLAS search, moves each centroid to
/// the mean of its rows (normalised when spherical) and re-seeds empty clusters by splitting large ones
/// (FAISS's split_clusters). After the last iteration every row of X is assigned to the final centroids and
/// its distance is computed in float64. KMeansInit::PlusPlus runs D^2 sampling on the training rows
/// (std::mt19937_64(seed), documented in kmeans.cpp), in float64, O(trainRows * k * d) memory-bound work.
///
/// Determinism: the same X, params and thread count on the same machine give bit-identical results. A
/// different thread count or CPU can change OpenBLAS's blocking and so the last bits of the assignment
/// distances (rarely an assignment, when two centroids are within rounding of each other). The random
/// initialisation and the k-means++ draws do not depend on threads.
///
/// Cost: O(trainRows * k * d) per iteration (a matrix product), plus O(rows * k * d) for the final
/// assignment. Threads: OpenBLAS gets the threads and FAISS's OpenMP loops one (they never run at once
/// usefully on a small machine). Polls progress once per iteration.
/// Throws std::invalid_argument for a bad matrix, k < 1, k > rows, iterations < 0, or initialCentroids
/// whose shape is not k x cols; winnow::Error when X holds NaN or infinite values; winnow::Canceled.
KMeansResult kmeans(const select::Matrix& X, const KMeansParams& params = {},
                    Progress& progress = nullProgress());

/// The k-means++ initial centroids kmeans() uses (D^2 sampling on all rows of X; see kmeans.cpp for the
/// exact draw). Throws std::invalid_argument for a bad matrix or k outside [1, rows].
select::Matrix kmeansPlusPlus(const select::Matrix& X, int k, std::uint64_t seed, int threads = 0);

/// Nearest centroid of every row of X: smallest Euclidean distance, or largest inner product when
/// innerProduct, found with FAISS's BLAS search in float32 (lowest index on ties as FAISS computes them:
/// centroids within float32 rounding of each other may come out either way). Fits select::AssignFn.
/// O(rows * k * d); OpenBLAS gets the threads. Throws std::invalid_argument for bad matrices, no centroids
/// or differing dimensions; winnow::Error for NaN/infinite values.
std::vector<int> nearestCentroids(const select::Matrix& X, const select::Matrix& centroids,
                                  bool innerProduct = false, int threads = 0);

/// Callback shape for algorithms built on k-means (hierarchical k-means in core/select wraps it):
/// cluster a matrix into k clusters with the given seed.
using KMeansFunction = std::function<KMeansResult(const select::Matrix& X, int k, std::uint64_t seed)>;

/// A KMeansFunction running kmeans() with base's knobs, k and seed replaced by the call's (and
/// base.initialCentroids ignored). The progress object must outlive the function; it is polled as in
/// kmeans().
KMeansFunction kmeansFunction(KMeansParams base = {}, Progress& progress = nullProgress());

}  // namespace winnow::index
