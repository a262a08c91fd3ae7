// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The k-means a selector needs inside (hierarchical k-means, D4's re-clustering) comes in as a callback, so
// core/select does not depend on core/index (FAISS): the caller adapts its k-means to these types.

#include <cstdint>
#include <functional>
#include <vector>

#include "select/matrix.h"

namespace winnow::select {

/// A clustering of the rows of a matrix: k centroid rows (same dimension as the data) and, for every data
/// row, the index of its cluster in [0, k).
struct ClusterResult {
    Matrix centroids;             ///< k x d
    std::vector<int> assignment;  ///< one entry per data row
};

/// k-means on the rows of X into k clusters (1 <= k <= X.rows), deterministic for a given seed. Called from
/// the thread that called the selector; it may use threads inside and must return only when done.
using KMeansFn = std::function<ClusterResult(const Matrix& X, int k, std::uint64_t seed)>;

/// Nearest centroid (Euclidean) of every row of X; lowest centroid index on ties. Lets the caller plug an
/// index (FAISS) in where a selector re-assigns many rows; selectors fall back to an exact brute force.
using AssignFn = std::function<std::vector<int>(const Matrix& X, const Matrix& centroids)>;

}  // namespace winnow::select
