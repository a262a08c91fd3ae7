// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// 2-D layouts (PCA, t-SNE, UMAP) of a project's stored embeddings, cached in the project, and the k-NN
// graphs they and the k-NN scores are built from, cached likewise (issue 4; issue 3's graph cache).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "common/progress.h"
#include "curate/embeddingstore.h"
#include "curate/methods.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::curate {

/// The methods layouts know: "pca", "tsne", "umap", each with a plain-words summary and parameters
/// (the same MethodInfo shape as selection methods, for the GUI form and the docs).
const std::vector<MethodInfo>& layoutMethods();
/// The entry of layoutMethods() called name, or null.
const MethodInfo* findLayoutMethod(const std::string& name);

/// What to lay out: every sample with a committed vector under `embedder` (all datasets).
struct LayoutRequest {
    std::string embedder = "builtin";
    std::string method = "umap";  ///< "pca", "tsne" or "umap"
    MethodParams params;           ///< method parameters as key=value (e.g. k, min_dist, perplexity, seed)
    bool recompute = false;        ///< ignore a cached layout (and replace it)
};

/// A layout: row i of xy is the position of sample ids[i].
struct Layout {
    std::string embedder;
    std::string method;
    nlohmann::json params;             ///< every parameter, defaults filled in (canonical)
    std::string key;                   ///< the cache key: method, canonical parameters, embedding fingerprint
    std::vector<std::int64_t> ids;     ///< sample ids, in the stored embeddings' order
    select::Matrix xy;                 ///< ids.size() x 2
    bool cached = false;               ///< read from the project's cache instead of computed
    double seconds = 0;                ///< compute time (0 when cached)
    nlohmann::json info;               ///< k-NN graph kind and recall, epochs, iterations, ...
    std::int64_t created = 0;          ///< unix time the layout was computed
};

/// The layout asked for: read from the cache (artifact kind "layout") when its key matches the current
/// embeddings, otherwise computed (the k-NN graph through knnGraphFor()) and cached under
/// PROJECT.winnow.d/layouts/. Deterministic for (embeddings, method, parameters, seed). Throws
/// winnow::Error for an unknown embedder, method or parameter, or fewer than 3 embedded samples;
/// winnow::Canceled when progress is canceled (nothing is cached then).
Layout computeLayout(catalog::Catalog& catalog, const LayoutRequest& request, Progress& progress = nullProgress());

/// A summary of a cached layout (no coordinates).
struct LayoutSummary {
    std::int64_t artifactId = 0;
    std::string embedder;
    std::string method;
    nlohmann::json params;
    std::string key;
    std::int64_t rows = 0;
    bool current = false;  ///< its embedding fingerprint matches the embeddings stored now
    std::int64_t created = 0;
};

/// The cached layouts of the project, newest first. Reads each embedder's vectors once to tell whether its
/// layouts are current (about a second for 1M x 512).
std::vector<LayoutSummary> cachedLayouts(const catalog::Catalog& catalog);

/// Writes a layout as CSV: header "sample_id,x,y", then one row per sample (coordinates with 9 significant
/// digits). Throws winnow::Error naming the file on I/O failure.
void writeLayoutCsv(const Layout& layout, const std::string& path);

/// The k-NN graph (self excluded, Euclidean) of every embedded sample under `embedder`, k neighbours, in
/// loadEmbeddings()'s row order (ids filled in when given). Read from the cache (artifact kind "knn")
/// when a cached graph of at least k neighbours matches the current embeddings (then truncated to k),
/// otherwise built with core/index (exact below its threshold, FAISS IVF above with its measured recall)
/// and cached under PROJECT.winnow.d/graphs/ (one graph per embedder, replaced by a larger k or new
/// embeddings). `info` (when given) receives "knn" ("exact" or "approximate"), "knn_recall", "knn_cached",
/// "knn_k". Throws winnow::Error for an unknown embedder or k outside [1, rows - 1]; winnow::Canceled
/// (nothing cached then).
select::KnnGraph knnGraphFor(catalog::Catalog& catalog, const std::string& embedder, int k,
                             std::vector<std::int64_t>* ids = nullptr, nlohmann::json* info = nullptr,
                             Progress& progress = nullProgress());

/// The same for a table already loaded by loadEmbeddings(catalog, E) (all embedded samples, any row order):
/// the graph's rows and neighbour ids are the table's rows. Throws winnow::Error unless 1 <= k <= rows - 1.
select::KnnGraph knnGraphFor(catalog::Catalog& catalog, const EmbeddingTable& table, int k,
                             nlohmann::json* info = nullptr, Progress& progress = nullProgress());

/// Read-only: the cached graph of at least k neighbours whose embeddings are exactly the table's (the same
/// sample ids with the same vectors under the same embedder, in any order), truncated to k and in the
/// table's row order; nullopt when there is none (nothing is computed or written). info as knnGraphFor.
std::optional<select::KnnGraph> cachedKnnGraph(const catalog::Catalog& catalog, const EmbeddingTable& table, int k,
                                               nlohmann::json* info = nullptr);
/// The same for rows given as sample ids and their vectors (row i of X is sample ids[i]) under `embedder`.
std::optional<select::KnnGraph> cachedKnnGraph(const catalog::Catalog& catalog, const std::string& embedder,
                                               const std::vector<std::int64_t>& ids, const select::Matrix& X, int k,
                                               nlohmann::json* info = nullptr);

/// The identity of a set of stored embeddings for cache keys (16 hex digits): a 64-bit hash of the
/// embedder's name, identity JSON and dimension, and of every (sample id, vector) pair in ascending id
/// order, so it changes when samples are embedded or removed or the embedder is refitted, and does not
/// depend on the table's row order.
std::string embeddingFingerprint(const catalog::Catalog& catalog, const EmbeddingTable& table);

}  // namespace winnow::curate
