// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dup/pairsink.h"

#include <unistd.h>

#include <algorithm>
#include <new>
#include <string>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "common/error.h"

namespace winnow::dup::detail {

namespace {

constexpr std::uint64_t kLow40 = (std::uint64_t{1} << 40) - 1;

std::uint64_t physicalMemory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0) return UINT64_MAX;
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize);
}

/// Asks for transparent huge pages on a fresh, untouched allocation: the output can be hundreds of MiB,
/// and faulting it in 4 KiB pages costs more than filling it (on virtual machines especially). Advisory.
void adviseHugePages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    if (bytes < 2 * kHuge) return;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

}  // namespace

std::uint64_t* WordArena::take(std::size_t words) {
    if (static_cast<std::size_t>(m_end - m_next) < words) {
        // new[] of a trivial type leaves the memory untouched: pages are faulted in as lists fill them,
        // 2 MiB at a time where transparent huge pages are on (fewer faults, as for the output).
        const std::size_t size = std::max<std::size_t>(words, std::size_t{1} << 20);
        m_slabs.emplace_back(new std::uint64_t[size]);
        adviseHugePages(m_slabs.back().get(), size * sizeof(std::uint64_t));
        m_next = m_slabs.back().get();
        m_end = m_next + size;
    }
    std::uint64_t* block = m_next;
    m_next += words;
    return block;
}

std::size_t WordList::size() const {
    std::size_t total = 0;
    for (std::size_t k = 0; k + 1 < m_blocks.size(); ++k) total += capacity(k);
    return m_blocks.empty() ? 0 : total + static_cast<std::size_t>(m_cur - m_blocks.back());
}

void WordList::grow(WordArena& arena) {
    const std::size_t words = capacity(m_blocks.size());
    m_blocks.push_back(arena.take(words));
    m_cur = m_blocks.back();
    m_end = m_cur + words;
}

PairSink::PairSink(const CodeGroups& groups, unsigned workers) : m_groups(groups), m_workers(workers) {
    // About 512 ranges: enough for an even schedule and for each range's rows to sort in cache, few enough
    // that every worker's lists stay short to index. At most 2^24 rows a range (the packed row field).
    const std::size_t n = groups.members.size();
    while (m_rangeShift < 24 && (std::size_t{1} << m_rangeShift) * 512 < n) ++m_rangeShift;
    m_rowMask = (std::uint32_t{1} << m_rangeShift) - 1;
    m_ranges = std::max<std::size_t>(1, (n + m_rowMask) >> m_rangeShift);
    m_lists.resize(m_ranges * workers);
    m_arenas.resize(workers);
}

std::vector<NearPair> PairSink::finish(unsigned threads, const ProgressSpan& span) {
    const CodeGroups& g = m_groups;
    const std::size_t n = g.members.size();
    const std::size_t rowsPerRange = std::size_t{1} << m_rangeShift;
    auto ownAfter = [&g](std::size_t i) -> std::uint64_t {
        return g.begin[g.groupOf[i] + 1] - g.position[i] - 1;
    };

    // Where each range starts in the output.
    std::vector<std::uint64_t> rangeBegin(m_ranges + 1, 0);
    for (std::size_t r = 0; r < m_ranges; ++r) {
        std::uint64_t size = 0;
        for (unsigned w = 0; w < m_workers; ++w) size += m_lists[w * m_ranges + r].size();
        for (std::size_t i = r * rowsPerRange; i < std::min(n, (r + 1) * rowsPerRange); ++i)
            size += ownAfter(i);
        rangeBegin[r + 1] = rangeBegin[r] + size;
    }
    const std::uint64_t total = rangeBegin[m_ranges];
    if (total > std::vector<NearPair>().max_size() || total * sizeof(NearPair) > physicalMemory())
        throw Error("Near-duplicate search: " + std::to_string(total) +
                    " pairs would not fit in memory; lower the distance threshold.");
    std::vector<NearPair> pairs;
    try {
        pairs.reserve(total);
        adviseHugePages(pairs.data(), total * sizeof(NearPair));
        pairs.resize(total);
    } catch (const std::bad_alloc&) {
        throw Error("Near-duplicate search: not enough memory for " + std::to_string(total) + " pairs.");
    }

    // Each range: gather its words row by row, sort each row, and merge it with the row's identical codes
    // (already in order in their group) straight into the output. Pairs of identical codes never pass
    // through the scratch, so a large group of them costs only its output.
    std::vector<std::vector<std::uint64_t>> scratch(threads);
    std::vector<std::vector<std::size_t>> cursors(threads);
    runChunks(m_ranges, threads, span, [&](std::size_t r, const WorkerContext& ctx) {
        const std::size_t r0 = r * rowsPerRange;
        const std::size_t rows = std::min(n, r0 + rowsPerRange) - r0;
        std::vector<std::uint64_t>& words = scratch[ctx.worker];
        std::vector<std::size_t>& cursor = cursors[ctx.worker];
        cursor.assign(rows + 1, 0);
        std::size_t listed = 0;
        for (unsigned w = 0; w < m_workers; ++w) {
            const WordList& list = m_lists[w * m_ranges + r];
            listed += list.size();
            list.forEach([&](std::uint64_t word) { ++cursor[(word >> 40) + 1]; });
        }
        for (std::size_t k = 0; k < rows; ++k) cursor[k + 1] += cursor[k];
        words.resize(listed);
        for (unsigned w = 0; w < m_workers; ++w)
            m_lists[w * m_ranges + r].forEach(
                [&](std::uint64_t word) { words[cursor[word >> 40]++] = word & kLow40; });
        // cursor[k] is now the end of row k's words, which begin where row k - 1's end.
        NearPair* out = pairs.data() + rangeBegin[r];
        std::size_t begin = 0;
        for (std::size_t k = 0; k < rows; ++k) {
            const auto i = static_cast<std::uint32_t>(r0 + k);
            const std::uint64_t* word = words.data() + begin;
            const std::uint64_t* wordEnd = words.data() + cursor[k];
            std::sort(words.data() + begin, words.data() + cursor[k]);
            begin = cursor[k];
            const std::uint32_t* same = g.members.data() + g.position[i] + 1;
            const std::uint32_t* sameEnd = g.members.data() + g.begin[g.groupOf[i] + 1];
            while (word != wordEnd || same != sameEnd) {
                if (same == sameEnd || (word != wordEnd && (*word >> 8) < *same)) {
                    *out++ = {i, static_cast<std::uint32_t>(*word >> 8), static_cast<int>(*word & 0xFF)};
                    ++word;
                } else {
                    *out++ = {i, *same++, 0};
                }
            }
        }
        return static_cast<std::int64_t>(rows);
    });
    m_lists.clear();
    m_arenas.clear();
    return pairs;
}

}  // namespace winnow::dup::detail
