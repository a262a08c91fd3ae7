// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/knngraph.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "common/error.h"
#include "index/exactsearch.h"
#include "index/threads.h"
#include "select/random.h"

namespace winnow::index {

using select::KnnGraph;
using select::Matrix;

namespace {

/// Rows searched per batch (progress and cancel between batches).
constexpr std::int64_t kBatch = 8192;
constexpr std::uint64_t kRecallSeedMix = 0xD1B54A32D192ED03ULL;

/// Writes graph rows [b0, b0+b) from kk candidates per row (ids and Euclidean distances, already exact):
/// the candidates other than the row itself, by (distance, id), the first k kept. Rows left with fewer
/// than k candidates are appended to shortRows.
void rerank(std::int64_t b0, std::int64_t b, int kk, const std::int64_t* cand, const float* candDist, int k,
            int threads, std::int64_t* outIds, float* outDist, std::vector<std::int64_t>& shortRows) {
    std::vector<unsigned char> tooFew(static_cast<std::size_t>(b), 0);
#pragma omp parallel num_threads(threads)
    {
        std::vector<std::pair<float, std::int64_t>> buf;
#pragma omp for schedule(static)
        for (std::int64_t r = 0; r < b; ++r) {
            const std::int64_t i = b0 + r;
            buf.clear();
            for (int t = 0; t < kk; ++t) {
                const std::int64_t j = cand[r * kk + t];
                if (j >= 0 && j != i) buf.emplace_back(candDist[r * kk + t], j);
            }
            if (static_cast<int>(buf.size()) < k) {
                tooFew[static_cast<std::size_t>(r)] = 1;
                continue;
            }
            std::partial_sort(buf.begin(), buf.begin() + k, buf.end());
            for (int t = 0; t < k; ++t) {
                outIds[i * k + t] = buf[static_cast<std::size_t>(t)].second;
                outDist[i * k + t] = buf[static_cast<std::size_t>(t)].first;
            }
        }
    }
    for (std::int64_t r = 0; r < b; ++r)
        if (tooFew[static_cast<std::size_t>(r)]) shortRows.push_back(b0 + r);
}

/// Exact graph rows for the given rows (brute force + re-ranking), into ids/dist laid out like a graph
/// with one row per entry of `rows`.
void exactRows(const Matrix& X, const std::vector<std::int64_t>& rows, int k, int kk, int threads,
               std::vector<std::int64_t>& ids, std::vector<float>& dist, Progress& progress) {
    const int d = X.cols;
    const auto m = static_cast<std::int64_t>(rows.size());
    ids.assign(static_cast<std::size_t>(m * k), -1);
    dist.assign(ids.size(), 0);
    std::vector<float> queries;
    std::vector<std::int64_t> cand;
    std::vector<float> keys;
    std::vector<std::int64_t> none;
    for (std::int64_t b0 = 0; b0 < m; b0 += kBatch) {
        if (progress.isCanceled()) throw Canceled();
        const std::int64_t b = std::min(kBatch, m - b0);
        queries.resize(static_cast<std::size_t>(b * d));
        for (std::int64_t r = 0; r < b; ++r)
            std::copy(X.row(rows[static_cast<std::size_t>(b0 + r)]),
                      X.row(rows[static_cast<std::size_t>(b0 + r)]) + d, queries.begin() + r * d);
        cand.resize(static_cast<std::size_t>(b * kk));
        keys.resize(cand.size());
        {
            detail::exactSearch(X.data.data(), X.rows, d, Metric::L2, queries.data(), b, kk, cand.data(),
                                keys.data(), threads);
        }
        // Drop each row's own id (the lists are in (key, id) order already).
        for (std::int64_t r = 0; r < b; ++r) {
            const std::int64_t i = rows[static_cast<std::size_t>(b0 + r)];
            int w = 0;
            for (int t = 0; t < kk && w < k; ++t) {
                const std::int64_t j = cand[static_cast<std::size_t>(r * kk + t)];
                if (j < 0 || j == i) continue;
                ids[static_cast<std::size_t>((b0 + r) * k + w)] = j;
                dist[static_cast<std::size_t>((b0 + r) * k + w)] =
                    std::sqrt(keys[static_cast<std::size_t>(r * kk + t)]);
                ++w;
            }
        }
    }
}

}  // namespace

KnnGraph knnGraph(const Matrix& X, int k, const KnnParams& params, Progress& progress, IndexInfo* info) {
    select::checkShape(X);
    const std::int64_t n = X.rows;
    KnnGraph graph;
    graph.n = n;
    graph.k = k;
    if (n == 0) return graph;
    if (k < 1 || k > n - 1) throw std::invalid_argument("knnGraph: k must be between 1 and rows-1");
    if (params.margin < 0 || params.recallRows < 0)
        throw std::invalid_argument("knnGraph: negative parameter");
    for (float v : X.data)
        if (!std::isfinite(v)) throw Error("k-NN graph: the embeddings hold NaN or infinite values");
    if (progress.isCanceled()) throw Canceled();
    const int threads = detail::resolveThreads(params.index.threads);
    const int d = X.cols;
    const int kk =
        static_cast<int>(std::min<std::int64_t>(n, static_cast<std::int64_t>(k) + 1 + params.margin));

    IndexParams ip = params.index;
    ip.metric = Metric::L2;
    ip.recallK = k;
    VectorIndex approx;
    bool exact = ip.exact || n < ip.exactBelow || n < 2;
    IndexInfo used;
    if (exact) {
        used.type = "Flat";
        used.reason = ip.exact ? "asked for exact search"
                               : "rows < " + std::to_string(std::max<std::int64_t>(ip.exactBelow, 2));
        used.rows = n;
        used.dim = d;
        used.seed = ip.seed;
    } else {
        approx = VectorIndex::build(X, ip, progress);
        used = approx.info();
        exact = used.exact;
        if (exact) approx = VectorIndex();  // the index chose flat search: brute force on X needs no copy
    }
    if (info) *info = used;

    graph.exact = exact;
    graph.recall = 1;
    graph.ids.assign(static_cast<std::size_t>(n * k), -1);
    graph.dist.assign(graph.ids.size(), 0);
    std::vector<std::int64_t> cand;
    std::vector<float> candDist;
    std::vector<std::int64_t> shortRows;
    Matrix batch;
    batch.cols = d;
    for (std::int64_t b0 = 0; b0 < n; b0 += kBatch) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(b0, n, "k-NN graph");
        const std::int64_t b = std::min(kBatch, n - b0);
        if (exact) {
            cand.resize(static_cast<std::size_t>(b * kk));
            candDist.resize(cand.size());
            detail::exactSearch(X.data.data(), n, d, Metric::L2, X.row(b0), b, kk, cand.data(),
                                candDist.data(), threads);
            for (float& v : candDist) v = std::sqrt(v);
        } else {
            batch.rows = b;
            batch.data.assign(X.row(b0), X.row(b0) + b * d);
            SearchResult r = approx.search(batch, kk);
            cand = std::move(r.ids);
            candDist = std::move(r.distances);
        }
        detail::ThreadScope scope(threads, 1);
        rerank(b0, b, kk, cand.data(), candDist.data(), k, threads, graph.ids.data(), graph.dist.data(),
               shortRows);
    }
    approx = VectorIndex();
    if (!shortRows.empty()) {  // an approximate search found too few candidates: search those rows exactly
        std::vector<std::int64_t> ids;
        std::vector<float> dist;
        exactRows(X, shortRows, k, kk, threads, ids, dist, progress);
        for (std::size_t s = 0; s < shortRows.size(); ++s) {
            std::copy(ids.begin() + s * k, ids.begin() + (s + 1) * k, graph.ids.begin() + shortRows[s] * k);
            std::copy(dist.begin() + s * k, dist.begin() + (s + 1) * k,
                      graph.dist.begin() + shortRows[s] * k);
        }
    }

    if (!exact) {
        if (params.recallRows == 0) {
            graph.recall = used.recall;
        } else {
            progress.report(n, n, "measuring recall");
            const auto rows =
                select::randomSubset(n, std::min(params.recallRows, n), ip.seed ^ kRecallSeedMix);
            std::vector<std::int64_t> ids;
            std::vector<float> dist;
            exactRows(X, rows, k, kk, threads, ids, dist, progress);
            double total = 0;
            for (std::size_t s = 0; s < rows.size(); ++s) {
                const std::int64_t* truth = ids.data() + s * k;
                const std::unordered_set<std::int64_t> truthSet(truth, truth + k);
                const float kth = dist[s * k + k - 1];
                int found = 0;
                for (int t = 0; t < k; ++t) {
                    const std::int64_t j = graph.ids[static_cast<std::size_t>(rows[s] * k + t)];
                    if (truthSet.count(j) || graph.dist[static_cast<std::size_t>(rows[s] * k + t)] <= kth)
                        ++found;
                }
                total += static_cast<double>(found) / k;
            }
            graph.recall = total / static_cast<double>(rows.size());
        }
    }
    progress.report(n, n, "k-NN graph");
    return graph;
}

}  // namespace winnow::index
