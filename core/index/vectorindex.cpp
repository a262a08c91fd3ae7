// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/vectorindex.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/invlists/InvertedLists.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_set>

#include "common/error.h"
#include "index/exactsearch.h"
#include "index/faisserror.h"
#include "index/kmeans.h"
#include "index/threads.h"
#include "index/vectorindeximpl.h"
#include "select/random.h"

namespace winnow::index {

using select::Matrix;

namespace {

/// Rows added to the IVF lists per FAISS call (progress and cancel between calls).
constexpr std::int64_t kAddBatch = 65536;
/// Queries per exact search call: one pass over the base per batch, at BLAS speed.
constexpr std::int64_t kExactBatch = 8192;
/// Bytes of per-batch candidate slots an IVF search may use (ivfScan keeps 16 bytes per slot entry).
constexpr std::int64_t kSlotBytes = std::int64_t(256) << 20;
/// Seed offsets, so that the training sample and the recall queries are independent draws.
constexpr std::uint64_t kRecallSeedMix = 0x9E3779B97F4A7C15ULL;

void requireFinite(const Matrix& X) {
    for (float v : X.data)
        if (!std::isfinite(v)) throw Error("vector index: the embeddings hold NaN or infinite values");
}

void checkParams(const IndexParams& p) {
    if (p.exactBelow < 0 || !(p.nlistFactor > 0) || p.trainPointsPerList < 1 || p.trainIterations < 0 ||
        !(p.targetRecall > 0 && p.targetRecall <= 1) || p.recallK < 1 || p.recallQueries < 1 ||
        !(p.maxScanFraction > 0 && p.maxScanFraction <= 1))
        throw std::invalid_argument("VectorIndex::build: parameter out of range");
}

std::unique_ptr<faiss::IndexFlat> makeFlat(int d, Metric metric) {
    if (metric == Metric::L2) return std::make_unique<faiss::IndexFlatL2>(d);
    return std::make_unique<faiss::IndexFlatIP>(d);
}

/// Recall measurement state: queries are rows of X; the exact lists come once from brute force.
struct RecallProbe {
    std::vector<std::int64_t> rows;      ///< query row numbers
    std::vector<float> queries;          ///< their vectors
    int k = 0;                           ///< recall@k (self removed)
    std::vector<std::int64_t> exactIds;  ///< rows * k, self removed
    std::vector<float> exactKth;         ///< key of the k-th exact result
    std::vector<std::int64_t> ranking;   ///< rows * nlist: lists by increasing distance from the query
};

/// The k results of a (k+1)-long list without the query's own row (or without the last one).
void dropSelf(const std::int64_t* ids, const float* keys, int kk, std::int64_t self, std::int64_t* outIds,
              float* outKeys) {
    int w = 0;
    bool dropped = false;
    for (int t = 0; t < kk && w < kk - 1; ++t) {
        if (!dropped && ids[t] == self) {
            dropped = true;
            continue;
        }
        outIds[w] = ids[t];
        if (outKeys) outKeys[w] = keys[t];
        ++w;
    }
}

double recallOf(const RecallProbe& probe, const std::vector<std::int64_t>& ids,
                const std::vector<float>& keys) {
    const int k = probe.k;
    const int kk = k + 1;
    double total = 0;
    std::vector<std::int64_t> got(static_cast<std::size_t>(k));
    std::vector<float> gotKeys(static_cast<std::size_t>(k));
    for (std::size_t q = 0; q < probe.rows.size(); ++q) {
        dropSelf(ids.data() + q * kk, keys.data() + q * kk, kk, probe.rows[q], got.data(), gotKeys.data());
        const std::int64_t* exact = probe.exactIds.data() + q * k;
        std::unordered_set<std::int64_t> truth(exact, exact + k);
        const float kth = probe.exactKth[q];
        const float tol = 1e-5f * (1.0f + std::abs(kth));
        int found = 0;
        for (int t = 0; t < k; ++t)
            if (got[static_cast<std::size_t>(t)] >= 0 && (truth.count(got[static_cast<std::size_t>(t)]) ||
                                                          gotKeys[static_cast<std::size_t>(t)] <= kth + tol))
                ++found;
        total += static_cast<double>(found) / k;
    }
    return total / static_cast<double>(probe.rows.size());
}

/// Adds every row of X to the IVF lists: the same assignment and the same list contents (rows in
/// increasing order) as faiss::IndexIVF::add, but each list is filled in one piece instead of one vector at
/// a time (FAISS's per-entry appends reallocate and zero-fill repeatedly: ~8% of a 100k x 512 graph).
void fillLists(faiss::IndexIVFFlat& ivf, const Matrix& X, int threads, Progress& progress) {
    const std::int64_t n = X.rows;
    const int d = X.cols;
    auto* inv = dynamic_cast<faiss::ArrayInvertedLists*>(ivf.invlists);
    if (!inv) throw Error("vector index: unsupported FAISS inverted lists");
    std::vector<std::int64_t> listOf(static_cast<std::size_t>(n));
    {
        detail::ThreadScope scope(1, threads);
        for (std::int64_t b0 = 0; b0 < n; b0 += kAddBatch) {
            if (progress.isCanceled()) throw Canceled();
            progress.report(b0, n, "indexing");
            const std::int64_t b = std::min(kAddBatch, n - b0);
            detail::guardFaiss("vector index",
                               [&] { ivf.quantizer->assign(b, X.row(b0), listOf.data() + b0); });
        }
    }
    const auto nlist = static_cast<std::size_t>(ivf.nlist);
    std::vector<std::int64_t> start(nlist + 1, 0);
    for (std::int64_t l : listOf) {
        if (l < 0 || static_cast<std::size_t>(l) >= nlist)
            throw Error("vector index: FAISS assigned no list");
        ++start[static_cast<std::size_t>(l) + 1];
    }
    for (std::size_t l = 0; l < nlist; ++l) start[l + 1] += start[l];
    std::vector<std::int64_t> rows(static_cast<std::size_t>(n));
    {
        std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
        for (std::int64_t i = 0; i < n; ++i)
            rows[static_cast<std::size_t>(
                fill[static_cast<std::size_t>(listOf[static_cast<std::size_t>(i)])]++)] = i;
    }
    std::vector<float> codes;
    for (std::size_t l = 0; l < nlist; ++l) {
        const std::int64_t count = start[l + 1] - start[l];
        if (count == 0) continue;
        codes.resize(static_cast<std::size_t>(count) * d);
        for (std::int64_t t = 0; t < count; ++t)
            std::copy(X.row(rows[static_cast<std::size_t>(start[l] + t)]),
                      X.row(rows[static_cast<std::size_t>(start[l] + t)]) + d, codes.begin() + t * d);
        detail::guardFaiss("vector index", [&] {
            inv->add_entries(l, static_cast<std::size_t>(count), rows.data() + start[l],
                             reinterpret_cast<const std::uint8_t*>(codes.data()));
        });
    }
    ivf.ntotal = n;
}

}  // namespace

const char* metricName(Metric metric) {
    return metric == Metric::L2 ? "L2" : "inner product";
}

VectorIndex::VectorIndex() = default;
VectorIndex::~VectorIndex() = default;
VectorIndex::VectorIndex(VectorIndex&&) noexcept = default;
VectorIndex& VectorIndex::operator=(VectorIndex&&) noexcept = default;
VectorIndex::VectorIndex(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

const IndexInfo& VectorIndex::info() const {
    if (!d) throw std::logic_error("VectorIndex: empty index");
    return d->info;
}
std::int64_t VectorIndex::size() const {
    return d ? d->info.rows : 0;
}
int VectorIndex::dim() const {
    return d ? d->info.dim : 0;
}

void VectorIndex::Impl::prepareLists() {
    auto* ivf = dynamic_cast<faiss::IndexIVFFlat*>(index.get());
    auto* inv = ivf ? dynamic_cast<faiss::ArrayInvertedLists*>(ivf->invlists) : nullptr;
    if (!inv) throw Error("vector index: unsupported FAISS inverted lists");
    const int nlist = static_cast<int>(ivf->nlist);
    lists = detail::IvfLists{};
    lists.dim = info.dim;
    lists.innerProduct = info.metric == Metric::InnerProduct;
    lists.vectors.resize(nlist);
    lists.ids.resize(nlist);
    lists.sizes.resize(nlist);
    if (!lists.innerProduct) lists.norms.resize(nlist);
    std::int64_t total = 0;
    for (int l = 0; l < nlist; ++l) {
        const std::int64_t s = static_cast<std::int64_t>(inv->list_size(l));
        if (s > 0 && inv->code_size != sizeof(float) * static_cast<std::size_t>(info.dim))
            throw Error("vector index: unexpected IVF code size");
        lists.sizes[l] = s;
        lists.vectors[l] = reinterpret_cast<const float*>(inv->codes[l].data());
        lists.ids[l] = inv->ids[l].data();
        for (std::int64_t j = 0; j < s; ++j)
            if (lists.ids[l][j] < 0 || lists.ids[l][j] >= info.rows)
                throw Error("vector index: IVF id out of range");
        if (!lists.innerProduct) {
            auto& norms = lists.norms[l];
            norms.resize(static_cast<std::size_t>(s));
            for (std::int64_t j = 0; j < s; ++j) {
                const float* x = lists.vectors[l] + j * info.dim;
                float n2 = 0;
                for (int c = 0; c < info.dim; ++c) n2 += x[c] * x[c];
                norms[static_cast<std::size_t>(j)] = n2;
            }
        }
        total += s;
    }
    if (total != info.rows) throw Error("vector index: IVF lists do not hold every row");
}

void VectorIndex::Impl::searchKeys(const float* queries, std::int64_t nq, int kk, int nprobe,
                                   std::int64_t* ids, float* keys) const {
    detail::ThreadScope scope(1, threads);
    if (info.exact) {
        const float* xb = static_cast<const faiss::IndexFlat*>(index.get())->get_xb();
        detail::exactSearch(xb, info.rows, info.dim, info.metric, queries, nq, kk, ids, keys, threads);
        return;
    }
    const auto* ivf = static_cast<const faiss::IndexIVFFlat*>(index.get());
    nprobe = std::min<int>(nprobe, static_cast<int>(ivf->nlist));
    std::vector<std::int64_t> probes(static_cast<std::size_t>(nq * nprobe));
    std::vector<float> coarse(probes.size());
    detail::guardFaiss("vector index search",
                       [&] { ivf->quantizer->search(nq, queries, nprobe, coarse.data(), probes.data()); });
    scope.set(threads, 1);
    detail::ivfScan(lists, queries, nq, probes.data(), nprobe, kk, ids, keys, threads, scratch);
}

VectorIndex VectorIndex::build(const Matrix& X, const IndexParams& params, Progress& progress) {
    select::checkShape(X);
    checkParams(params);
    requireFinite(X);
    if (progress.isCanceled()) throw Canceled();
    const std::int64_t n = X.rows;
    const int dim = X.cols;
    auto impl = std::make_unique<Impl>();
    impl->threads = detail::resolveThreads(params.threads);
    IndexInfo& info = impl->info;
    info.metric = params.metric;
    info.rows = n;
    info.dim = dim;
    info.seed = params.seed;

    auto buildFlat = [&](const std::string& reason) {
        auto flat = makeFlat(dim, params.metric);
        detail::guardFaiss("vector index", [&] { flat->add(n, X.data.data()); });
        impl->index = std::move(flat);
        impl->lists = detail::IvfLists{};
        const Metric metric = info.metric;
        info = IndexInfo{};
        info.type = "Flat";
        info.reason = reason;
        info.metric = metric;
        info.exact = true;
        info.rows = n;
        info.dim = dim;
        info.seed = params.seed;
    };

    if (params.exact) {
        buildFlat("asked for exact search");
        return VectorIndex(std::move(impl));
    }
    if (n < params.exactBelow || n < 2) {
        buildFlat("rows < " + std::to_string(std::max<std::int64_t>(params.exactBelow, 2)));
        return VectorIndex(std::move(impl));
    }

    // Coarse quantizer: k-means on a seeded sample.
    const int nlist = static_cast<int>(std::clamp<double>(
        std::round(params.nlistFactor * std::sqrt(static_cast<double>(n))), 1.0, static_cast<double>(n)));
    const std::int64_t trainRows =
        std::min<std::int64_t>(n, static_cast<std::int64_t>(params.trainPointsPerList) * nlist);
    Matrix sample;
    sample.rows = trainRows;
    sample.cols = dim;
    sample.data.resize(static_cast<std::size_t>(trainRows) * dim);
    {
        const auto rows = select::randomSubset(n, trainRows, params.seed);
        for (std::int64_t i = 0; i < trainRows; ++i)
            std::copy(X.row(rows[static_cast<std::size_t>(i)]),
                      X.row(rows[static_cast<std::size_t>(i)]) + dim, sample.row(i));
    }
    KMeansParams kp;
    kp.k = nlist;
    kp.iterations = params.trainIterations;
    kp.seed = params.seed;
    kp.threads = impl->threads;
    kp.maxPointsPerCentroid = 0;
    kp.spherical =
        params.metric == Metric::InnerProduct;  // lists by largest inner product need unit centroids
    const KMeansResult coarse = kmeans(sample, kp, progress);
    sample = Matrix{};

    const faiss::MetricType metric =
        params.metric == Metric::L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
    detail::guardFaiss("vector index", [&] {
        auto quantizer = makeFlat(dim, params.metric);
        quantizer->add(nlist, coarse.centroids.data.data());
        auto ivf = std::make_unique<faiss::IndexIVFFlat>(quantizer.get(), dim,
                                                         static_cast<std::size_t>(nlist), metric);
        quantizer.release();
        ivf->own_fields = true;
        ivf->is_trained = true;
        impl->index = std::move(ivf);
    });
    fillLists(*static_cast<faiss::IndexIVFFlat*>(impl->index.get()), X, impl->threads, progress);
    info.type = "IVF" + std::to_string(nlist) + ",Flat";
    info.exact = false;
    info.nlist = nlist;
    info.trainRows = trainRows;
    info.targetRecall = params.targetRecall;
    impl->prepareLists();

    // nprobe: the smallest reaching the target recall (recall never drops as nprobe grows).
    RecallProbe probe;
    probe.k = static_cast<int>(std::min<std::int64_t>(params.recallK, n - 1));
    probe.rows = select::randomSubset(n, std::min(params.recallQueries, n), params.seed ^ kRecallSeedMix);
    const std::int64_t nq = static_cast<std::int64_t>(probe.rows.size());
    const int kk = probe.k + 1;
    probe.queries.resize(static_cast<std::size_t>(nq) * dim);
    for (std::int64_t q = 0; q < nq; ++q)
        std::copy(X.row(probe.rows[static_cast<std::size_t>(q)]),
                  X.row(probe.rows[static_cast<std::size_t>(q)]) + dim, probe.queries.begin() + q * dim);
    {
        if (progress.isCanceled()) throw Canceled();
        progress.report(0, 1, "measuring recall");
        detail::ThreadScope scope(1, impl->threads);
        std::vector<std::int64_t> ids(static_cast<std::size_t>(nq * kk));
        std::vector<float> keys(ids.size());
        detail::exactSearch(X.data.data(), n, dim, params.metric, probe.queries.data(), nq, kk, ids.data(),
                            keys.data(), impl->threads);
        probe.exactIds.resize(static_cast<std::size_t>(nq * probe.k));
        probe.exactKth.resize(static_cast<std::size_t>(nq));
        std::vector<float> kept(static_cast<std::size_t>(probe.k));
        for (std::int64_t q = 0; q < nq; ++q) {
            dropSelf(ids.data() + q * kk, keys.data() + q * kk, kk, probe.rows[static_cast<std::size_t>(q)],
                     probe.exactIds.data() + q * probe.k, kept.data());
            probe.exactKth[static_cast<std::size_t>(q)] = kept.back();
        }
        const auto* ivf = static_cast<const faiss::IndexIVFFlat*>(impl->index.get());
        probe.ranking.resize(static_cast<std::size_t>(nq) * nlist);
        std::vector<float> coarseKeys(probe.ranking.size());
        detail::guardFaiss("vector index", [&] {
            ivf->quantizer->search(nq, probe.queries.data(), nlist, coarseKeys.data(), probe.ranking.data());
        });
    }
    auto recallAt = [&](int nprobe) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(0, 1, "measuring recall");
        std::vector<std::int64_t> probes(static_cast<std::size_t>(nq) * nprobe);
        for (std::int64_t q = 0; q < nq; ++q)
            std::copy(probe.ranking.begin() + q * nlist, probe.ranking.begin() + q * nlist + nprobe,
                      probes.begin() + q * nprobe);
        std::vector<std::int64_t> ids(static_cast<std::size_t>(nq * kk));
        std::vector<float> keys(ids.size());
        detail::ThreadScope scope(impl->threads, 1);
        detail::ivfScan(impl->lists, probe.queries.data(), nq, probes.data(), nprobe, kk, ids.data(),
                        keys.data(), impl->threads, impl->scratch);
        return recallOf(probe, ids, keys);
    };
    int hi = 1;
    double hiRecall = recallAt(1);
    int lo = 0;  // largest nprobe known to miss the target
    while (hiRecall < params.targetRecall && hi < nlist) {
        lo = hi;
        hi = std::min(2 * hi, nlist);
        hiRecall = recallAt(hi);
    }
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        const double r = recallAt(mid);
        if (r >= params.targetRecall) {
            hi = mid;
            hiRecall = r;
        } else {
            lo = mid;
        }
    }
    if (hi > params.maxScanFraction * nlist) {
        const int percent = static_cast<int>(std::lround(100.0 * hi / nlist));
        buildFlat("IVF" + std::to_string(nlist) + " needs nprobe " + std::to_string(hi) + " (" +
                  std::to_string(percent) + "% of the lists) for recall " +
                  std::to_string(params.targetRecall) + ": exact search is cheaper");
        return VectorIndex(std::move(impl));
    }
    auto* ivf = static_cast<faiss::IndexIVFFlat*>(impl->index.get());
    ivf->nprobe = static_cast<std::size_t>(hi);
    info.nprobe = hi;
    info.recall = hiRecall;
    info.recallK = probe.k;
    info.recallQueries = nq;
    info.reason = "IVF";
    progress.report(1, 1, "indexing");
    return VectorIndex(std::move(impl));
}

SearchResult VectorIndex::search(const Matrix& queries, int k, Progress& progress) const {
    if (!d) throw std::logic_error("VectorIndex::search: empty index");
    select::checkShape(queries);
    if (queries.rows > 0 && queries.cols != d->info.dim)
        throw std::invalid_argument("VectorIndex::search: query dimension differs from the index");
    if (k < 1) throw std::invalid_argument("VectorIndex::search: k must be at least 1");
    SearchResult out;
    out.queries = queries.rows;
    out.k = static_cast<int>(std::min<std::int64_t>(k, d->info.rows));
    if (out.k == 0 || queries.rows == 0) return out;
    const int kk = out.k;
    const std::int64_t nq = queries.rows;
    out.ids.resize(static_cast<std::size_t>(nq * kk));
    out.distances.resize(out.ids.size());
    const std::int64_t batch =
        d->info.exact
            ? kExactBatch
            : std::clamp<std::int64_t>(kSlotBytes / (std::int64_t(d->info.nprobe) * kk * 16), 256, 16384);
    for (std::int64_t b0 = 0; b0 < nq; b0 += batch) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(b0, nq, "searching");
        const std::int64_t b = std::min(batch, nq - b0);
        d->searchKeys(queries.row(b0), b, kk, d->info.nprobe, out.ids.data() + b0 * kk,
                      out.distances.data() + b0 * kk);
    }
    progress.report(nq, nq, "searching");
    const bool l2 = d->info.metric == Metric::L2;
    for (std::size_t t = 0; t < out.ids.size(); ++t) {
        float& v = out.distances[t];
        if (out.ids[t] < 0)
            v = l2 ? std::numeric_limits<float>::infinity() : -std::numeric_limits<float>::infinity();
        else
            v = l2 ? std::sqrt(std::max(0.0f, v)) : -v;
    }
    return out;
}

}  // namespace winnow::index
