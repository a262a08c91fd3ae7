// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "dup/hamming.h"
#include "dup/search.h"

namespace winnow::dup::detail {

namespace {
// 256 rows share every 4096-code column tile (32 KiB, resident in L1/L2): the codes stream from memory
// once per block of rows, not once per row.
constexpr std::size_t kBlockRows = 256;
constexpr std::size_t kTileColumns = 4096;

std::int64_t pairsInRows(std::size_t n, std::size_t i0, std::size_t i1) {
    // sum over i in [i0, i1) of (n - 1 - i)
    const auto count = static_cast<std::int64_t>(i1 - i0);
    return count * static_cast<std::int64_t>(n - 1) - (static_cast<std::int64_t>(i0 + i1 - 1) * count) / 2;
}
}  // namespace

std::int64_t allPairsUnits(std::size_t n) {
    return n < 2 ? 0 : pairsInRows(n, 0, n);
}

std::vector<NearPair> searchAllPairs(const std::uint64_t* codes, std::size_t n, int maxDistance,
                                     unsigned threads, const ProgressSpan& span, PairSink* sink) {
    const ScanFunction scan = scanFunction();
    const std::size_t blocks = n < 2 ? 0 : (n - 1 + kBlockRows - 1) / kBlockRows;
    std::vector<std::vector<NearPair>> blockPairs(blocks);

    runChunks(blocks, threads, span, [&](std::size_t block, const WorkerContext& ctx) -> std::int64_t {
        const std::size_t i0 = block * kBlockRows;
        const std::size_t i1 = std::min(n - 1, i0 + kBlockRows);
        std::vector<std::uint32_t> hits(kTileColumns);
        std::vector<NearPair> found;
        for (std::size_t j0 = i0 + 1; j0 < n; j0 += kTileColumns) {
            if (ctx.stopped()) return 0;
            const std::size_t j1 = std::min(n, j0 + kTileColumns);
            for (std::size_t i = i0; i < i1; ++i) {
                const std::size_t start = std::max(j0, i + 1);
                if (start >= j1) continue;
                const std::size_t count = scan(codes[i], codes + start, j1 - start, maxDistance, hits.data());
                for (std::size_t h = 0; h < count; ++h) {
                    const std::size_t j = start + hits[h];
                    const int d = popcount64(codes[i] ^ codes[j]);
                    if (sink != nullptr)
                        sink->addGroupPair(ctx.worker, static_cast<std::uint32_t>(i),
                                           static_cast<std::uint32_t>(j), d);
                    else
                        found.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), d});
                }
            }
        }
        // Tiles were visited in column order, rows interleaved: a stable sort by row restores (i, j) order.
        std::stable_sort(found.begin(), found.end(),
                         [](const NearPair& a, const NearPair& b) { return a.i < b.i; });
        blockPairs[block] = std::move(found);
        return pairsInRows(n, i0, i1);
    });

    std::size_t total = 0;
    for (const std::vector<NearPair>& b : blockPairs) total += b.size();
    std::vector<NearPair> pairs;
    pairs.reserve(total);
    for (std::vector<NearPair>& b : blockPairs) {
        pairs.insert(pairs.end(), b.begin(), b.end());
        std::vector<NearPair>().swap(b);
    }
    return pairs;
}

}  // namespace winnow::dup::detail
