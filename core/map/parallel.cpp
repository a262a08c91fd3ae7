// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/parallel.h"

#include <algorithm>

namespace winnow::map::detail {

int resolveThreads(int requested) {
    if (requested > 0) return requested;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

WorkerPool::WorkerPool(int threads) {
    for (int t = 1; t < std::max(1, threads); ++t) m_workers.emplace_back([this, t] { workerLoop(t); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (auto& w : m_workers) w.join();
}

void WorkerPool::drain(int worker) {
    for (;;) {
        std::int64_t begin;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_next >= m_count) return;
            begin = m_next;
            m_next = std::min(m_count, m_next + m_chunk);
        }
        (*m_body)(begin, std::min(m_count, begin + m_chunk), worker);
    }
}

void WorkerPool::workerLoop(int worker) {
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop) return;
            seen = m_generation;
        }
        drain(worker);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (--m_busy == 0) m_done.notify_one();
        }
    }
}

void WorkerPool::run(std::int64_t count, std::int64_t chunk,
                     const std::function<void(std::int64_t, std::int64_t, int)>& body) {
    if (count <= 0) return;
    chunk = std::max<std::int64_t>(1, chunk);
    if (m_workers.empty() || count <= chunk) {
        for (std::int64_t b = 0; b < count; b += chunk) body(b, std::min(count, b + chunk), 0);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_body = &body;
        m_count = count;
        m_chunk = chunk;
        m_next = 0;
        m_busy = static_cast<int>(m_workers.size());
        ++m_generation;
    }
    m_wake.notify_all();
    drain(0);
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.wait(lock, [&] { return m_busy == 0; });
    m_body = nullptr;
}

double deterministicSum(WorkerPool& pool, std::int64_t n, const std::function<double(std::int64_t)>& f) {
    constexpr std::int64_t kChunk = 4096;
    const std::int64_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<double> partial(static_cast<std::size_t>(chunks), 0.0);
    pool.run(chunks, 1, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t c = begin; c < end; ++c) {
            double s = 0;
            for (std::int64_t i = c * kChunk, e = std::min(n, (c + 1) * kChunk); i < e; ++i) s += f(i);
            partial[static_cast<std::size_t>(c)] = s;
        }
    });
    double total = 0;
    for (double p : partial) total += p;
    return total;
}

}  // namespace winnow::map::detail
