// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// UMAP's stochastic gradient descent with negative sampling (umap-learn's optimize_layout_euclidean),
// partitioned by vertex so that the result does not depend on the thread count.
#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "map/random.h"
#include "map/umapdetail.h"

namespace winnow::map::detail {
namespace {

inline float clip4(float v) {
    return std::min(4.0f, std::max(-4.0f, v));
}

}  // namespace

void optimizeLayout(const SparseRows& g, std::vector<float>& positions, const UmapCurve& curve, int epochs,
                    const UmapParams& params, WorkerPool& pool, Progress& progress) {
    const std::int64_t n = g.n;
    const std::int64_t edges = g.nonZeros();
    double maxWeight = 0;
    for (double v : g.values) maxWeight = std::max(maxWeight, v);
    // Sampling schedule of umap-learn's make_epochs_per_sample, per directed edge in row order.
    std::vector<double> period(static_cast<std::size_t>(edges)), nextSample(period.size());
    std::vector<double> negativePeriod(period.size()), nextNegative(period.size());
    for (std::int64_t e = 0; e < edges; ++e) {
        const auto s = static_cast<std::size_t>(e);
        period[s] = maxWeight / g.values[s];
        nextSample[s] = period[s];
        negativePeriod[s] = period[s] / params.negativeRate;
        nextNegative[s] = negativePeriod[s];
    }
    std::vector<Rng> rngs;
    rngs.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) rngs.emplace_back(params.seed, static_cast<std::uint64_t>(i) + 1);

    const float a = static_cast<float>(curve.a), b = static_cast<float>(curve.b);
    const float gamma = static_cast<float>(params.repulsion);
    const auto vertices = static_cast<std::uint64_t>(n);
    std::vector<float> snapshot(positions.size());
    double alpha = params.learningRate;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(epoch, epochs, "optimising layout");
        snapshot = positions;
        const float step = static_cast<float>(alpha);
        pool.run(n, 512, [&](std::int64_t begin, std::int64_t end, int) {
            for (std::int64_t i = begin; i < end; ++i) {
                float cx = positions[static_cast<std::size_t>(2 * i)],
                      cy = positions[static_cast<std::size_t>(2 * i + 1)];
                Rng& rng = rngs[static_cast<std::size_t>(i)];
                const auto attract = [&](float ox, float oy) {
                    const float dx = cx - ox, dy = cy - oy;
                    const float d2 = dx * dx + dy * dy;
                    if (d2 <= 0) return;
                    const float pb1 = std::pow(d2, b - 1.0f);
                    const float coeff = -2.0f * a * b * pb1 / (a * pb1 * d2 + 1.0f);
                    cx += clip4(coeff * dx) * step;
                    cy += clip4(coeff * dy) * step;
                };
                for (std::int64_t e = g.offsets[static_cast<std::size_t>(i)];
                     e < g.offsets[static_cast<std::size_t>(i + 1)]; ++e) {
                    const auto s = static_cast<std::size_t>(e);
                    if (nextSample[s] > epoch) continue;
                    const std::int64_t j = g.cols[s];
                    const float ox = snapshot[static_cast<std::size_t>(2 * j)],
                                oy = snapshot[static_cast<std::size_t>(2 * j + 1)];
                    attract(ox, oy);  // as the head of edge (i, j)
                    attract(ox, oy);  // as the tail of edge (j, i): umap-learn's move_other
                    nextSample[s] += period[s];
                    const auto negatives =
                        params.negativeRate > 0
                            ? static_cast<std::int64_t>((epoch - nextNegative[s]) / negativePeriod[s])
                            : std::int64_t{0};
                    for (std::int64_t p = 0; p < negatives; ++p) {
                        const auto k = static_cast<std::int64_t>(rng.below(vertices));
                        if (k == i) continue;
                        const float dx = cx - snapshot[static_cast<std::size_t>(2 * k)];
                        const float dy = cy - snapshot[static_cast<std::size_t>(2 * k + 1)];
                        const float d2 = dx * dx + dy * dy;
                        if (d2 > 0) {
                            const float coeff =
                                2.0f * gamma * b / ((0.001f + d2) * (a * std::pow(d2, b) + 1.0f));
                            cx += clip4(coeff * dx) * step;
                            cy += clip4(coeff * dy) * step;
                        } else {
                            cx += 4.0f * step;
                            cy += 4.0f * step;
                        }
                    }
                    if (negatives > 0) nextNegative[s] += static_cast<double>(negatives) * negativePeriod[s];
                }
                positions[static_cast<std::size_t>(2 * i)] = cx;
                positions[static_cast<std::size_t>(2 * i + 1)] = cy;
            }
        });
        alpha = params.learningRate * (1.0 - static_cast<double>(epoch) / epochs);
    }
    progress.report(epochs, epochs, "optimising layout");
}

}  // namespace winnow::map::detail
