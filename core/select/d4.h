// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// D4 (Tirumala et al. 2023, ALGORITHMS.md 2.2) as a composition: SemDeDup to a kept fraction, k-means again
// on what is left, then SSL-prototype pruning of the most prototypical rows.

#include <cstdint>
#include <vector>

#include "common/progress.h"
#include "select/kmeansfn.h"
#include "select/matrix.h"
#include "select/semdedup.h"

namespace winnow::select {

/// Knobs of D4 (the paper's steps 2-4; its optional MinHash step 1 is the exact/near duplicate finder's job).
struct D4Params {
    double dedupKeep = 0.75;    ///< R_dedup: fraction of the rows SemDeDup keeps (the eps is searched for it)
    int clusters = 100;         ///< k of the re-clustering of the SemDeDup output (clamped to its row count)
    std::uint64_t seed = 1234;  ///< seed of the re-clustering k-means
    SemDedupParams semdedup;    ///< order inside clusters and its seed; semdedup.eps is not used
};

/// What D4 did, beside the selection.
struct D4Result {
    std::vector<std::int64_t> selected;  ///< rows of X, least prototypical first
    double eps = 0;                      ///< the SemDeDup eps found (semDedupEpsForKeep)
    std::int64_t dedupKept = 0;          ///< rows SemDeDup kept
    ClusterResult reclustering;          ///< the second k-means, over the kept rows in increasing row order
};

/// D4: semDedupScores(X, assignment, centroids) with params.semdedup; eps =
/// semDedupEpsForKeepFraction(scores, dedupKeep) (floor(dedupKeep * n) rows; ties may keep a few more);
/// kmeans(kept rows in increasing order, min(params.clusters, kept), params.seed); then prototypes() on the
/// kept rows with those centroids keeping the hard (least prototypical) ones. Returns min(size, kept) rows,
/// so size is the overall keep count R * n. Throws std::invalid_argument for a negative size, dedupKeep
/// outside [0, 1], clusters < 1, or what the steps throw; winnow::Error when the callback returns a result of
/// the wrong shape; winnow::Canceled.
D4Result d4(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids, std::int64_t size,
            const D4Params& params, const KMeansFn& kmeans, Progress& progress = nullProgress());

}  // namespace winnow::select
