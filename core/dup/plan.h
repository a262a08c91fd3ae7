// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Choice between the multi-index search and the all-pairs scan, and of the number of substrings.
// Internal to core/dup.

#include <cstdint>
#include <string>
#include <vector>

namespace winnow::dup::detail {

/// One substring table of the multi-index: bits [shift, shift + bits) of the code, searched within radius.
struct SubstringLayout {
    int shift = 0;
    int bits = 0;
    int radius = 0;
};

/// The widest substring a table indexes directly (offsets array of 2^bits + 1 entries, 16 MiB at 22 bits);
/// hence the multi-index uses m >= 3 substrings of a 64-bit code.
inline constexpr int kMaxSubstringBits = 22;

enum class SearchMethod {
    Nothing,     ///< fewer than two distinct codes, or radius 0: only identical codes pair up
    AllPairs,    ///< XOR + popcount over all pairs of distinct codes
    MultiIndex,  ///< substring tables
};

struct SearchPlan {
    SearchMethod method = SearchMethod::Nothing;
    /// m, the number of substrings the code is cut into (MultiIndex only).
    int substrings = 0;
    /// The tables searched, in order (m of them, fewer when the radius is below m - 1).
    std::vector<SubstringLayout> tables;
    /// Estimated seconds on one core, for diagnostics and the benchmark.
    double estimatedSeconds = 0;
    double allPairsSeconds = 0;
};

/// Cuts 64 bits into m contiguous substrings (the first 64 % m one bit wider) and gives each its radius
/// by the pigeonhole principle: with r = m*s + a (0 <= a < m), a pair within r agrees within s on one of
/// the first a + 1 substrings or within s - 1 on one of the others (otherwise the distances would add up
/// to at least (a+1)(s+1) + (m-a-1)s = r + 1). Substrings whose radius would be negative are left out.
std::vector<SubstringLayout> substringLayout(int m, int maxDistance);

/// Number of values within Hamming distance radius of a bits-wide value (the lookups per query).
double ballSize(int bits, int radius);

/// Every mask of weight <= radius over the low `bits` bits, by increasing weight (so masks[0] == 0).
std::vector<std::uint32_t> ballMasks(int bits, int radius);

/// Plans the search of distinct codes within maxDistance. forcedSubstrings: 0 = choose by cost, 1 = all
/// pairs, 3..64 = multi-index with that many substrings. The cost model counts table lookups, bucket visits,
/// candidate checks and the pairs found (from a brute force of a sample); the best few m of a model of
/// spread codes are then re-priced against the real bucket sizes, probed by a sample of the codes, so
/// clustered codes (crowded buckets) are priced as they are. All pairs is chosen when cheaper (small sets,
/// radius large relative to 64). Forced plans are estimated as if the codes were spread.
SearchPlan planSearch(const std::vector<std::uint64_t>& distinctCodes, int maxDistance, int forcedSubstrings);

/// One-line human-readable description of a plan ("multi-index m=4 (16/16/16/16 bits, radii 2/2/2/1)").
std::string describePlan(const SearchPlan& plan);

}  // namespace winnow::dup::detail
