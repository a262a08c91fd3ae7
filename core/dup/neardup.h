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
    /// Search strategy, for tests and benchmarks: 0 = chosen by a cost model (the default), 1 = all pairs
    /// of distinct codes, 3..64 = multi-index with that many substrings. Results are identical whatever it
    /// is.
    int substrings = 0;
};

/// Exact radius search over 64-bit codes by multi-index hashing (Norouzi et al.): the code is split into
/// m disjoint substrings; a pair within distance r agrees within floor(r/m) on at least one substring, so
/// per substring a table lookup over the neighbouring substring values gives candidates that are then
/// checked in full. Sub-quadratic on well-spread codes; exact always. Pairs come back sorted by (i, j).
/// Identical codes are grouped first and searched once; a cost model measured on the codes picks m, or
/// the all-pairs scan when the index would not pay (few codes, radius large relative to 64).
/// Progress: isCanceled() and report() are called from the calling thread only, which supervises the
/// workers. Throws winnow::Canceled; winnow::Error when the pair list would not fit in memory;
/// std::invalid_argument for maxDistance outside 0..64, substrings outside 0, 1, 3..64, or 2^32 codes or
/// more.
std::vector<NearPair> nearPairs(const std::vector<std::uint64_t>& codes, const NearParams& params = {},
                                Progress& progress = nullProgress());

/// The all-pairs scan (XOR + popcount) over the codes as given, on all cores: the reference and the
/// benchmark's ceiling. Same output order. Neither groups identical codes nor reports progress.
std::vector<NearPair> nearPairsBruteForce(const std::vector<std::uint64_t>& codes, int maxDistance);

/// Connected components of the pair graph over n items: component id per item (singletons included),
/// numbered 0.. in order of each component's smallest member.
std::vector<std::uint32_t> components(std::size_t n, const std::vector<NearPair>& pairs);

}  // namespace winnow::dup
