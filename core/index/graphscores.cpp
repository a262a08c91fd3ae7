// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/graphscores.h"

#include <stdexcept>

namespace winnow::index {
namespace {

/// Mean over the first K neighbours of each row of the distance (or its square), summed ascending in float64.
std::vector<double> meanNeighbourDistance(const select::KnnGraph& g, int K, bool squared, const char* who) {
    if (g.n < 0 || g.k < 0 || g.ids.size() != static_cast<std::size_t>(g.n * g.k) ||
        g.dist.size() != g.ids.size())
        throw std::invalid_argument(std::string(who) + ": inconsistent graph");
    if (g.n == 0) return {};
    if (K < 1 || K > g.k)
        throw std::invalid_argument(std::string(who) + ": K must be between 1 and the graph's k");
    std::vector<double> out(static_cast<std::size_t>(g.n));
    for (std::int64_t i = 0; i < g.n; ++i) {
        const float* d = g.distances(i);
        double sum = 0;
        for (int t = 0; t < K; ++t) {
            const double v = d[t];
            sum += squared ? v * v : v;
        }
        out[static_cast<std::size_t>(i)] = sum / K;
    }
    return out;
}

}  // namespace

std::vector<double> typicalityFromGraph(const select::KnnGraph& graph, int K, bool squared) {
    std::vector<double> out = meanNeighbourDistance(graph, K, squared, "typicalityFromGraph");
    for (double& v : out) v = 1.0 / (v + 1e-5);
    return out;
}

std::vector<double> outlierScoresFromGraph(const select::KnnGraph& graph, int K) {
    return meanNeighbourDistance(graph, K, false, "outlierScoresFromGraph");
}

}  // namespace winnow::index
