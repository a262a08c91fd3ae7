// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: a compressed sparse row matrix of weights (UMAP's fuzzy graph, t-SNE's P).

#include <cstdint>
#include <vector>

namespace winnow::map::detail {

/// Row i holds columns cols[offsets[i] .. offsets[i+1]) with their values (in increasing column order
/// where a function says so).
struct SparseRows {
    std::int64_t n = 0;
    std::vector<std::int64_t> offsets;  ///< n+1 entries
    std::vector<std::int64_t> cols;
    std::vector<double> values;

    std::int64_t nonZeros() const { return static_cast<std::int64_t>(cols.size()); }
};

/// The combination used by symmetrize().
enum class Union {
    Fuzzy,  ///< a + b - a*b (UMAP's fuzzy set union)
    Sum,    ///< a + b (t-SNE's P + P^T)
};

/// S with S_ij = combine(A_ij, A_ji) (0 for an absent side) for every pair present in A or A^T; A's rows
/// need not be sorted but must not repeat a column. Rows of S are sorted by column. O(nnz log k) time,
/// O(nnz) extra memory.
SparseRows symmetrize(const SparseRows& a, Union combine);

}  // namespace winnow::map::detail
