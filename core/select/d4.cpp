// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/d4.h"

#include <algorithm>
#include <stdexcept>

#include "common/error.h"
#include "select/prototypes.h"

namespace winnow::select {

D4Result d4(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids, std::int64_t size,
            const D4Params& params, const KMeansFn& kmeans, Progress& progress) {
    if (size < 0) throw std::invalid_argument("d4: negative size");
    if (!(params.dedupKeep >= 0 && params.dedupKeep <= 1))
        throw std::invalid_argument("d4: dedupKeep outside [0, 1]");
    if (params.clusters < 1) throw std::invalid_argument("d4: clusters must be at least 1");
    if (!kmeans) throw std::invalid_argument("d4: no k-means callback");
    D4Result res;
    const SemDedupScores scores = semDedupScores(X, assignment, centroids, params.semdedup, progress);
    const SemDedupEps e = semDedupEpsForKeepFraction(scores, params.dedupKeep);
    res.eps = e.eps;
    const std::vector<std::int64_t> kept = semDedupKept(scores, e.eps);
    res.dedupKept = static_cast<std::int64_t>(kept.size());
    if (kept.empty() || size == 0) return res;

    Matrix y;
    y.rows = res.dedupKept;
    y.cols = X.cols;
    y.data.reserve(kept.size() * static_cast<std::size_t>(X.cols));
    for (auto i : kept) y.data.insert(y.data.end(), X.row(i), X.row(i) + X.cols);
    if (progress.isCanceled()) throw Canceled();
    progress.report(0, 1, "D4: re-clustering");
    const int k = static_cast<int>(std::min<std::int64_t>(params.clusters, y.rows));
    res.reclustering = kmeans(y, k, params.seed);
    if (res.reclustering.centroids.rows != k || res.reclustering.centroids.cols != y.cols ||
        res.reclustering.centroids.data.size() !=
            static_cast<std::size_t>(k) * static_cast<std::size_t>(y.cols))
        throw Error("d4: the k-means callback returned a result of the wrong shape");
    PrototypeParams p;
    p.keepHard = true;
    for (auto r : prototypes(y, res.reclustering.centroids, size, p, progress))
        res.selected.push_back(kept[static_cast<std::size_t>(r)]);
    return res;
}

}  // namespace winnow::select
