// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SSL prototypes metric (Sorscher et al. 2022, ALGORITHMS.md 2.4): cosine distance to the nearest centroid.

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::select {

/// Knobs of prototype pruning.
struct PrototypeParams {
    bool keepHard = true;  ///< keep the largest distances (abundant data); false keeps the prototypical ones
};

/// Score of every row: distance[i] = 1 - max_c <X_i, c> / ||c|| over all centroid rows c (the nearest
/// centroid is recomputed, not taken from an assignment: mini-batch or approximate k-means may differ), and
/// nearest[i] = that c (lowest index on ties; a zero centroid has cosine 0). Rows are used as given (cosine
/// for L2-normalised rows).
struct PrototypeScores {
    std::vector<double> distance;
    std::vector<int> nearest;
};

/// Computes PrototypeScores: n * K * d multiply-adds in float64 (detail::dotBlock), on all cores in blocks of
/// 64 rows. Throws std::invalid_argument for no centroids when rows > 0, centroids.cols != X.cols or a bad
/// matrix; winnow::Canceled when progress is canceled (polled after every block, calling thread only).
PrototypeScores prototypeScores(const Matrix& X, const Matrix& centroids,
                                Progress& progress = nullProgress());

/// The min(size, n) rows with the largest (keepHard) or smallest distance, in that order, lowest index on
/// ties. scoresOut, when given, receives the scores. Throws as prototypeScores(), and std::invalid_argument
/// for a negative size.
std::vector<std::int64_t> prototypes(const Matrix& X, const Matrix& centroids, std::int64_t size,
                                     const PrototypeParams& params = {}, Progress& progress = nullProgress(),
                                     PrototypeScores* scoresOut = nullptr);

}  // namespace winnow::select
