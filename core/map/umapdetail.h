// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: the steps of umap() (umap.cpp), exposed for its tests.

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "map/parallel.h"
#include "map/sparse.h"
#include "map/umap.h"

namespace winnow::map::detail {

/// The fuzzy simplicial set of umap-learn: memberships exp(-(d - rho) / sigma) (1 when d <= rho or sigma
/// is 0) over the first k-1 neighbours, fuzzy union with the transpose. Rows sorted by column.
SparseRows fuzzyGraph(const select::KnnGraph& graph, int k, const SmoothKnn& kernel);

/// Drops the entries below max / epochs (umap-learn's simplicial_set_embedding), keeping rows sorted.
void pruneWeakEdges(SparseRows& graph, int epochs);

/// Component labels (0, 1, ... in order of each component's smallest vertex) of a symmetric graph.
std::vector<std::int64_t> connectedComponents(const SparseRows& graph, std::int64_t* count);

/// The initial coordinates (n x 2, row-major float64) of umap-learn's spectral_layout: the eigenvectors of
/// the normalised Laplacian with the 2nd and 3rd smallest eigenvalues (sign: largest magnitude positive);
/// a disconnected graph gets each component's own spectral layout scaled into a box around the component's
/// place (see umap.h). X may be null.
std::vector<double> spectralInit(const SparseRows& graph, const select::Matrix* X, std::uint64_t seed,
                                 WorkerPool& pool, Progress& progress);

/// The 2-D spectral embedding of one connected graph with n >= 4 vertices: dense eigen-decomposition up
/// to 512 vertices, thick-restart Lanczos (tolerance 1e-4 on the residual) above. n x 2, row-major.
std::vector<double> spectralEmbedding(const SparseRows& graph, std::uint64_t seed, Progress& progress);

/// umap-learn's optimize_layout_euclidean with per-vertex updates against the epoch's snapshot (umap.h).
/// positions: n x 2 row-major, updated in place.
void optimizeLayout(const SparseRows& graph, std::vector<float>& positions, const UmapCurve& curve,
                    int epochs, const UmapParams& params, WorkerPool& pool, Progress& progress);

}  // namespace winnow::map::detail
