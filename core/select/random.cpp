// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/random.h"

#include <random>
#include <stdexcept>
#include <utility>

namespace winnow::select {
namespace {

/// Uniform integer in [0, m), m >= 1, by rejection on the full 64-bit output.
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t m) {
    // 2^64 mod m, computed without 128-bit arithmetic: (2^64 - m) mod m.
    const std::uint64_t rem = (0 - m) % m;
    const std::uint64_t limit = 0 - rem;  // 2^64 - rem (0 means no rejection needed)
    while (true) {
        const std::uint64_t r = rng();
        if (rem == 0 || r < limit) return r % m;
    }
}

}  // namespace

std::vector<std::int64_t> randomSubset(std::int64_t n, std::int64_t budget, std::uint64_t seed) {
    if (n < 0 || budget < 0) throw std::invalid_argument("randomSubset: negative size");
    budget = std::min(budget, n);
    std::vector<std::int64_t> perm(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
    std::mt19937_64 rng(seed);
    for (std::int64_t i = 0; i < budget; ++i) {
        const auto j = i + static_cast<std::int64_t>(uniformBelow(rng, static_cast<std::uint64_t>(n - i)));
        std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(j)]);
    }
    perm.resize(static_cast<std::size_t>(budget));
    return perm;
}

}  // namespace winnow::select
