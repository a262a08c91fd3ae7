// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "common/progress.h"

namespace winnow::dup {

/// A pair of codes within the radius; i < j are indices into the input array.
struct NearPair {
    std::uint32_t i = 0;
    std::uint32_t j = 0;
    int distance = 0;
};

/// Knobs of the near-duplicate search.
struct NearParams {
    /// Pairs with Hamming distance <= maxDistance (0-64) are reported.
    int maxDistance = 10;
    /// Worker threads; 0 = all cores.
    int threads = 0;
    /// Components with more members than this are flagged as large (likely a threshold too loose).
    std::size_t largeComponent = 1000;
};

/// Exact radius search over 64-bit codes by multi-index hashing (Norouzi et al.): the code is split into
/// m disjoint substrings; a pair within distance r agrees within floor(r/m) on at least one substring, so
/// per substring a table lookup over the neighbouring substring values gives candidates that are then
/// checked in full. Sub-quadratic on well-spread codes; exact always. Pairs come back sorted by (i, j).
/// Throws winnow::Canceled.
std::vector<NearPair> nearPairs(const std::vector<std::uint64_t>& codes, const NearParams& params = {},
                                Progress& progress = nullProgress());

/// The all-pairs scan (XOR + popcount): the reference and the benchmark's ceiling. Same output order.
std::vector<NearPair> nearPairsBruteForce(const std::vector<std::uint64_t>& codes, int maxDistance);

/// Connected components of the pair graph over n items: component id per item (singletons included),
/// numbered 0.. in order of each component's smallest member.
std::vector<std::uint32_t> components(std::size_t n, const std::vector<NearPair>& pairs);

}  // namespace winnow::dup
