// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Label balancing (ALGORITHMS.md 10): a target size spread over the labels by water-filling, the rows of a
// label chosen at random or by another selector's ranking.

#include <cstdint>
#include <vector>

namespace winnow::select {

/// Knobs of label balancing.
struct LabelBalanceParams {
    std::uint64_t seed = 0;  ///< seed of the random choice inside a label
    std::vector<double>
        scores;  ///< empty: random inside a label; else one score per row, highest taken first
};

/// Label-balanced selection. Label L holds the rows i with labels[i] == L, in increasing row order; rows with
/// a negative label (unlabelled) are never selected; the labels are 0 .. max label. Quotas are
/// waterFillingQuotas(label sizes, size): every label gets min(count, level), the remainder to the lowest
/// labels. Inside label L: without scores the rows at randomSubset(|L|, quota, clusterSeed(seed, L)) in draw
/// order (so this equals clusterBalanced() when no label is negative); with scores the quota highest-scoring
/// rows, highest first, lowest row on ties (another selector's ranking: pass e.g. -rank or its scores).
/// Returns exactly min(size, labelled rows) rows, grouped by label in increasing label order. O(n log n).
/// Throws std::invalid_argument for a negative size, or scores that are not one per row or contain NaN.
std::vector<std::int64_t> labelBalanced(const std::vector<int>& labels, std::int64_t size,
                                        const LabelBalanceParams& params = {});

}  // namespace winnow::select
