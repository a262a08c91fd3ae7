// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// t-SNE's input affinities (scikit-learn's _binary_search_perplexity and _joint_probabilities_nn).
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "map/tsnedetail.h"

namespace winnow::map {
namespace detail {

SparseRows jointAffinities(const select::KnnGraph& graph, double perplexity, int neighbours,
                           WorkerPool& pool) {
    if (!(perplexity > 0)) throw std::invalid_argument("tsne: perplexity must be > 0");
    const std::int64_t n = graph.n;
    const int wanted = neighbours > 0 ? neighbours : static_cast<int>(std::floor(3 * perplexity));
    const int k = std::max(0, std::min(graph.k, wanted));
    SparseRows conditional;
    conditional.n = n;
    conditional.offsets.resize(static_cast<std::size_t>(n + 1));
    for (std::int64_t i = 0; i <= n; ++i) conditional.offsets[static_cast<std::size_t>(i)] = i * k;
    conditional.cols.resize(static_cast<std::size_t>(n * k));
    conditional.values.resize(static_cast<std::size_t>(n * k));
    const double desiredEntropy = std::log(perplexity);
    constexpr int kSteps = 100;
    constexpr double kTolerance = 1e-5, kEpsilon = 1e-8;
    pool.run(n, 256, [&](std::int64_t begin, std::int64_t end, int) {
        std::vector<double> d2(static_cast<std::size_t>(k)), p(static_cast<std::size_t>(k));
        for (std::int64_t i = begin; i < end; ++i) {
            for (int j = 0; j < k; ++j) {
                // scikit-learn squares the float32 distances in float32.
                const float d = graph.distances(i)[j];
                d2[static_cast<std::size_t>(j)] = static_cast<double>(d * d);
            }
            double beta = 1, betaMin = -std::numeric_limits<double>::infinity(),
                   betaMax = std::numeric_limits<double>::infinity();
            for (int step = 0; step < kSteps; ++step) {
                double sumP = 0;
                for (int j = 0; j < k; ++j)
                    sumP += p[static_cast<std::size_t>(j)] =
                        std::exp(-d2[static_cast<std::size_t>(j)] * beta);
                if (sumP == 0) sumP = kEpsilon;
                double sumDP = 0;
                for (int j = 0; j < k; ++j) {
                    p[static_cast<std::size_t>(j)] /= sumP;
                    sumDP += d2[static_cast<std::size_t>(j)] * p[static_cast<std::size_t>(j)];
                }
                const double diff = std::log(sumP) + beta * sumDP - desiredEntropy;
                if (std::abs(diff) <= kTolerance) break;
                if (diff > 0) {
                    betaMin = beta;
                    beta = std::isinf(betaMax) ? beta * 2 : (beta + betaMax) / 2;
                } else {
                    betaMax = beta;
                    beta = std::isinf(betaMin) ? beta / 2 : (beta + betaMin) / 2;
                }
            }
            for (int j = 0; j < k; ++j) {
                conditional.cols[static_cast<std::size_t>(i * k + j)] = graph.neighbours(i)[j];
                conditional.values[static_cast<std::size_t>(i * k + j)] = p[static_cast<std::size_t>(j)];
            }
        }
    });
    SparseRows joint = symmetrize(conditional, Union::Sum);
    double total = 0;
    for (double v : joint.values) total += v;
    total = std::max(total, std::numeric_limits<double>::epsilon());
    for (double& v : joint.values) v /= total;
    return joint;
}

}  // namespace detail

TsneAffinities tsneAffinities(const select::KnnGraph& graph, double perplexity, int neighbours, int threads) {
    detail::WorkerPool pool(detail::resolveThreads(threads));
    detail::SparseRows p = detail::jointAffinities(graph, perplexity, neighbours, pool);
    return {std::move(p.offsets), std::move(p.cols), std::move(p.values)};
}

}  // namespace winnow::map
