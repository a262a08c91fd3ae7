// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: a small persistent thread pool for the layout loops.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace winnow::map::detail {

/// Resolves a requested thread count: 0 or less means std::thread::hardware_concurrency() (at least 1).
int resolveThreads(int requested);

/// threads-1 worker threads plus the calling thread. run() splits [0, count) into chunks of `chunk` items
/// handed out dynamically and returns when all are done. Callers make results independent of which thread
/// ran which chunk (each chunk writes its own outputs), so results do not depend on the thread count.
/// Thread affinity: run() is called from one thread at a time (the owner); the body must not throw.
class WorkerPool {
public:
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int threads() const { return static_cast<int>(m_workers.size()) + 1; }
    /// body(begin, end, worker) for every chunk; worker in [0, threads()) names the thread (for scratch).
    void run(std::int64_t count, std::int64_t chunk,
             const std::function<void(std::int64_t, std::int64_t, int)>& body);

private:
    void workerLoop(int worker);
    void drain(int worker);

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(std::int64_t, std::int64_t, int)>* m_body = nullptr;
    std::int64_t m_count = 0;
    std::int64_t m_chunk = 1;
    std::int64_t m_next = 0;  // guarded by m_mutex
    std::uint64_t m_generation = 0;
    int m_busy = 0;  // workers still inside the current job
    bool m_stop = false;
};

/// Sum of f(i) for i in [0, n) in float64, added in fixed chunks of 4096 whose partial sums are added in
/// order: the result does not depend on the thread count.
double deterministicSum(WorkerPool& pool, std::int64_t n, const std::function<double(std::int64_t)>& f);

}  // namespace winnow::map::detail
