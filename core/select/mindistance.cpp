// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/mindistance.h"

#include <algorithm>
#include <limits>
#include <thread>

#include "select/distance.h"

namespace winnow::select {
namespace {
/// Above this many matrix values per pick the update is split over two threads.
constexpr std::int64_t kParallelThreshold = std::int64_t{1} << 18;
}  // namespace

MinDistance::MinDistance(const Matrix& X)
    : m_x(X),
      m_mind(static_cast<std::size_t>(X.rows), std::numeric_limits<double>::infinity()),
      m_selected(static_cast<std::size_t>(X.rows), 0) {}

MinDistance::Best MinDistance::updateRange(const float* c, std::int64_t begin, std::int64_t end) {
    Best best;
    constexpr std::int64_t kChunk = 1024;  // distances computed per kernel call
    double dist[kChunk];
    double* mind = m_mind.data();
    const unsigned char* sel = m_selected.data();
    for (std::int64_t start = begin; start < end; start += kChunk) {
        const std::int64_t count = std::min(kChunk, end - start);
        detail::squaredDistances(c, m_x.row(start), count, m_x.cols, dist);
        for (std::int64_t r = 0; r < count; ++r) {
            const std::int64_t i = start + r;
            if (dist[r] < mind[i]) mind[i] = dist[r];
            if (!sel[i] && mind[i] > best.value) {
                best.value = mind[i];
                best.index = i;
            }
        }
    }
    return best;
}

MinDistance::Best MinDistance::add(std::int64_t i) {
    m_selected[static_cast<std::size_t>(i)] = 1;
    m_mind[static_cast<std::size_t>(i)] = 0;
    const float* c = m_x.row(i);
    const std::int64_t n = m_x.rows;
    if (n * std::max(m_x.cols, 1) < kParallelThreshold || std::thread::hardware_concurrency() < 2)
        return updateRange(c, 0, n);
    const std::int64_t mid = n / 2;
    Best upper;
    std::thread worker([&] { upper = updateRange(c, mid, n); });
    const Best lower = updateRange(c, 0, mid);
    worker.join();
    // Lowest index wins ties: the lower half only loses to a strictly larger value.
    return upper.value > lower.value ? upper : lower;
}

}  // namespace winnow::select
