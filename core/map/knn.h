// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <limits>

#include "common/progress.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::map {

/// The exact k-nearest-neighbour graph of the rows of X (Euclidean, self excluded by index, increasing
/// distance, lowest index first on ties), for layouts of small sets and for tests; large sets use the
/// FAISS index of core/index. Candidates come from float32 matrix products (Eigen), blocked over query and
/// data rows; the best k+16 of each row are then re-ranked with distances computed exactly in float64, so
/// the result is exact unless float32 rounding reorders points that are not among the k+16 closest.
/// O(n^2 d) time on `threads` cores (<= 0: all), O(256 (n + k)) scratch per thread; 10,000 x 50 takes
/// about 2 CPU seconds (Eigen's SSE2 products; bench/map uses OpenBLAS for 70,000). Throws
/// std::invalid_argument unless 1 <= k <= rows-1, or for a bad matrix; winnow::Canceled when progress is
/// canceled (polled per block of 256 query rows).
select::KnnGraph exactKnnGraph(const select::Matrix& X, int k, int threads = 0,
                               Progress& progress = nullProgress());

/// The graph a layout (tsne, umap) builds for itself from X: exactKnnGraph with `neighbours` clamped to
/// [1, rows - 1], or an empty graph (k = 0) of X.rows rows when X has fewer than two rows.
select::KnnGraph layoutKnnGraph(const select::Matrix& X, int neighbours, int threads = 0,
                                Progress& progress = nullProgress());

/// Checks a k-NN graph handed to a layout: the shape of ids and dist, at most maxRows rows, ids in
/// [0, n), finite distances >= 0. Throws std::invalid_argument with a message starting "<what>: ".
void checkKnnGraph(const select::KnnGraph& graph, const char* what,
                   std::int64_t maxRows = std::numeric_limits<std::int64_t>::max());

}  // namespace winnow::map
