// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::index {

/// How vectors are compared. L2: Euclidean distance, smaller is nearer. InnerProduct: dot product, larger
/// is nearer (cosine similarity on L2-normalised rows).
enum class Metric { L2, InnerProduct };

/// Knobs of VectorIndex::build. The defaults were chosen by measurement on Debian's FAISS 1.7.3 (baseline
/// x86-64, no AVX2) on the 2-core project machine, with 100,000 x 512 mixture embeddings and k = 20
/// (bench/select, figures in bench/README.md): the self k-NN graph took 5.3 / 35 / 129 CPU-s exact at
/// 20,000 / 50,000 / 100,000 rows against 2.1 / 5.9 / 12.9 CPU-s with IVF at recall@20 >= 0.98, hence
/// exactBelow = 20,000; nlist = 1, 2, 4 x sqrt(n) took 12.9, 17.5, 30.9 CPU-s at 100,000 rows (the coarse
/// k-means grows with nlist^2 while the scanned fraction stayed about 1.3 %), hence nlistFactor = 1.
struct IndexParams {
    Metric metric = Metric::L2;         ///< metric of the index and of its searches
    bool exact = false;                 ///< always use exact (flat) search
    std::int64_t exactBelow = 20000;    ///< exact search below this many rows (exact costs O(n) per query)
    double nlistFactor = 1.0;           ///< IVF: nlist = round(nlistFactor * sqrt(rows)), at least 1
    int trainPointsPerList = 64;        ///< IVF: the coarse k-means trains on min(rows, this * nlist) rows
    int trainIterations = 10;           ///< IVF: coarse k-means iterations (FAISS's IVF default)
    double targetRecall = 0.95;         ///< IVF: smallest nprobe reaching this recall@recallK is kept
    int recallK = 10;                   ///< IVF: k of the recall measurement
    std::int64_t recallQueries = 1000;  ///< IVF: rows of the matrix used as recall queries (seeded sample)
    double maxScanFraction = 0.25;      ///< IVF: when nprobe/nlist must exceed this, use exact search instead
    std::uint64_t seed = 20260401;      ///< training sample, coarse k-means and recall sample
    int threads = 0;                    ///< threads for FAISS and the scans; 0 = all hardware threads
};

/// What build() chose and measured; to be recorded with anything derived from the index.
struct IndexInfo {
    std::string type;    ///< FAISS factory string: "Flat" or "IVF<nlist>,Flat"
    std::string reason;  ///< why: "asked for exact search", "rows < 20000", "IVF", or why IVF lost
    Metric metric = Metric::L2;
    bool exact = true;               ///< true for flat (exact) search
    std::int64_t rows = 0;           ///< vectors in the index
    int dim = 0;                     ///< vector dimension
    int nlist = 0;                   ///< IVF lists (0 when exact)
    int nprobe = 0;                  ///< IVF lists scanned per query (0 when exact)
    std::int64_t trainRows = 0;      ///< rows the coarse k-means trained on (0 when exact)
    double targetRecall = 0;         ///< the target the nprobe search aimed at (0 when exact)
    int recallK = 0;                 ///< k of the recall measurement (0 when exact)
    std::int64_t recallQueries = 0;  ///< queries of the recall measurement (0 when exact)
    double recall = 1;               ///< measured recall@recallK at nprobe (1 when exact)
    std::uint64_t seed = 0;          ///< IndexParams::seed used
};

/// Result of a search: query q's j-th result is at q*k + j, best first.
struct SearchResult {
    std::int64_t queries = 0;
    int k = 0;
    std::vector<std::int64_t> ids;  ///< row numbers of the indexed matrix; -1 where fewer than k were found
    std::vector<float> distances;   ///< L2: Euclidean (not squared) distance; InnerProduct: dot product
};

/// A searchable index over the rows of an embedding matrix: FAISS IndexFlat (exact) for small sets or when
/// asked, else IVF-Flat (inverted lists of raw vectors around a k-means coarse quantizer) with nprobe
/// tuned to a target recall measured against exact search (see build()).
///
/// Why IVF and not HNSW: on Debian's SSE-only FAISS, HNSW32 took 189 s to build over 100,000 x 512 on the
/// 2-core project machine (IVF: 8 s to train and fill) for similar search speed at recall >= 0.95.
/// IVF lists are scanned with blocked matrix products (OpenBLAS, see ivfscan.h) instead of FAISS's
/// per-vector SSE scanner: the 100,000-row self-search at nprobe 4 took 6.3 CPU-s against 51 for
/// python3-faiss's IndexIVFFlat. Results are those of FAISS's IVF search (the same lists are probed, the
/// same vectors compared) up to float rounding and tie order.
///
/// Distances and order: candidates are found with FAISS's float32 formula |q|^2 + |x|^2 - 2 q.x, then the
/// returned ones get their distance recomputed in float64 (the formula loses small distances to
/// cancellation: an exact duplicate would otherwise sit at ~1e-2 instead of 0) and are ordered by
/// (distance, id). Which rows make the cut near the k-th place is still decided in float32 (rows within
/// about 1e-6 of the squared norms of the k-th distance); knnGraph() adds a margin of candidates for that.
///
/// Thread affinity: a const VectorIndex may be searched from one thread at a time (FAISS's thread settings
/// are process-wide); any thread may own it. Movable, not copyable.
class VectorIndex {
public:
    VectorIndex();
    ~VectorIndex();
    VectorIndex(VectorIndex&&) noexcept;
    VectorIndex& operator=(VectorIndex&&) noexcept;

    /// Indexes the rows of X (copied; X may be dropped afterwards). Exact when params.exact, when
    /// rows < params.exactBelow, or when the tuned IVF would scan more than params.maxScanFraction of the
    /// lists. IVF: nlist = round(nlistFactor * sqrt(rows)); the coarse quantizer is kmeans() on a seeded
    /// sample of min(rows, trainPointsPerList * nlist) rows (spherical for InnerProduct); then nprobe = the
    /// smallest value whose recall@recallK reaches targetRecall (doubling, then bisection), recall measured
    /// on recallQueries seeded rows of X used as queries, each with its own row removed from both result
    /// lists, against exact search, a result counting as found when it is in the exact list or no farther
    /// than the exact k-th result (ties). Cost: O(rows * d) for exact; IVF adds the coarse k-means
    /// (trainRows * nlist * d per iteration) and the recall search (recallQueries * rows * d). Polls
    /// progress between k-means iterations, batches of added rows and recall measurements. Throws
    /// std::invalid_argument for a bad matrix or params, winnow::Canceled when canceled, winnow::Error when
    /// X holds NaN or infinite values.
    static VectorIndex build(const select::Matrix& X, const IndexParams& params = {},
                             Progress& progress = nullProgress());

    /// The k nearest indexed rows of every query row (k is clamped to the number of indexed rows), in
    /// batches of a few thousand queries with progress and cancel between batches. Exact: FAISS's BLAS
    /// search; IVF: the nprobe nearest lists, scanned with matrix products. Cost: exact O(q * rows * d),
    /// IVF about O(q * d * (nlist + nprobe * rows / nlist)). Throws std::invalid_argument when
    /// queries.cols != dim() or k < 1, std::logic_error on an empty (moved-from) index, winnow::Canceled.
    SearchResult search(const select::Matrix& queries, int k, Progress& progress = nullProgress()) const;

    /// Writes the index to one file: a Winnow header (magic "WNVINDX1", version, IndexInfo), FAISS's own
    /// serialisation (faiss::write_index), and an end marker with the FAISS part's length (layout in
    /// vectorindexio.cpp). Atomic (temporary file + rename). Throws winnow::Error.
    void save(const std::string& path) const;

    /// Reads a file written by save(). threads as in IndexParams. Throws winnow::Error naming the file for a
    /// missing, truncated or corrupt file, another format or version, or a FAISS part that disagrees with
    /// the header.
    static VectorIndex load(const std::string& path, int threads = 0);

    const IndexInfo& info() const;
    std::int64_t size() const;
    int dim() const;
    bool empty() const { return !d; }

private:
    struct Impl;
    explicit VectorIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

/// Human-readable name of a metric ("L2", "inner product").
const char* metricName(Metric metric);

}  // namespace winnow::index
