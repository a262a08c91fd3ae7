// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/index: scanning IVF-Flat inverted lists with matrix products.
//
// FAISS's IVF scanner compares a query with one list vector at a time; Debian's FAISS is built for baseline
// x86-64, where that runs at 1-2 GFLOP/s. Here the (query, list) pairs of a batch are grouped by list and
// every list is compared with all its queries at once by one sgemm (OpenBLAS, ~100 GFLOP/s per core).
// The probed lists and the vectors compared are the same as FAISS's; only the arithmetic differs.

#include <cstdint>
#include <vector>

namespace winnow::index::detail {

/// Read-only view of the inverted lists of a faiss::IndexIVFFlat (the index must outlive it).
struct IvfLists {
    int dim = 0;
    bool innerProduct = false;
    std::vector<const float*> vectors;      ///< per list: size x dim floats, contiguous
    std::vector<const std::int64_t*> ids;   ///< per list: the row number of each vector
    std::vector<std::int64_t> sizes;        ///< per list: number of vectors
    std::vector<std::vector<float>> norms;  ///< per list: squared L2 norms (L2 only)

    int lists() const { return static_cast<int>(sizes.size()); }
};

/// A search result candidate: ordered by (key, id).
struct Candidate {
    float key;
    std::int64_t id;
    bool operator<(const Candidate& o) const { return key != o.key ? key < o.key : id < o.id; }
};

/// Buffers of ivfScan kept between calls (a search in batches reuses them instead of faulting in fresh
/// pages every batch). Not shared between threads.
struct IvfScratch {
    std::vector<Candidate> slots;  ///< per (query, probe slot): up to kk candidates
    std::vector<int> counts;       ///< per (query, probe slot): how many are filled
    std::vector<std::int64_t> byList;
    std::vector<std::int64_t> start;
    std::vector<float> queryNorms;
};

/// Squared L2 distance (or minus the inner product) of a and b accumulated in float64 (eight partial sums in
/// a fixed order), rounded to float. An AVX2 build is chosen at run time where the CPU has it; it uses no
/// FMA, so results are bit-identical on every machine.
float exactKey(const float* a, const float* b, int d, bool innerProduct);

/// For nq queries (row-major nq x dim) and their probes (nq x nprobe list numbers, -1 = none): the kk best
/// vectors over the probed lists. Within each probed list the kk best by FAISS's float32 formula
/// |q|^2 + |x|^2 - 2 q.x are kept (as FAISS selects them) and re-keyed with exactKey while the list is
/// still in cache; the lists of a query are then merged by (exact key, id). outKey receives squared L2
/// distances (ascending) or, for inner product, minus the dot product (ascending); missing results have
/// id -1 and key +infinity. Runs on `threads` OpenMP threads; the caller sets OpenBLAS to one thread.
/// Memory: nq * nprobe * (kk * 16 + 4) bytes of candidates in scratch plus small per-thread blocks.
void ivfScan(const IvfLists& lists, const float* queries, std::int64_t nq, const std::int64_t* probes,
             int nprobe, int kk, std::int64_t* outIds, float* outKey, int threads, IvfScratch& scratch);

}  // namespace winnow::index::detail
