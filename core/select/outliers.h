// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "select/matrix.h"

namespace winnow::select {

/// Outlier score (ALGORITHMS.md 10) of every row: mean Euclidean distance to its k nearest other rows (self
/// excluded by index; duplicates count at distance 0). Exact brute force, same kernel and cost as
/// typicality(). Throws std::invalid_argument unless 1 <= k <= rows-1 (or rows == 0), or for a bad matrix.
std::vector<double> outlierScores(const Matrix& X, int k = 20);

/// The size rows with the highest outlierScores(X, k), highest first, lowest index on ties (numpy
/// argsort(-score, kind="stable")[:size]). size above rows is clamped. Throws std::invalid_argument for a
/// negative size, a bad k or a bad matrix.
std::vector<std::int64_t> outliers(const Matrix& X, std::int64_t size, int k = 20);

}  // namespace winnow::select
