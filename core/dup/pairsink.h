// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where the searches put what they find: pairs of distinct codes come in, in any order, from any worker;
// the sorted list of pairs of input indices comes out. Internal to core/dup.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "dup/groups.h"
#include "dup/neardup.h"
#include "dup/parallel.h"

namespace winnow::dup::detail {

/// One worker's memory for word lists: large slabs, handed out front to back, freed all together.
/// Carved but unwritten memory is never touched, so it costs no page beyond the (huge) page it lies in.
class WordArena {
public:
    std::uint64_t* take(std::size_t words);

private:
    std::vector<std::unique_ptr<std::uint64_t[]>> m_slabs;
    std::uint64_t* m_next = nullptr;
    std::uint64_t* m_end = nullptr;
};

/// An append-only list of 64-bit words in blocks that grow from 256 to 16,384 words: appending never
/// copies, as a vector's growth would (the lists can total tens of millions of words).
class WordList {
public:
    void push(std::uint64_t word, WordArena& arena) {
        if (m_cur == m_end) grow(arena);
        *m_cur++ = word;
    }
    std::size_t size() const;
    template <typename F>
    void forEach(F f) const {
        for (std::size_t k = 0; k < m_blocks.size(); ++k) {
            const std::uint64_t* first = m_blocks[k];
            const std::uint64_t* last = k + 1 < m_blocks.size() ? first + capacity(k) : m_cur;
            for (; first != last; ++first) f(*first);
        }
    }

private:
    static std::size_t capacity(std::size_t block) {
        return std::size_t{256} << std::min<std::size_t>(block, 6);
    }
    void grow(WordArena& arena);

    std::uint64_t* m_cur = nullptr;
    std::uint64_t* m_end = nullptr;
    std::vector<std::uint64_t*> m_blocks;
};

/// Collects pairs partitioned by ranges of their first index (a power-of-two number of rows each), as one
/// packed 64-bit word per pair, in per-worker lists so that workers never share a cache line. finish()
/// then sorts each range on its own, in cache, straight into the output, which is allocated once at its
/// exact size: the peak of memory is the output (12 bytes a pair) plus these words (8 bytes a pair).
/// Pairs of identical codes (distance 0) are never stored: finish() writes them from the groups.
class PairSink {
public:
    PairSink(const CodeGroups& groups, unsigned workers);

    /// Records every pair of members of groups a != b (distance d); called by worker `worker` only.
    void addGroupPair(unsigned worker, std::uint32_t a, std::uint32_t b, int distance) {
        const std::uint32_t* ga = m_groups.members.data() + m_groups.begin[a];
        const std::uint32_t* gb = m_groups.members.data() + m_groups.begin[b];
        const std::uint32_t sa = m_groups.begin[a + 1] - m_groups.begin[a];
        const std::uint32_t sb = m_groups.begin[b + 1] - m_groups.begin[b];
        if (sa == 1 && sb == 1) {
            add(worker, *ga, *gb, distance);
            return;
        }
        for (std::uint32_t x = 0; x < sa; ++x)
            for (std::uint32_t y = 0; y < sb; ++y) add(worker, ga[x], gb[y], distance);
    }

    /// Progress units finish() reports: one per input index.
    std::int64_t finishUnits() const { return static_cast<std::int64_t>(m_groups.members.size()); }

    /// The pairs sorted by (i, j), with those of identical codes; empties the sink. Throws winnow::Error
    /// when the list would not fit in physical memory.
    std::vector<NearPair> finish(unsigned threads, const ProgressSpan& span);

private:
    void add(unsigned worker, std::uint32_t x, std::uint32_t y, int distance) {
        const std::uint32_t i = x < y ? x : y;
        const std::uint32_t j = x < y ? y : x;
        m_lists[worker * m_ranges + (i >> m_rangeShift)].push((std::uint64_t{i & m_rowMask} << 40) |
                                                                  (std::uint64_t{j} << 8) |
                                                                  static_cast<std::uint64_t>(distance),
                                                              m_arenas[worker]);
    }

    const CodeGroups& m_groups;
    unsigned m_workers;
    int m_rangeShift = 0;
    std::uint32_t m_rowMask = 0;
    std::size_t m_ranges = 0;
    std::vector<WordList> m_lists;  // [worker * m_ranges + range]
    std::vector<WordArena> m_arenas;
};

}  // namespace winnow::dup::detail
