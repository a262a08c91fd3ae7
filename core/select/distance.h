// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/select: the shared distance kernel.

#include <cstdint>

namespace winnow::select::detail {

/// out[r] = squared Euclidean distance between c and rows[r*d .. r*d+d) for r < count, accumulated in
/// float64 with eight partial sums in a fixed order. An AVX2 build of the same loop is chosen at run time
/// where the CPU has it; it uses no FMA, so both builds give bit-identical results on every machine.
void squaredDistances(const float* c, const float* rows, std::int64_t count, int d, double* out);

}  // namespace winnow::select::detail
