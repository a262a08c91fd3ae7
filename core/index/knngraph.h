// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include "common/progress.h"
#include "index/vectorindex.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::index {

/// Knobs of knnGraph().
struct KnnParams {
    /// Exact or approximate search, by VectorIndex's rule (exact below index.exactBelow rows or when
    /// index.exact; IVF otherwise, with nprobe tuned for recall@k of the graph's own k). metric, recallK
    /// are ignored (always L2 and k).
    IndexParams index;
    /// Extra candidates fetched per row beyond k + 1 and re-ranked in float64: absorbs float32 rounding
    /// and ties at the k-th place (see knnGraph()).
    int margin = 8;
    /// Rows of X whose graph rows are compared with exact search to measure the recall of an approximate
    /// graph (seeded sample; 0 = reuse the recall measured while tuning the index).
    std::int64_t recallRows = 1000;
};

/// The k nearest neighbours of every row of X under Euclidean distance (select::KnnGraph's contract): row
/// i's neighbours exclude i itself by id (exact duplicates of i count, at distance 0), come in increasing
/// distance, lowest id first on ties, with Euclidean (not squared) distances.
///
/// How: FAISS (exact brute force or the tuned IVF, see VectorIndex) finds k + 1 + margin candidates per row
/// in float32; their squared distances are recomputed in float64 (eight partial sums), rounded to float and
/// square-rooted; the candidates other than the row itself are ordered by (distance, id) and the first k
/// kept. So distances agree with a float64 brute force to float rounding (an exact duplicate is at exactly
/// 0, where FAISS's |x|^2 + |y|^2 - 2 x.y formula alone gives ~1e-2), and ties (equal stored
/// distances) are broken by lowest id exactly whenever the candidate window holds every row tied with the
/// k-th neighbour. That fails only when more than `margin` rows lie within FAISS's float32 rounding (about
/// 1e-6 of the squared norms) of the k-th distance, e.g. a row with more than k + margin exact duplicates:
/// then which of the tied rows are kept is up to FAISS, but the distances are still right. (In practice
/// FAISS gives identical vectors identical float32 distances and its heaps break ties by id, so with 30
/// copies and k = 10 the lowest ids were kept; FAISS does not promise it.)
/// Rows that an approximate search leaves with fewer than k candidates are searched exactly.
///
/// graph.exact says which path ran; graph.recall is 1 for exact, else the recall@k of the graph measured on
/// params.recallRows seeded rows against exact float64 neighbours (a neighbour counts when it is no
/// farther than the true k-th, so ties count as found).
///
/// Cost: exact O(n^2 d) at BLAS speed (100,000 x 512: about 130 CPU-s); IVF about
/// O(n d (nlist + nprobe n / nlist)) plus the index build and the recall measurements (100,000 x 512:
/// about 13 CPU-s at recall 0.98); the float64 distances O(n (k + margin) d). Memory: the
/// graph, plus a copy of X for IVF. Threads: FAISS's BLAS search on all threads, re-ranking on OpenMP.
/// Polls progress between batches of rows. info, when given, receives the IndexInfo of the search that
/// ran (type "Flat" with its reason for the exact path) for the caller to record with the graph.
/// Throws std::invalid_argument for a bad matrix or unless 1 <= k <= rows - 1; winnow::Error for
/// NaN/infinite values; winnow::Canceled.
select::KnnGraph knnGraph(const select::Matrix& X, int k, const KnnParams& params = {},
                          Progress& progress = nullProgress(), IndexInfo* info = nullptr);

/// Writes a graph for caching: "WNKNNGR1", u32 version, u32 flags (bit 0: exact), i64 n, i32 k, f64 recall,
/// u64 tag, then n*k int64 ids, n*k float32 distances, and a 64-bit FNV-1a checksum of everything
/// before it (little-endian). tag is the caller's (e.g. fingerprint() of the embeddings) and comes back
/// from loadKnnGraph. Atomic (temporary file + rename). Throws std::invalid_argument for an inconsistent
/// graph, winnow::Error on I/O failure.
void saveKnnGraph(const std::string& path, const select::KnnGraph& graph, std::uint64_t tag = 0);

/// Reads a file written by saveKnnGraph and validates it: magic, version, sizes against the file length,
/// checksum, every id in [0, n) and not the row itself, distances finite, non-negative and non-decreasing
/// along each row, recall in [0, 1]. tag, when given, receives the stored tag. Throws winnow::Error naming
/// the file and the problem.
select::KnnGraph loadKnnGraph(const std::string& path, std::uint64_t* tag = nullptr);

/// 64-bit FNV-1a of the shape and the bytes of X: a cheap identity for caches (not cryptographic).
std::uint64_t fingerprint(const select::Matrix& X);

}  // namespace winnow::index
