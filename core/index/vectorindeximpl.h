// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/index: the state behind VectorIndex, shared by vectorindex.cpp and vectorindexio.cpp.

#include <faiss/Index.h>

#include <cstdint>
#include <memory>

#include "index/ivfscan.h"
#include "index/vectorindex.h"

namespace winnow::index {

struct VectorIndex::Impl {
    std::unique_ptr<faiss::Index>
        index;  ///< faiss::IndexFlat (exact) or faiss::IndexIVFFlat owning its quantizer
    IndexInfo info;
    detail::IvfLists lists;  ///< view of the IVF lists (IVF only)
    int threads = 1;
    mutable detail::IvfScratch scratch;  ///< reused by IVF searches (one search at a time, see VectorIndex)

    /// Builds `lists` from the IVF index; throws winnow::Error when the lists are not FAISS's array lists
    /// or hold ids outside [0, rows).
    void prepareLists();

    /// The kk best for nq queries (ascending keys: squared L2 or minus inner product; ids -1 when missing),
    /// with nprobe lists for IVF (ignored when exact).
    void searchKeys(const float* queries, std::int64_t nq, int kk, int nprobe, std::int64_t* ids,
                    float* keys) const;
};

}  // namespace winnow::index
