// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Scores of every row from a cached k-NN graph (index::knnGraph), the scalable twins of core/select's
// brute-force typicality() and outlierScores(): on an exact graph they agree with them to float32 rounding
// of the stored distances (relative 1e-6), since both take the K nearest other rows (self excluded by id,
// duplicates at distance 0) and sum them in ascending order in float64.

#include <vector>

#include "select/knngraph.h"

namespace winnow::index {

/// TypiClust typicality (ALGORITHMS.md 1.2): 1 / (mean Euclidean distance to the K nearest + 1e-5), or with
/// squared = true 1 / (mean squared distance + 1e-5), from the first K neighbours of each graph row.
/// O(n K). Throws std::invalid_argument unless 1 <= K <= graph.k (or graph.n == 0) and the graph's arrays
/// have n*k entries.
std::vector<double> typicalityFromGraph(const select::KnnGraph& graph, int K = 20, bool squared = false);

/// Outlier score (ALGORITHMS.md 10): mean Euclidean distance to the K nearest other rows, from the graph.
/// Same rules and errors as typicalityFromGraph.
std::vector<double> outlierScoresFromGraph(const select::KnnGraph& graph, int K = 20);

}  // namespace winnow::index
