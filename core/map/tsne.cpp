// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/tsne.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "common/error.h"
#include "map/keytext.h"
#include "map/knn.h"
#include "map/pca.h"
#include "map/random.h"
#include "map/tsnedetail.h"

namespace winnow::map {
namespace {

constexpr std::int64_t kExactLimit = 1000;

void checkParams(const TsneParams& p) {
    if (!(p.perplexity > 0) || p.neighbours < 0)
        throw std::invalid_argument("tsne: needs perplexity > 0, neighbours >= 0");
    if (p.iterations < 0 || p.exaggerationIterations < 0)
        throw std::invalid_argument("tsne: iteration counts must be >= 0");
    if (!(p.exaggeration > 0) || !(p.learningRate >= 0) || !(p.minGain >= 0))
        throw std::invalid_argument("tsne: needs exaggeration > 0, learningRate >= 0, minGain >= 0");
    if (p.interpolationPoints < 2 || p.minIntervals < 1 || !(p.intervalsPerUnit > 0))
        throw std::invalid_argument("tsne: bad FFT grid parameters");
}

std::vector<double> initialLayout(const select::Matrix* X, std::int64_t n, const TsneParams& p,
                                  Progress& progress) {
    std::vector<double> y(static_cast<std::size_t>(2 * n));
    if (p.init == TsneInit::Pca) {
        const select::Matrix pc = pca2d(*X, p.threads, progress);
        double mean = 0, var = 0;
        for (std::int64_t i = 0; i < n; ++i) mean += pc.row(i)[0];
        mean /= static_cast<double>(n);
        for (std::int64_t i = 0; i < n; ++i) var += (pc.row(i)[0] - mean) * (pc.row(i)[0] - mean);
        const double sd = std::sqrt(var / static_cast<double>(n));
        if (sd > 0) {
            for (std::int64_t i = 0; i < 2 * n; ++i)
                y[static_cast<std::size_t>(i)] = pc.data[static_cast<std::size_t>(i)] / sd * 1e-4;
            return y;
        }
    }
    detail::Rng rng(p.seed, 0x75e);
    for (double& v : y) v = 1e-4 * rng.normal();
    return y;
}

}  // namespace

select::Matrix tsne(const select::Matrix& X, const TsneParams& params, Progress& progress) {
    select::checkShape(X);
    checkParams(params);
    const int wanted =
        params.neighbours > 0 ? params.neighbours : static_cast<int>(std::floor(3 * params.perplexity));
    return tsne(layoutKnnGraph(X, wanted, params.threads, progress), &X, params, progress);
}

select::Matrix tsne(const select::KnnGraph& graph, const select::Matrix* X, const TsneParams& params,
                    Progress& progress) {
    checkParams(params);
    checkKnnGraph(graph, "tsne");
    const std::int64_t n = graph.n;
    if (X != nullptr) {
        select::checkShape(*X);
        if (X->rows != n)
            throw std::invalid_argument("tsne: the matrix and the graph have different row counts");
    }
    if (params.init == TsneInit::Pca && X == nullptr)
        throw std::invalid_argument("tsne: PCA initialisation needs the input matrix");
    select::Matrix out;
    out.rows = n;
    out.cols = 2;
    out.data.assign(static_cast<std::size_t>(2 * n), 0.0f);
    if (n < 2) return out;

    detail::WorkerPool pool(detail::resolveThreads(params.threads));
    progress.report(0, -1, "affinities");
    const detail::SparseRows P = detail::jointAffinities(graph, params.perplexity, params.neighbours, pool);
    if (progress.isCanceled()) throw Canceled();
    std::vector<double> y = initialLayout(X, n, params, progress);

    const double learningRate = params.learningRate > 0
                                    ? params.learningRate
                                    : std::max(static_cast<double>(n) / params.exaggeration, 200.0);
    const bool exact =
        params.gradient == TsneGradient::Exact || (params.gradient == TsneGradient::Auto && n <= kExactLimit);
    detail::FftRepulsion fft(params.interpolationPoints, params.minIntervals, params.intervalsPerUnit);
    std::vector<double> rep, attr(y.size()), update(y.size(), 0.0), gains(y.size(), 1.0);
    for (int it = 0; it < params.iterations; ++it) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(it, params.iterations, "optimising layout");
        const bool early = it < params.exaggerationIterations;
        if (it == params.exaggerationIterations) {  // scikit-learn starts the second phase afresh
            std::fill(update.begin(), update.end(), 0.0);
            std::fill(gains.begin(), gains.end(), 1.0);
        }
        const double exaggeration = early ? params.exaggeration : 1.0;
        const double momentum = early ? params.earlyMomentum : params.momentum;
        const double z = exact ? detail::exactRepulsion(y, rep, pool) : fft.compute(y, rep, pool);
        pool.run(n, 512, [&](std::int64_t begin, std::int64_t end, int) {
            for (std::int64_t i = begin; i < end; ++i) {
                const double xi = y[static_cast<std::size_t>(2 * i)],
                             yi = y[static_cast<std::size_t>(2 * i + 1)];
                double ax = 0, ay = 0;
                for (std::int64_t e = P.offsets[static_cast<std::size_t>(i)];
                     e < P.offsets[static_cast<std::size_t>(i + 1)]; ++e) {
                    const std::int64_t j = P.cols[static_cast<std::size_t>(e)];
                    const double dx = xi - y[static_cast<std::size_t>(2 * j)],
                                 dy = yi - y[static_cast<std::size_t>(2 * j + 1)];
                    const double w = P.values[static_cast<std::size_t>(e)] / (1 + dx * dx + dy * dy);
                    ax += w * dx;
                    ay += w * dy;
                }
                attr[static_cast<std::size_t>(2 * i)] = ax;
                attr[static_cast<std::size_t>(2 * i + 1)] = ay;
            }
        });
        pool.run(2 * n, 2048, [&](std::int64_t begin, std::int64_t end, int) {
            for (std::int64_t t = begin; t < end; ++t) {
                const auto s = static_cast<std::size_t>(t);
                const double grad = exaggeration * attr[s] - rep[s] / z;
                double& gain = gains[s];
                gain = (update[s] * grad < 0) ? gain + 0.2 : gain * 0.8;
                gain = std::max(gain, params.minGain);
                update[s] = momentum * update[s] - learningRate * gain * grad;
                y[s] += update[s];
            }
        });
        for (int dim = 0; dim < 2; ++dim) {
            const double mean =
                detail::deterministicSum(
                    pool, n, [&](std::int64_t i) { return y[static_cast<std::size_t>(2 * i + dim)]; }) /
                static_cast<double>(n);
            for (std::int64_t i = 0; i < n; ++i) y[static_cast<std::size_t>(2 * i + dim)] -= mean;
        }
    }
    progress.report(params.iterations, params.iterations, "optimising layout");
    for (std::size_t t = 0; t < y.size(); ++t) out.data[t] = static_cast<float>(y[t]);
    return out;
}

std::string cacheKey(const TsneParams& p) {
    std::ostringstream s;
    const char* gradient = p.gradient == TsneGradient::Exact ? "exact"
                           : p.gradient == TsneGradient::Fft ? "fft"
                                                             : "auto";
    s << "tsne1 perplexity=" << detail::keyNumber(p.perplexity) << " neighbours=" << p.neighbours
      << " exaggeration=" << detail::keyNumber(p.exaggeration)
      << " exaggeration_iterations=" << p.exaggerationIterations << " iterations=" << p.iterations
      << " learning_rate=" << detail::keyNumber(p.learningRate)
      << " early_momentum=" << detail::keyNumber(p.earlyMomentum)
      << " momentum=" << detail::keyNumber(p.momentum) << " min_gain=" << detail::keyNumber(p.minGain)
      << " init=" << (p.init == TsneInit::Pca ? "pca" : "random") << " gradient=" << gradient
      << " interpolation_points=" << p.interpolationPoints << " min_intervals=" << p.minIntervals
      << " intervals_per_unit=" << detail::keyNumber(p.intervalsPerUnit) << " seed=" << p.seed;
    return s.str();
}

}  // namespace winnow::map
