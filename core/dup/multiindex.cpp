// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "dup/hamming.h"
#include "dup/search.h"

namespace winnow::dup::detail {

namespace {

/// One substring table: the codes counting-sorted by their substring value, so that the bucket of value v
/// is positions [offsets[v], offsets[v + 1]). The codes are stored in the table (not just their ids) so a
/// bucket is scanned contiguously.
struct Table {
    SubstringLayout layout;
    std::uint64_t valueMask = 0;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint64_t> codes;
    std::vector<std::uint32_t> ids;
    std::vector<std::uint32_t> masks;  // neighbouring values are v ^ masks[k]; masks[0] == 0
    std::size_t largestBucket = 0;

    std::uint32_t value(std::uint64_t code) const {
        return static_cast<std::uint32_t>((code >> layout.shift) & valueMask);
    }
};

void buildTable(Table& table, const std::vector<std::uint64_t>& codes) {
    // Counting sort with the counts two slots up: after the prefix sum offsets[v + 1] is where bucket v
    // starts, and after the scatter (which advances it) where it ends, i.e. where bucket v + 1 starts; so
    // offsets[v] ends up as the start of bucket v without a separate cursor array.
    const std::size_t buckets = std::size_t{1} << table.layout.bits;
    table.valueMask = buckets - 1;
    std::vector<std::uint32_t>& o = table.offsets;
    o.assign(buckets + 2, 0);
    for (std::uint64_t c : codes) ++o[table.value(c) + 2];
    for (std::size_t v = 0; v < buckets; ++v) {
        table.largestBucket = std::max<std::size_t>(table.largestBucket, o[v + 2]);
        o[v + 2] += o[v + 1];
    }
    table.codes.resize(codes.size());
    table.ids.resize(codes.size());
    for (std::size_t id = 0; id < codes.size(); ++id) {
        const std::uint32_t at = o[table.value(codes[id]) + 1]++;
        table.codes[at] = codes[id];
        table.ids[at] = static_cast<std::uint32_t>(id);
    }
    o.pop_back();
    table.masks = ballMasks(table.layout.bits, table.layout.radius);
}

/// A slice of one table's work: the queries of values [vBegin, vEnd), or, for a crowded bucket cut into
/// pieces, the queries at positions [qBegin, qEnd) of bucket vBegin (vEnd == vBegin + 1).
struct Chunk {
    std::uint32_t table = 0;
    std::uint32_t vBegin = 0;
    std::uint32_t vEnd = 0;
    std::uint32_t qBegin = 0;
    std::uint32_t qEnd = 0;  // 0 = the whole bucket(s)
};

std::vector<Chunk> cutChunks(const std::vector<Table>& tables, std::size_t target) {
    std::vector<Chunk> chunks;
    for (std::uint32_t t = 0; t < tables.size(); ++t) {
        const std::vector<std::uint32_t>& o = tables[t].offsets;
        const auto buckets = static_cast<std::uint32_t>(o.size() - 1);
        std::uint32_t begin = 0;
        for (std::uint32_t v = 0; v < buckets; ++v) {
            const std::uint32_t size = o[v + 1] - o[v];
            if (size > target) {
                if (begin < v) chunks.push_back({t, begin, v, 0, 0});
                for (std::uint32_t q = 0; q < size; q += static_cast<std::uint32_t>(target))
                    chunks.push_back({t, v, v + 1, q, std::min<std::uint32_t>(size, q + target)});
                begin = v + 1;
            } else if (o[v + 1] - o[begin] >= target) {
                chunks.push_back({t, begin, v + 1, 0, 0});
                begin = v + 1;
            }
        }
        if (begin < buckets) chunks.push_back({t, begin, buckets, 0, 0});
    }
    return chunks;
}

/// Runs one chunk: for each query bucket v, every neighbouring bucket w >= v within the table's radius is
/// scanned once for all the bucket's queries (so the pair (v, w) is visited once, not from both sides).
/// A pair within the radius is reported by the first table in which its substrings are within that
/// table's radius: that test replaces a "seen" set.
class ChunkSearch {
public:
    /// hits must have room for max(kMinHits, the largest bucket) entries.
    static constexpr std::size_t kMinHits = 4096;

    ChunkSearch(const std::vector<Table>& tables, int maxDistance, std::vector<BlockHit>& hits,
                PairSink& sink, unsigned worker)
        : m_tables(tables),
          m_maxDistance(maxDistance),
          m_scanBlock(scanBlockFunction()),
          m_hits(hits),
          m_sink(sink),
          m_worker(worker) {}

    std::int64_t run(const Chunk& chunk, const WorkerContext& ctx) {
        const Table& table = m_tables[chunk.table];
        m_table = chunk.table;
        const std::vector<std::uint32_t>& o = table.offsets;
        std::int64_t queries = 0;
        for (std::uint32_t v = chunk.vBegin; v < chunk.vEnd; ++v) {
            const std::uint32_t bucketBegin = o[v];
            const std::uint32_t bucketEnd = o[v + 1];
            if (bucketBegin == bucketEnd) continue;
            if (ctx.stopped()) return queries;
            const std::uint32_t qBegin = bucketBegin + chunk.qBegin;
            const std::uint32_t qEnd = chunk.qEnd != 0 ? bucketBegin + chunk.qEnd : bucketEnd;
            queries += qEnd - qBegin;
            // Inside the bucket: each query against the codes after it.
            for (std::uint32_t p = qBegin; p + 1 < bucketEnd && p < qEnd; ++p)
                scan(table, p, p + 1, p + 1, bucketEnd);
            for (std::size_t k = 1; k < table.masks.size(); ++k) {
                if ((k & 255) == 0 && ctx.stopped())
                    return queries;  // crowded buckets can make one query bucket long to finish
                const std::uint32_t w = v ^ table.masks[k];
                if (w < v) continue;
                const std::uint32_t begin = o[w];
                const std::uint32_t end = o[w + 1];
                if (begin == end) continue;
                // As many queries at a time as the hit buffer holds in the worst case.
                const std::uint32_t tile =
                    static_cast<std::uint32_t>(std::max<std::size_t>(1, m_hits.size() / (end - begin)));
                for (std::uint32_t p = qBegin; p < qEnd; p += tile)
                    scan(table, p, std::min(qEnd, p + tile), begin, end);
            }
        }
        return queries;
    }

private:
    void scan(const Table& table, std::uint32_t qBegin, std::uint32_t qEnd, std::uint32_t begin,
              std::uint32_t end) {
        const std::uint64_t* codes = table.codes.data();
        const std::size_t count = m_scanBlock(codes + qBegin, qEnd - qBegin, codes + begin, end - begin,
                                              m_maxDistance, m_hits.data());
        for (std::size_t h = 0; h < count; ++h) {
            const std::uint32_t p = qBegin + m_hits[h].query;
            const std::uint32_t k = begin + m_hits[h].code;
            const std::uint64_t x = codes[p] ^ codes[k];
            if (!foundEarlier(x)) m_sink.addGroupPair(m_worker, table.ids[p], table.ids[k], popcount64(x));
        }
    }

    bool foundEarlier(std::uint64_t x) const {
        for (std::uint32_t t = 0; t < m_table; ++t) {
            const Table& other = m_tables[t];
            if (popcount64((x >> other.layout.shift) & other.valueMask) <= other.layout.radius) return true;
        }
        return false;
    }

    const std::vector<Table>& m_tables;
    int m_maxDistance;
    ScanBlockFunction m_scanBlock;
    std::vector<BlockHit>& m_hits;
    PairSink& m_sink;
    unsigned m_worker;
    std::uint32_t m_table = 0;
};

}  // namespace

std::int64_t multiIndexUnits(std::size_t n, const SearchPlan& plan) {
    // building and searching each table
    return 2 * static_cast<std::int64_t>(n) * static_cast<std::int64_t>(plan.tables.size());
}

void searchMultiIndex(const std::vector<std::uint64_t>& codes, int maxDistance, const SearchPlan& plan,
                      unsigned threads, const ProgressSpan& span, PairSink& sink) {
    std::vector<Table> tables(plan.tables.size());
    for (std::size_t t = 0; t < tables.size(); ++t) tables[t].layout = plan.tables[t];
    const auto n = static_cast<std::int64_t>(codes.size());
    runChunks(tables.size(), threads, span, [&](std::size_t t, const WorkerContext&) {
        buildTable(tables[t], codes);
        return n;
    });

    std::size_t largest = ChunkSearch::kMinHits;
    for (const Table& t : tables) largest = std::max(largest, t.largestBucket);
    // Chunks of ~1/64 of a worker's share keep the dynamic schedule balanced on clustered codes, where a
    // few crowded buckets hold most of the work; crowded buckets are cut by queries.
    const std::size_t target =
        std::clamp<std::size_t>(codes.size() / (std::size_t{64} * threads), 256, 65536);
    const std::vector<Chunk> chunks = cutChunks(tables, target);

    std::vector<std::vector<BlockHit>> hits(threads);
    ProgressSpan searchSpan = span;
    searchSpan.base += n * static_cast<std::int64_t>(tables.size());
    runChunks(chunks.size(), threads, searchSpan, [&](std::size_t c, const WorkerContext& ctx) {
        if (hits[ctx.worker].size() < largest) hits[ctx.worker].resize(largest);
        ChunkSearch search(tables, maxDistance, hits[ctx.worker], sink, ctx.worker);
        return search.run(chunks[c], ctx);
    });
}

}  // namespace winnow::dup::detail
