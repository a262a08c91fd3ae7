// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace winnow::select {

/// Uniform random subset without replacement (ALGORITHMS.md 1.4): the first budget entries of a seeded
/// Fisher-Yates permutation of 0..n-1, identical on every platform. RNG: std::mt19937_64(seed) (its output
/// sequence is fixed by the standard). Forward form: perm = 0..n-1; for i = 0 .. budget-1: draw j uniformly
/// in [i, n) and swap perm[i], perm[j]. The draw of an integer below m takes 64-bit outputs r, rejecting
/// r >= 2^64 - (2^64 mod m), and returns r mod m (no std::uniform_int_distribution, which is
/// implementation-defined). So a smaller budget with the same seed gives a prefix of a larger one.
/// A budget above n is clamped to n. Throws std::invalid_argument for negative n or budget.
std::vector<std::int64_t> randomSubset(std::int64_t n, std::int64_t budget, std::uint64_t seed);

}  // namespace winnow::select
