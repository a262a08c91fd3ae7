// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The two searches over an array of codes. Internal to core/dup.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dup/neardup.h"
#include "dup/pairsink.h"
#include "dup/parallel.h"
#include "dup/plan.h"

namespace winnow::dup::detail {

/// Progress units searchAllPairs reports: one per pair checked.
std::int64_t allPairsUnits(std::size_t n);

/// Every pair i < j of codes[0..n) within maxDistance. Rows are cut into blocks and the columns into
/// cache-sized tiles, so each tile is read once per block of rows rather than once per row. Without a
/// sink the pairs come back sorted by (i, j); with one, they go to sink->addGroupPair (codes[k] being
/// group k) and the result is empty.
std::vector<NearPair> searchAllPairs(const std::uint64_t* codes, std::size_t n, int maxDistance,
                                     unsigned threads, const ProgressSpan& span, PairSink* sink = nullptr);

/// Progress units searchMultiIndex reports: one per code per table.
std::int64_t multiIndexUnits(std::size_t n, const SearchPlan& plan);

/// Every pair i < j of codes within maxDistance, to sink.addGroupPair (codes[k] being group k), in no
/// particular order. Identical codes would be found too, but nearPairs passes distinct codes only.
/// plan.method must be MultiIndex.
void searchMultiIndex(const std::vector<std::uint64_t>& codes, int maxDistance, const SearchPlan& plan,
                      unsigned threads, const ProgressSpan& span, PairSink& sink);

}  // namespace winnow::dup::detail
