// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "baselines.h"

#include <faiss/IndexBinaryFlat.h>
#include <faiss/impl/AuxIndexStructures.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>

#include "dup/hamming.h"

namespace winnow::bench {

namespace {
double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

SampleScan bruteForceSample(const std::vector<std::uint64_t>& codes, std::size_t queries, int radius,
                            unsigned threads) {
    constexpr std::size_t kBlockRows = 256;
    constexpr std::size_t kTile = 4096;
    const auto scan = dup::detail::scanFunction();
    const std::size_t n = codes.size();
    queries = std::min(queries, n);
    std::atomic<std::size_t> nextBlock{0};
    std::atomic<std::uint64_t> found{0};
    const auto start = std::chrono::steady_clock::now();
    const double cpu = processCpuSeconds();
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < threads; ++w)
        workers.emplace_back([&] {
            std::vector<std::uint32_t> hits(kTile);
            std::uint64_t local = 0;
            for (;;) {
                const std::size_t q0 = nextBlock.fetch_add(1) * kBlockRows;
                if (q0 >= queries) break;
                const std::size_t q1 = std::min(queries, q0 + kBlockRows);
                for (std::size_t j0 = 0; j0 < n; j0 += kTile) {
                    const std::size_t len = std::min(kTile, n - j0);
                    for (std::size_t q = q0; q < q1; ++q)
                        local += scan(codes[q], codes.data() + j0, len, radius, hits.data());
                }
            }
            found += local;
        });
    for (std::thread& t : workers) t.join();
    return {since(start), processCpuSeconds() - cpu, found.load() - queries};  // every query finds itself
}

SampleScan faissSample(const std::vector<std::uint64_t>& codes, std::size_t queries, int radius,
                       unsigned threads) {
    queries = std::min(queries, codes.size());
    omp_set_num_threads(static_cast<int>(threads));
    // Byte order does not matter to a Hamming distance, so the codes go in as their in-memory bytes.
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(codes.data());
    faiss::IndexBinaryFlat index(64);
    index.add(static_cast<faiss::Index::idx_t>(codes.size()), bytes);
    faiss::RangeSearchResult result(static_cast<faiss::Index::idx_t>(queries));
    const auto start = std::chrono::steady_clock::now();
    const double cpu = processCpuSeconds();
    index.range_search(static_cast<faiss::Index::idx_t>(queries), bytes, radius + 1, &result);
    return {since(start), processCpuSeconds() - cpu,
            static_cast<std::uint64_t>(result.lims[queries]) - queries};
}

}  // namespace winnow::bench
