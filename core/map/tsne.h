// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include "common/progress.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::map {

/// How t-SNE's layout starts.
enum class TsneInit {
    Pca,     ///< the 2-D PCA of the input scaled so that its first column has std 1e-4 (needs the matrix)
    Random,  ///< N(0, 1e-4^2) coordinates from the seed
};

/// How the repulsive forces are computed.
enum class TsneGradient {
    Auto,   ///< Exact up to 1,000 samples, Fft above
    Exact,  ///< all pairs, O(n^2) per iteration
    Fft,    ///< FIt-SNE's interpolation on an equispaced grid with FFT convolution, O(n + grid log grid)
};

/// Knobs of t-SNE (ALGORITHMS.md 10; openTSNE's and FIt-SNE's defaults).
struct TsneParams {
    double perplexity = 30;            ///< target perplexity of the conditional affinities
    int neighbours = 0;                ///< neighbours per sample for the affinities; 0: 3 x perplexity
    double exaggeration = 12;          ///< early exaggeration factor of P
    int exaggerationIterations = 250;  ///< iterations with exaggeration and momentum earlyMomentum
    int iterations = 750;              ///< all iterations, the early-exaggeration ones included
    double learningRate = 0;           ///< 0: max(n / exaggeration, 200) (openTSNE's and FIt-SNE's auto)
    double earlyMomentum = 0.5;        ///< momentum during early exaggeration
    double momentum = 0.8;             ///< momentum afterwards
    double minGain = 0.01;             ///< floor of the delta-bar-delta gains
    TsneInit init = TsneInit::Pca;
    TsneGradient gradient = TsneGradient::Auto;
    int interpolationPoints = 3;  ///< Fft: Lagrange nodes per grid interval and dimension
    int minIntervals = 50;        ///< Fft: least grid intervals per dimension (rounded up to 2^a 3^b)
    double intervalsPerUnit = 1;  ///< Fft: grid intervals per unit of layout extent
    std::uint64_t seed = 42;      ///< the layout is a function of (input, parameters, seed)
    int threads = 0;              ///< threads to use; <= 0: all cores. Does not change the result.
};

/// The t-SNE layout (van der Maaten 2014; FFT-accelerated as Linderman et al. 2019) of the rows of X with
/// the exact nearest-neighbour graph of exactKnnGraph(). Returns rows x 2. See the overload.
select::Matrix tsne(const select::Matrix& X, const TsneParams& params = {},
                    Progress& progress = nullProgress());

/// The t-SNE layout from a k-nearest-neighbour graph (Euclidean, self excluded, increasing distance): the
/// first min(graph.k, neighbours) of each row give the conditional affinities p(j|i) ~ exp(-beta_i d_ij^2)
/// with beta_i bisected to the perplexity (scikit-learn's _binary_search_perplexity: 100 steps, entropy
/// tolerance 1e-5), symmetrised as (P + P^T) / sum. Gradient descent on KL(P||Q) without the factor 4
/// (openTSNE, FIt-SNE; hence the learning rate n/12), with momentum and delta-bar-delta gains (+0.2,
/// x0.8, reset between the two phases as scikit-learn does); the layout is re-centred every iteration.
/// X (rows = graph.n) is needed for TsneInit::Pca only. Every parallel step writes per-sample outputs or
/// sums in fixed chunks, so the result is a function of (graph, X, params without threads): identical for
/// every thread count and run on one build and machine. Progress polled and reported every iteration;
/// throws winnow::Canceled when canceled, std::invalid_argument for bad parameters or shapes. Time per
/// iteration O(nnz(P) + n p^2 + G^2 log G) with G = 2 p intervals; with the exact kNN graph of bench/map,
/// 10,000 x 50 takes about 18 CPU seconds, 70,000 about 130 (the grid grows with the layout's extent:
/// about 130 and 190 intervals at the end).
select::Matrix tsne(const select::KnnGraph& graph, const select::Matrix* X, const TsneParams& params = {},
                    Progress& progress = nullProgress());

/// The symmetric joint affinities P of tsne() as (row, column, value) lists: entries of row i are
/// cols[offsets[i] .. offsets[i+1]) in increasing column order. For tests and inspection.
struct TsneAffinities {
    std::vector<std::int64_t> offsets;
    std::vector<std::int64_t> cols;
    std::vector<double> values;
};
TsneAffinities tsneAffinities(const select::KnnGraph& graph, double perplexity, int neighbours = 0,
                              int threads = 0);

/// A canonical text of every parameter that changes the layout (not threads), for cache keys, e.g.
/// "tsne1 perplexity=30 neighbours=0 ... gradient=auto seed=42".
std::string cacheKey(const TsneParams& params);

}  // namespace winnow::map
