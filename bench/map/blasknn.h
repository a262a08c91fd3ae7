// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::bench {

/// The exact k-nearest-neighbour graph of X (self excluded) by blocked brute force: float32 sgemm
/// (OpenBLAS, one BLAS thread per worker) for candidates, the best k+16 of each row re-ranked with exact
/// float64 distances, ties to the lower index; the same contract as map::exactKnnGraph. O(n^2 d).
select::KnnGraph blasKnnGraph(const select::Matrix& X, int k, int threads);

}  // namespace winnow::bench
