// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/exactsearch.h"

#include <faiss/utils/distances.h>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "index/faisserror.h"
#include "index/ivfscan.h"
#include "index/threads.h"

namespace winnow::index::detail {

void exactSearch(const float* base, std::int64_t nb, int d, Metric metric, const float* queries,
                 std::int64_t nq, int kk, std::int64_t* ids, float* keys, int threads) {
    ThreadScope scope(1, threads);
    guardFaiss("exact search", [&] {
        if (metric == Metric::L2)
            faiss::knn_L2sqr(queries, base, static_cast<std::size_t>(d), static_cast<std::size_t>(nq),
                             static_cast<std::size_t>(nb), static_cast<std::size_t>(kk), keys, ids);
        else
            faiss::knn_inner_product(queries, base, static_cast<std::size_t>(d), static_cast<std::size_t>(nq),
                                     static_cast<std::size_t>(nb), static_cast<std::size_t>(kk), keys, ids);
    });
    // FAISS's |q|^2 + |x|^2 - 2 q.x loses small distances to cancellation (an exact duplicate would sit at
    // ~1e-2 instead of 0): recompute the keys of the results in float64.
    const bool ip = metric == Metric::InnerProduct;
    constexpr std::int64_t kMissing = std::numeric_limits<std::int64_t>::max();
    scope.set(threads, 1);
#pragma omp parallel num_threads(threads)
    {
        std::vector<std::pair<float, std::int64_t>> row(static_cast<std::size_t>(kk));
#pragma omp for schedule(static)
        for (std::int64_t q = 0; q < nq; ++q) {
            for (int t = 0; t < kk; ++t) {
                const std::int64_t id = ids[q * kk + t];
                row[static_cast<std::size_t>(t)] =
                    id < 0 ? std::make_pair(std::numeric_limits<float>::infinity(), kMissing)
                           : std::make_pair(exactKey(queries + q * d, base + id * d, d, ip), id);
            }
            std::sort(row.begin(), row.end());
            for (int t = 0; t < kk; ++t) {
                const auto& [key, id] = row[static_cast<std::size_t>(t)];
                keys[q * kk + t] = key;
                ids[q * kk + t] = id == kMissing ? -1 : id;
            }
        }
    }
}

}  // namespace winnow::index::detail
