// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/index: exact k-nearest search over a row-major matrix without copying it into an index.

#include <cstdint>

#include "index/vectorindex.h"

namespace winnow::index::detail {

/// The kk best of nb base rows for each of nq queries: FAISS's brute force (BLAS from 20 queries on) finds
/// them by its float32 formula, then their keys are recomputed with exactKey (float64) and each list is
/// ordered by (key, id). keys: squared L2 distances, or minus the inner product (ascending either way);
/// ids -1 / key +inf pad lists when kk > nb. FAISS runs with OpenMP 1 and OpenBLAS `threads` (the best
/// split on a small machine), the re-keying on `threads` OpenMP threads; the caller's settings are restored.
/// Throws winnow::Error when FAISS fails.
void exactSearch(const float* base, std::int64_t nb, int d, Metric metric, const float* queries,
                 std::int64_t nq, int kk, std::int64_t* ids, float* keys, int threads);

}  // namespace winnow::index::detail
