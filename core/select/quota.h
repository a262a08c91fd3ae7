// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace winnow::select {

/// Proportional quotas (Hamilton / largest-remainder method): with S = sum(sizes) and T = min(total, S),
/// group i first gets floor(sizes[i] * T / S); the T - sum(floors) remaining units go one each to the groups
/// with the largest fractional parts (sizes[i] * T mod S), ties to the lower index. The result sums to
/// exactly T and quota[i] <= sizes[i]. Exact integer arithmetic (128-bit products). All zeros when S == 0.
/// Throws std::invalid_argument for a negative size or total.
std::vector<std::int64_t> largestRemainderQuotas(const std::vector<std::int64_t>& sizes, std::int64_t total);

/// Water-filling quotas (ALGORITHMS.md 10, label balancing): group i gets min(sizes[i], L) where the integer
/// level L is the smallest one with sum(min(sizes[i], L)) >= T, T = min(total, sum(sizes)). When that sum
/// overshoots T, the groups still below their size at level L-1 get L-1 and the T - sum(min(sizes[i], L-1))
/// remaining units go to the lowest-index ones among them (the equal-fraction tie of the largest-remainder
/// rule, broken by group order). The result sums to exactly T and quota[i] <= sizes[i].
/// Throws std::invalid_argument for a negative size or total.
std::vector<std::int64_t> waterFillingQuotas(const std::vector<std::int64_t>& sizes, std::int64_t total);

}  // namespace winnow::select
