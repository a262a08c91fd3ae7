// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/select: exact brute-force k-nearest-neighbour mean distances, shared by typicality()
// and outlierScores().

#include <vector>

#include "select/matrix.h"

namespace winnow::select::detail {

/// For every row i of X: the mean over its k nearest other rows (self excluded by index, so duplicates
/// count at distance 0) of the Euclidean distance, or of the squared distance when squared = true. The k
/// values are summed in ascending order in float64. O(n^2 d) on all cores, blocked over query and data rows,
/// O(32 n) doubles of scratch per thread; the result does not depend on the thread count.
/// Preconditions (checked by the callers): a valid matrix with rows >= 1 and 1 <= k <= rows-1.
std::vector<double> meanKnnDistances(const Matrix& X, int k, bool squared);

}  // namespace winnow::select::detail
