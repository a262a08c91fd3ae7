// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/select: the inner-product kernel behind the cosine-based selectors (SemDeDup, DBP,
// prototypes, target matching).

#include <cstdint>

namespace winnow::select::detail {

/// out[i * ldo + j] = <a[i], b[j]> for i < na, j < nb, every row d float32 values, accumulated in float64
/// with eight partial sums (lane l sums the terms k = l mod 8 in increasing k) combined as
/// ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)): the same order as detail::squaredDistances. An AVX2
/// build of the same loop is chosen at run time where the CPU has it; neither build contracts into FMA, so
/// every value is bit-identical on every machine and independent of na, nb and the blocking of the caller.
/// Cost: na * nb * d multiply-adds, about 4 rows of b per pass over a row of a.
void dotBlock(const float* const* a, int na, const float* const* b, int nb, int d, double* out,
              std::int64_t ldo);

/// <a, b> with the summation order of dotBlock().
double dot(const float* a, const float* b, int d);

}  // namespace winnow::select::detail
