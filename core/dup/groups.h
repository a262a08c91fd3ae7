// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Identical codes, grouped: the search runs over distinct codes only, and the pairs it finds are expanded
// back to the input's indices (PairSink). Internal to core/dup.

#include <cstdint>
#include <vector>

namespace winnow::dup::detail {

/// The input codes grouped by value. Group g holds the indices members[begin[g] .. begin[g + 1]),
/// increasing, all with code codes[g]; groups are numbered in increasing code order.
struct CodeGroups {
    std::vector<std::uint64_t> codes;
    std::vector<std::uint32_t> begin;
    std::vector<std::uint32_t> members;
    /// Per input index: its group, and its position in members.
    std::vector<std::uint32_t> groupOf;
    std::vector<std::uint32_t> position;
};

CodeGroups groupIdenticalCodes(const std::vector<std::uint64_t>& codes);

}  // namespace winnow::dup::detail
