// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::select {

/// Knobs of k-center greedy.
struct KCenterParams {
    std::int64_t first = 0;  ///< first pick (ALGORITHMS 1.1: reference code effectively picks 0)
};

/// k-center greedy coreset (Sener & Savarese; ALGORITHMS.md 1.1) under plain Euclidean distance on the rows
/// of X as given (normalise first for cosine-trained embeddings). Picks params.first, then repeatedly the
/// row farthest from the selected set (lowest index on ties), keeping a per-row min-distance array updated
/// in O(n*d) per pick (float32 storage, float64 accumulation; two threads when n*d is large; the result
/// does not depend on the thread count). Already selected rows are never picked again; once every
/// remaining row is at distance 0 (duplicates), the lowest-index unselected row is taken.
/// A budget above n is clamped to n (all rows, in greedy order). radii, when given, receives max min-distance
/// over all rows after each pick (one entry per returned index).
/// Throws std::invalid_argument for a negative budget, a bad matrix, or first outside [0, n) when n > 0;
/// winnow::Canceled when progress.isCanceled() becomes true (polled once per pick).
std::vector<std::int64_t> kCenterGreedy(const Matrix& X, std::int64_t budget,
                                        const KCenterParams& params = {}, Progress& progress = nullProgress(),
                                        std::vector<double>* radii = nullptr);

}  // namespace winnow::select
