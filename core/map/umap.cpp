// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/umap.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "common/error.h"
#include "map/keytext.h"
#include "map/knn.h"
#include "map/pca.h"
#include "map/random.h"
#include "map/umapdetail.h"

namespace winnow::map {
namespace {

void checkParams(const UmapParams& p) {
    if (p.k < 2) throw std::invalid_argument("umap: k must be at least 2");
    if (p.epochs < 0) throw std::invalid_argument("umap: epochs must be >= 0");
    if (!(p.negativeRate >= 0) || !(p.learningRate > 0) || !(p.repulsion >= 0))
        throw std::invalid_argument("umap: negativeRate and repulsion must be >= 0, learningRate > 0");
    if (!(p.spread > 0) || !(p.minDist >= 0))
        throw std::invalid_argument("umap: needs spread > 0, minDist >= 0");
}

/// umap-learn's last initialisation steps: scale so that the largest |coordinate| is 10, add N(0, 1e-4)
/// noise, then map each column onto [0, 10].
std::vector<float> normaliseInit(const std::vector<double>& init, std::int64_t n, std::uint64_t seed) {
    double peak = 0;
    for (double v : init) peak = std::max(peak, std::abs(v));
    const double expansion = peak > 0 ? 10.0 / peak : 1.0;
    detail::Rng rng(seed, 0x7015e);
    std::vector<float> out(init.size());
    for (std::size_t t = 0; t < init.size(); ++t)
        out[t] = static_cast<float>(init[t] * expansion) + static_cast<float>(1e-4 * rng.normal());
    for (int c = 0; c < 2; ++c) {
        float lo = INFINITY, hi = -INFINITY;
        for (std::int64_t i = 0; i < n; ++i) {
            lo = std::min(lo, out[static_cast<std::size_t>(2 * i + c)]);
            hi = std::max(hi, out[static_cast<std::size_t>(2 * i + c)]);
        }
        for (std::int64_t i = 0; i < n; ++i) {
            float& v = out[static_cast<std::size_t>(2 * i + c)];
            v = hi > lo ? 10.0f * (v - lo) / (hi - lo) : 5.0f;
        }
    }
    return out;
}

}  // namespace

select::Matrix umap(const select::Matrix& X, const UmapParams& params, Progress& progress) {
    select::checkShape(X);
    checkParams(params);
    // umap-learn's k counts the point itself.
    return umap(layoutKnnGraph(X, params.k - 1, params.threads, progress), &X, params, progress);
}

select::Matrix umap(const select::KnnGraph& graph, const select::Matrix* X, const UmapParams& params,
                    Progress& progress) {
    checkParams(params);
    checkKnnGraph(graph, "umap", (std::int64_t{1} << 32) - 1);
    const std::int64_t n = graph.n;
    if (X != nullptr) {
        select::checkShape(*X);
        if (X->rows != n)
            throw std::invalid_argument("umap: the matrix and the graph have different row counts");
    }
    if (params.init == UmapInit::Pca && X == nullptr)
        throw std::invalid_argument("umap: PCA initialisation needs the input matrix");
    select::Matrix out;
    out.rows = n;
    out.cols = 2;
    out.data.assign(static_cast<std::size_t>(2 * n), 0.0f);
    if (n < 2) return out;
    const int k = static_cast<int>(std::min<std::int64_t>(params.k, n));
    if (graph.k < k - 1)
        throw std::invalid_argument("umap: the kNN graph has fewer than k-1 neighbours per row");

    detail::WorkerPool pool(detail::resolveThreads(params.threads));
    progress.report(0, -1, "fuzzy graph");
    const SmoothKnn kernel = smoothKnnDistances(graph, k);
    detail::SparseRows fuzzy = detail::fuzzyGraph(graph, k, kernel);
    const int defaultEpochs = n <= 10000 ? 500 : 200;
    const int epochs = params.epochs > 0 ? params.epochs : defaultEpochs;
    detail::pruneWeakEdges(fuzzy, epochs > 10 ? epochs : defaultEpochs);
    if (progress.isCanceled()) throw Canceled();

    std::vector<double> init;
    if (params.init == UmapInit::Pca) {
        progress.report(0, -1, "PCA initialisation");
        const select::Matrix p = pca2d(*X, params.threads, progress);
        init.assign(p.data.begin(), p.data.end());
    } else {
        progress.report(0, -1, "spectral initialisation");
        init = detail::spectralInit(fuzzy, X, params.seed, pool, progress);
    }
    if (progress.isCanceled()) throw Canceled();
    std::vector<float> positions = normaliseInit(init, n, params.seed);
    const UmapCurve curve = fitUmapCurve(params.minDist, params.spread);
    detail::optimizeLayout(fuzzy, positions, curve, epochs, params, pool, progress);
    out.data = std::move(positions);
    return out;
}

std::string cacheKey(const UmapParams& p) {
    std::ostringstream s;
    s << "umap1 k=" << p.k << " min_dist=" << detail::keyNumber(p.minDist)
      << " spread=" << detail::keyNumber(p.spread) << " epochs=" << p.epochs
      << " negative_rate=" << detail::keyNumber(p.negativeRate)
      << " learning_rate=" << detail::keyNumber(p.learningRate)
      << " repulsion=" << detail::keyNumber(p.repulsion)
      << " init=" << (p.init == UmapInit::Pca ? "pca" : "spectral") << " seed=" << p.seed;
    return s.str();
}

}  // namespace winnow::map
