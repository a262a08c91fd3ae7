// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::map {

/// How UMAP's layout starts.
enum class UmapInit {
    Spectral,  ///< eigenvectors of the graph's normalised Laplacian (umap-learn's default)
    Pca,       ///< the 2-D PCA of the input (needs the matrix)
};

/// Knobs of UMAP (ALGORITHMS.md 10; defaults of umap-learn 0.5).
struct UmapParams {
    int k = 15;               ///< neighbourhood size counting the sample itself (umap-learn's n_neighbors)
    double minDist = 0.1;     ///< minimum distance between points in the layout (curve fit)
    double spread = 1.0;      ///< scale of the layout's clusters (curve fit)
    int epochs = 0;           ///< SGD epochs; 0: 500 up to 10,000 samples, 200 above
    double negativeRate = 5;  ///< negative samples per positive edge sample
    double learningRate = 1;  ///< initial SGD step, decayed linearly to 0
    double repulsion = 1;     ///< weight of the negative samples (umap-learn's repulsion_strength)
    UmapInit init = UmapInit::Spectral;
    std::uint64_t seed = 42;  ///< the layout is a function of (input, parameters, seed)
    int threads = 0;          ///< threads to use; <= 0: all cores. Does not change the result.
};

/// The curve 1 / (1 + a d^(2b)) that UMAP uses as its low-dimensional similarity.
struct UmapCurve {
    double a = 0;
    double b = 0;
};

/// a and b fitted by least squares to 1 for d < minDist and exp(-(d - minDist) / spread) above, on 300
/// equispaced d in [0, 3 spread] (umap-learn's find_ab_params), by Levenberg-Marquardt from (1, 1).
/// minDist 0.1, spread 1 give a = 1.5769, b = 0.8951. Throws std::invalid_argument unless spread > 0
/// and minDist >= 0.
UmapCurve fitUmapCurve(double minDist, double spread);

/// UMAP's per-sample kernel widths: rho = distance to the nearest neighbour at a distance > 0, sigma such
/// that sum_j exp(-max(0, d_j - rho) / sigma) = log2(k) over the k-1 nearest neighbours (bisection, 64
/// steps, tolerance 1e-5), floored at 1e-3 times the mean distance (umap-learn's smooth_knn_dist with
/// the sample itself as neighbour 0 at distance 0; local connectivity 1).
struct SmoothKnn {
    std::vector<double> sigma;
    std::vector<double> rho;
};

/// smooth_knn_dist over the first k-1 neighbours of every row of graph. Throws std::invalid_argument
/// unless 2 <= k <= graph.k + 1. O(n k) per bisection step.
SmoothKnn smoothKnnDistances(const select::KnnGraph& graph, int k);

/// The UMAP layout (McInnes, Healy and Melville 2018, as umap-learn 0.5) of the rows of X, with the
/// exact k-nearest-neighbour graph computed by exactKnnGraph(). Returns rows x 2. See the overload.
select::Matrix umap(const select::Matrix& X, const UmapParams& params = {},
                    Progress& progress = nullProgress());

/// The UMAP layout from a k-nearest-neighbour graph (Euclidean, self excluded, increasing distance; the
/// first params.k-1 neighbours of each row are used, so graph.k >= params.k-1). X (rows = graph.n) is
/// needed only for UmapInit::Pca and to place disconnected components; it may be null otherwise.
///
/// Steps: smooth kNN kernel, fuzzy union w = a + b - ab, edges below max w / epochs dropped; spectral
/// initialisation (thick-restart Lanczos, or dense up to 512 samples; components of a disconnected graph
/// laid out separately around their centres); SGD with negative sampling as umap-learn's
/// optimize_layout_euclidean, except that each sample moves only itself (once as head and once as tail
/// of each sampled edge, in that order) against the positions the others had at the start of the epoch.
/// That partitioning makes the result a function of (graph, X, params without threads) only: identical for
/// every thread count and run on one build and machine (libm's powf may differ in the last bit between CPU
/// variants). Progress: polled and reported once per epoch (and per initialisation step); throws
/// winnow::Canceled when canceled, std::invalid_argument for bad parameters or shapes or 2^32 samples and
/// more. Time O(epochs * edges * (1 + negativeRate)), memory O(edges): with the exact kNN graph of
/// bench/map, 10,000 x 50 (500 epochs) takes about 8 CPU seconds, 70,000 (200 epochs) about 40.
select::Matrix umap(const select::KnnGraph& graph, const select::Matrix* X, const UmapParams& params = {},
                    Progress& progress = nullProgress());

/// A canonical text of every parameter that changes the layout (not threads), for cache keys:
/// e.g. "umap1 k=15 min_dist=0.1 spread=1 epochs=0 negative_rate=5 learning_rate=1 repulsion=1
/// init=spectral seed=42". The leading tag changes when the algorithm changes.
std::string cacheKey(const UmapParams& params);

}  // namespace winnow::map
