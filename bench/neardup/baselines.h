// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The two baselines bench_neardup measures nearPairs against, on a sample of queries.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace winnow::bench {

/// CPU time of the whole process so far (all threads): on a machine shared with other work it varies
/// far less than the wall clock.
double processCpuSeconds();

/// Outcome of scanning the first `queries` codes against all codes.
struct SampleScan {
    double seconds = 0;     // wall clock
    double cpuSeconds = 0;  // all threads of the process together
    /// Neighbours found, excluding each query itself: pairs (q, j), j != q, within the radius.
    std::uint64_t neighbours = 0;
};

/// The brute force nearPairsBruteForce runs (same kernel, same cache tiling), restricted to queries
/// 0..queries-1 against every code, on `threads` threads.
SampleScan bruteForceSample(const std::vector<std::uint64_t>& codes, std::size_t queries, int radius,
                            unsigned threads);

/// FAISS IndexBinaryFlat::range_search for the same queries, on `threads` OpenMP threads. FAISS keeps
/// distances strictly below its radius, so it is asked for radius + 1. Index construction is not timed.
SampleScan faissSample(const std::vector<std::uint64_t>& codes, std::size_t queries, int radius,
                       unsigned threads);

}  // namespace winnow::bench
