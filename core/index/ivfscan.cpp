// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/ivfscan.h"

#include <omp.h>

#include <algorithm>
#include <limits>

extern "C" {
// Fortran BLAS, as FAISS declares it (Debian's OpenBLAS and FAISS use 32-bit integers).
int sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
           const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
           const float* beta, float* c, const int* ldc);
}

namespace winnow::index::detail {
namespace {

/// Queries per matrix product: bounds the per-thread block (kChunk x list size floats).
constexpr std::int64_t kChunk = 256;

float squaredNorm(const float* x, int d) {
    float s = 0;
    for (int j = 0; j < d; ++j) s += x[j] * x[j];
    return s;
}

/// A candidate while a list is scanned: its key and its position in the list.
struct Scanned {
    float key;
    int pos;
    std::int64_t id;
    bool operator<(const Scanned& o) const { return key != o.key ? key < o.key : id < o.id; }
};

/// Keeps the kk best items offered to it (a max-heap whose top is the worst kept).
template <class T>
class TopK {
public:
    void reset(int kk) {
        m_kk = static_cast<std::size_t>(kk);
        m_heap.clear();
    }
    void offer(const T& c) {
        if (m_heap.size() < m_kk) {
            m_heap.push_back(c);
            std::push_heap(m_heap.begin(), m_heap.end());
        } else if (c < m_heap.front()) {
            std::pop_heap(m_heap.begin(), m_heap.end());
            m_heap.back() = c;
            std::push_heap(m_heap.begin(), m_heap.end());
        }
    }
    std::vector<T>& items() { return m_heap; }

private:
    std::size_t m_kk = 0;
    std::vector<T> m_heap;
};

}  // namespace

namespace {

/// The body of exactKey, inlined into a baseline and an AVX2 build (same operations in the same order, no
/// FMA: both give bit-identical results).
__attribute__((always_inline)) inline float keyBody(const float* a, const float* b, int d,
                                                    bool innerProduct) {
    // Eight partial sums in a fixed order: vectorisable without reassociation.
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int j = 0;
    if (innerProduct) {
        for (; j + 8 <= d; j += 8)
            for (int l = 0; l < 8; ++l) acc[l] += static_cast<double>(a[j + l]) * b[j + l];
        for (; j < d; ++j) acc[0] += static_cast<double>(a[j]) * b[j];
    } else {
        for (; j + 8 <= d; j += 8)
            for (int l = 0; l < 8; ++l) {
                const double t = static_cast<double>(a[j + l]) - b[j + l];
                acc[l] += t * t;
            }
        for (; j < d; ++j) {
            const double t = static_cast<double>(a[j]) - b[j];
            acc[0] += t * t;
        }
    }
    const double s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    return static_cast<float>(innerProduct ? -s : s);
}

float keyBaseline(const float* a, const float* b, int d, bool innerProduct) {
    return keyBody(a, b, d, innerProduct);
}

__attribute__((target("avx2"))) float keyAvx2(const float* a, const float* b, int d, bool innerProduct) {
    return keyBody(a, b, d, innerProduct);
}

using KeyFunction = float (*)(const float*, const float*, int, bool);

KeyFunction chooseKey() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? keyAvx2 : keyBaseline;
}

}  // namespace

float exactKey(const float* a, const float* b, int d, bool innerProduct) {
    static const KeyFunction key = chooseKey();
    return key(a, b, d, innerProduct);
}

void ivfScan(const IvfLists& lists, const float* queries, std::int64_t nq, const std::int64_t* probes,
             int nprobe, int kk, std::int64_t* outIds, float* outKey, int threads, IvfScratch& scratch) {
    const int d = lists.dim;
    const int nlist = lists.lists();
    const std::int64_t pairs = nq * nprobe;

    // Group the (query, probe slot) pairs by list (counting sort, so queries stay in increasing order).
    auto& start = scratch.start;
    start.assign(static_cast<std::size_t>(nlist) + 1, 0);
    for (std::int64_t p = 0; p < pairs; ++p)
        if (probes[p] >= 0) ++start[static_cast<std::size_t>(probes[p]) + 1];
    for (int l = 0; l < nlist; ++l) start[l + 1] += start[l];
    auto& byList = scratch.byList;
    byList.resize(static_cast<std::size_t>(start[nlist]));
    {
        std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
        for (std::int64_t p = 0; p < pairs; ++p)
            if (probes[p] >= 0)
                byList[static_cast<std::size_t>(fill[static_cast<std::size_t>(probes[p])]++)] = p;
    }
    auto& queryNorms = scratch.queryNorms;
    if (!lists.innerProduct) {
        queryNorms.resize(static_cast<std::size_t>(nq));
        for (std::int64_t q = 0; q < nq; ++q)
            queryNorms[static_cast<std::size_t>(q)] = squaredNorm(queries + q * d, d);
    }
    // Per (query, slot): up to kk candidates of that list with exact keys; unprobed slots count 0.
    auto& slots = scratch.slots;
    auto& counts = scratch.counts;
    if (slots.size() < static_cast<std::size_t>(pairs * kk))
        slots.resize(static_cast<std::size_t>(pairs * kk));
    counts.assign(static_cast<std::size_t>(pairs), 0);

    // Largest lists first, so the dynamic schedule ends with small pieces of work.
    std::vector<int> order;
    std::int64_t maxSize = 0;
    for (int l = 0; l < nlist; ++l)
        if (start[l + 1] > start[l] && lists.sizes[static_cast<std::size_t>(l)] > 0) {
            order.push_back(l);
            maxSize = std::max(maxSize, lists.sizes[static_cast<std::size_t>(l)]);
        }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto wa = (start[a + 1] - start[a]) * lists.sizes[static_cast<std::size_t>(a)];
        const auto wb = (start[b + 1] - start[b]) * lists.sizes[static_cast<std::size_t>(b)];
        return wa != wb ? wa > wb : a < b;
    });

#pragma omp parallel num_threads(threads)
    {
        // Sized once: resizing inside the loop would zero-fill on every growth.
        std::vector<float> block(static_cast<std::size_t>(kChunk) * d);
        std::vector<float> products(static_cast<std::size_t>(kChunk * maxSize));
        TopK<Scanned> top;
        TopK<Candidate> merged;
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t o = 0; o < static_cast<std::int64_t>(order.size()); ++o) {
            const int l = order[static_cast<std::size_t>(o)];
            const int s = static_cast<int>(lists.sizes[static_cast<std::size_t>(l)]);
            const float* xs = lists.vectors[static_cast<std::size_t>(l)];
            const std::int64_t* ids = lists.ids[static_cast<std::size_t>(l)];
            const float* xnorm =
                lists.innerProduct ? nullptr : lists.norms[static_cast<std::size_t>(l)].data();
            for (std::int64_t c0 = start[l]; c0 < start[l + 1]; c0 += kChunk) {
                const int m = static_cast<int>(std::min(kChunk, start[l + 1] - c0));
                for (int r = 0; r < m; ++r) {
                    const std::int64_t q = byList[static_cast<std::size_t>(c0 + r)] / nprobe;
                    std::copy(queries + q * d, queries + (q + 1) * d,
                              block.begin() + static_cast<std::ptrdiff_t>(r) * d);
                }
                // products (column-major s x m) = xs^T(as stored: d x s) ^T * block(d x m): products[r*s + j]
                // = <x_j, q_r>
                const float one = 1, zero = 0;
                sgemm_("T", "N", &s, &m, &d, &one, xs, &d, block.data(), &d, &zero, products.data(), &s);
                for (int r = 0; r < m; ++r) {
                    const std::int64_t pair = byList[static_cast<std::size_t>(c0 + r)];
                    const float* dot = products.data() + static_cast<std::size_t>(r) * s;
                    top.reset(kk);
                    if (lists.innerProduct) {
                        for (int j = 0; j < s; ++j) top.offer({-dot[j], j, ids[j]});
                    } else {
                        const float qn = queryNorms[static_cast<std::size_t>(pair / nprobe)];
                        for (int j = 0; j < s; ++j)
                            top.offer({std::max(0.0f, qn + xnorm[j] - 2 * dot[j]), j, ids[j]});
                    }
                    // Exact keys now, while the list is in cache: the norm formula loses small distances to
                    // cancellation (a duplicate of the query would sit at ~1e-2 instead of 0).
                    const float* q = block.data() + static_cast<std::size_t>(r) * d;
                    Candidate* out = slots.data() + pair * kk;
                    int w = 0;
                    for (const Scanned& c : top.items())
                        out[w++] = {
                            exactKey(q, xs + static_cast<std::int64_t>(c.pos) * d, d, lists.innerProduct),
                            c.id};
                    counts[static_cast<std::size_t>(pair)] = w;
                }
            }
        }

        // Merge the slots of every query by exact key.
#pragma omp for schedule(static)
        for (std::int64_t q = 0; q < nq; ++q) {
            merged.reset(kk);
            for (std::int64_t pair = q * nprobe; pair < (q + 1) * nprobe; ++pair)
                for (int t = 0; t < counts[static_cast<std::size_t>(pair)]; ++t)
                    merged.offer(slots[static_cast<std::size_t>(pair * kk + t)]);
            auto& best = merged.items();
            std::sort(best.begin(), best.end());
            for (int t = 0; t < kk; ++t) {
                const bool have = t < static_cast<int>(best.size());
                outKey[q * kk + t] =
                    have ? best[static_cast<std::size_t>(t)].key : std::numeric_limits<float>::infinity();
                outIds[q * kk + t] = have ? best[static_cast<std::size_t>(t)].id : -1;
            }
        }
    }
}

}  // namespace winnow::index::detail
