// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/embed: a minimal parallel loop over independent items.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace winnow::embed::detail {

/// Number of worker threads for `requested` (0 = all cores as std::thread::hardware_concurrency says).
inline int resolveThreads(int requested) {
    if (requested > 0) return requested;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

/// Calls fn(i, worker) for every i in [0, n) on min(threads, n) threads (worker in [0, threads)), items
/// handed out one at a time; returns when all are done. The first exception thrown by fn stops the
/// hand-out and is rethrown in the calling thread after every thread has joined. fn must write only
/// state owned by item i or by its worker, so that results do not depend on the thread count.
template <class Fn>
void parallelFor(std::int64_t n, int threads, Fn&& fn) {
    const int workers =
        static_cast<int>(std::min<std::int64_t>(std::max(threads, 1), std::max<std::int64_t>(n, 1)));
    if (workers <= 1) {
        for (std::int64_t i = 0; i < n; ++i) fn(i, 0);
        return;
    }
    std::atomic<std::int64_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex errorMutex;
    auto work = [&](int worker) {
        while (!failed.load(std::memory_order_relaxed)) {
            const std::int64_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= n) return;
            try {
                fn(i, worker);
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error) error = std::current_exception();
                failed.store(true, std::memory_order_relaxed);
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
    work(0);
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace winnow::embed::detail
