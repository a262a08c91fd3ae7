// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hamming-distance kernels shared by the near-duplicate search, its brute-force reference and the
// benchmark. Internal to core/dup (and bench/neardup); not part of the module's stable interface.

#include <cstddef>
#include <cstdint>

namespace winnow::dup::detail {

/// Portable popcount for the rare paths (verification of a hit, cost estimates). The project builds for
/// baseline x86-64, where __builtin_popcountll becomes a libgcc call; this SWAR form is inlined instead.
inline int popcount64(std::uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

/// Writes to hits[0..] the positions k in [0, n), increasing, with popcount(query ^ codes[k]) <= maxDistance
/// and returns how many. hits must have room for n entries.
using ScanFunction = std::size_t (*)(std::uint64_t query, const std::uint64_t* codes, std::size_t n,
                                     int maxDistance, std::uint32_t* hits);

/// A hit of a block scan: queries[query] is within the distance of codes[code].
struct BlockHit {
    std::uint32_t query;
    std::uint32_t code;
};

/// Every (query, code) in [0, nq) x [0, n) with popcount(queries[query] ^ codes[code]) <= maxDistance, to
/// hits (room for nq * n entries), by query then code; returns how many. One call per pair of buckets
/// instead of one per query: the multi-index's buckets hold a handful of codes each, so the call and
/// the loading of the bucket would otherwise cost more than the comparisons.
using ScanBlockFunction = std::size_t (*)(const std::uint64_t* queries, std::size_t nq,
                                          const std::uint64_t* codes, std::size_t n, int maxDistance,
                                          BlockHit* hits);

/// The fastest scan this CPU runs: AVX-512 VPOPCNTDQ, else the POPCNT instruction, else portable SWAR.
/// Chosen once at run time (the binary targets baseline x86-64), so every caller gets the same kernel.
ScanFunction scanFunction();

/// The block scan of the same kernel as scanFunction().
ScanBlockFunction scanBlockFunction();

/// Name of the kernel scanFunction() returns ("avx512-vpopcntdq", "popcnt" or "portable"), for reports.
const char* scanKernelName();

/// Forces the portable kernels (true) or restores the automatic choice (false); tests use it to check
/// the kernels against each other. Call only while no search runs.
void forcePortableKernels(bool portable);

/// The portable kernels themselves.
std::size_t scanPortable(std::uint64_t query, const std::uint64_t* codes, std::size_t n, int maxDistance,
                         std::uint32_t* hits);
std::size_t scanBlockPortable(const std::uint64_t* queries, std::size_t nq, const std::uint64_t* codes,
                              std::size_t n, int maxDistance, BlockHit* hits);

}  // namespace winnow::dup::detail
