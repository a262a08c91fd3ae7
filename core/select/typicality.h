// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::select {

/// TypiClust typicality (ALGORITHMS.md 1.2) of every row: 1 / (mean Euclidean distance to its k nearest
/// neighbours + 1e-5). squared = true gives the variant TypiClust's code actually computes (faiss returns
/// squared L2): 1 / (mean squared distance + 1e-5). The row itself is excluded by index, so exact duplicates
/// count as neighbours at distance 0. Exact brute-force kNN, O(n^2 d) in float64 on all cores, blocked over
/// query and data rows, O(32 n) doubles of scratch per thread: fine up to about 20k rows (20k x 512 takes
/// about 20 s on 2 AVX2 cores); larger sets need the vector index (issue 3).
/// Throws std::invalid_argument unless 1 <= k <= rows-1 (or rows == 0), or for a bad matrix.
std::vector<double> typicality(const Matrix& X, int k = 20, bool squared = false);

/// Knobs of the typicality-diversity greedy selection.
struct TypicalityDiversityParams {
    double sDiv = 1;         ///< strength of diversity: exponent of the min-distance to the selected set
    double sTyp = 1;         ///< strength of typicality: exponent of the typicality score
    int k = 20;              ///< neighbours for typicality (see typicality())
    double minDistance = 0;  ///< stop early when no unselected row is at least this far from the selection
    bool squared = false;    ///< typicality variant (see typicality())
};

/// Greedy product of diversity and typicality (ALGORITHMS.md 1.3): first pick argmax typicality, then
/// argmax over unselected rows with min-distance > 0 of mind^sDiv * typ^sTyp (Euclidean mind, lowest index on
/// ties). Stops at the budget (a budget above n is clamped to n), when the largest unselected min-distance is
/// below params.minDistance, or when every unselected row is at distance 0 from the selection; so fewer than
/// budget indices may come back. Throws std::invalid_argument for a negative budget or bad k;
/// winnow::Canceled when progress.isCanceled() becomes true (polled once per pick). typicalityOut, when
/// given, receives the typicality of every row (computed anyway; saves callers a second O(n^2 d) pass).
std::vector<std::int64_t> typicalityDiversity(const Matrix& X, std::int64_t budget,
                                              const TypicalityDiversityParams& params = {},
                                              Progress& progress = nullProgress(),
                                              std::vector<double>* typicalityOut = nullptr);

}  // namespace winnow::select
