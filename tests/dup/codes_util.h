// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Seeded code sets and a naive reference for the dup tests.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <random>
#include <vector>

#include "dup/neardup.h"

namespace winnow::dup::test {

inline std::vector<std::uint64_t> randomCodes(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::uint64_t> codes(n);
    for (std::uint64_t& c : codes) c = rng();
    return codes;
}

/// Codes as real perceptual hashes come: clusters (a centre and copies with up to maxFlips bits flipped),
/// exact duplicates (flips == 0 is likely), and a sprinkle of unrelated codes; order shuffled.
inline std::vector<std::uint64_t> clusteredCodes(std::size_t n, std::size_t centres, int maxFlips,
                                                 std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::uint64_t> centre(centres);
    for (std::uint64_t& c : centre) c = rng();
    std::vector<std::uint64_t> codes;
    codes.reserve(n);
    while (codes.size() < n) {
        if (rng() % 10 == 0) {
            codes.push_back(rng());
            continue;
        }
        std::uint64_t c = centre[rng() % centres];
        const int flips = static_cast<int>(rng() % static_cast<std::uint64_t>(maxFlips + 1));
        for (int f = 0; f < flips; ++f) c ^= std::uint64_t{1} << (rng() % 64);
        codes.push_back(c);
    }
    std::shuffle(codes.begin(), codes.end(), rng);
    return codes;
}

/// The definition, with nothing clever: every i < j, in order.
inline std::vector<NearPair> naivePairs(const std::vector<std::uint64_t>& codes, int maxDistance) {
    std::vector<NearPair> pairs;
    for (std::size_t i = 0; i < codes.size(); ++i)
        for (std::size_t j = i + 1; j < codes.size(); ++j) {
            const int d = __builtin_popcountll(codes[i] ^ codes[j]);
            if (d <= maxDistance)
                pairs.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), d});
        }
    return pairs;
}

/// Equal lists, or the sizes and the first difference (printing whole lists would drown the log).
inline ::testing::AssertionResult samePairs(const std::vector<NearPair>& actual,
                                            const std::vector<NearPair>& expected) {
    const std::size_t common = std::min(actual.size(), expected.size());
    for (std::size_t k = 0; k < common; ++k) {
        const NearPair& a = actual[k];
        const NearPair& e = expected[k];
        if (a.i != e.i || a.j != e.j || a.distance != e.distance)
            return ::testing::AssertionFailure()
                   << "pair " << k << " is (" << a.i << ", " << a.j << ", " << a.distance << "), expected ("
                   << e.i << ", " << e.j << ", " << e.distance << "); sizes " << actual.size() << " and "
                   << expected.size();
    }
    if (actual.size() != expected.size())
        return ::testing::AssertionFailure()
               << "sizes differ: " << actual.size() << " vs " << expected.size();
    return ::testing::AssertionSuccess() << actual.size() << " pairs";
}

}  // namespace winnow::dup::test
