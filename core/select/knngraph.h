// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace winnow::select {

/// The k nearest neighbours of every row of a matrix, self excluded: row i's neighbours are
/// ids[i*k .. i*k+k) in increasing distance (lowest id first on ties), with their Euclidean (not squared)
/// distances in dist at the same places. Built by core/index (FAISS, exact or approximate: exact says which);
/// consumed by typicality, outlier and density scores and by the 2-D map layouts.
struct KnnGraph {
    std::int64_t n = 0;
    int k = 0;
    std::vector<std::int64_t> ids;  ///< n*k neighbour row indices
    std::vector<float> dist;        ///< n*k Euclidean distances
    bool exact = true;              ///< false when an approximate index produced it
    double recall = 1;              ///< measured recall@k against exact search (1 when exact)

    const std::int64_t* neighbours(std::int64_t i) const { return ids.data() + i * k; }
    const float* distances(std::int64_t i) const { return dist.data() + i * k; }
};

}  // namespace winnow::select
