// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dup/parallel.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.h"

namespace winnow::dup::detail {

unsigned resolveThreads(int threads) {
    // Capped: every worker has its own buffers, and no machine this runs on has more cores.
    if (threads > 0) return std::min(static_cast<unsigned>(threads), 256u);
    return std::clamp(std::thread::hardware_concurrency(), 1u, 256u);
}

std::int64_t runChunks(std::size_t chunkCount, unsigned threads, const ProgressSpan& span,
                       const std::function<std::int64_t(std::size_t chunk, const WorkerContext& ctx)>& body) {
    Progress& progress = span.progress != nullptr ? *span.progress : nullProgress();
    if (progress.isCanceled()) throw Canceled();
    progress.report(span.base, span.total, span.stage);
    if (chunkCount == 0) return 0;

    std::atomic<std::size_t> next{0};
    std::atomic<std::int64_t> unitsDone{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finishedCv;
    unsigned running = 0;
    std::exception_ptr failure;

    const unsigned workerCount =
        static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), chunkCount));
    std::vector<std::thread> workers;
    workers.reserve(workerCount);
    running = workerCount;
    auto worker = [&](unsigned w) {
        WorkerContext ctx{w, &stop};
        try {
            while (!stop.load(std::memory_order_relaxed)) {
                const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed);
                if (chunk >= chunkCount) break;
                unitsDone.fetch_add(body(chunk, ctx), std::memory_order_relaxed);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            if (!failure) failure = std::current_exception();
            stop.store(true, std::memory_order_relaxed);
        }
        std::lock_guard<std::mutex> lock(mutex);
        if (--running == 0) finishedCv.notify_all();
    };
    for (unsigned w = 0; w < workerCount; ++w) {
        try {
            workers.emplace_back(worker, w);
        } catch (...) {
            // Could not start a thread: stop the ones running, account for the ones never started, rethrow.
            stop.store(true, std::memory_order_relaxed);
            {
                std::lock_guard<std::mutex> lock(mutex);
                running -= workerCount - w;
            }
            for (std::thread& t : workers) t.join();
            throw;
        }
    }

    bool canceled = false;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (running > 0) {
            finishedCv.wait_for(lock, std::chrono::milliseconds(20));
            lock.unlock();
            if (!canceled && progress.isCanceled()) {
                canceled = true;
                stop.store(true, std::memory_order_relaxed);
            }
            if (!canceled)
                progress.report(span.base + unitsDone.load(std::memory_order_relaxed), span.total,
                                span.stage);
            lock.lock();
        }
    }
    for (std::thread& t : workers) t.join();
    if (failure) std::rethrow_exception(failure);
    if (canceled || progress.isCanceled()) throw Canceled();
    return unitsDone.load();
}

}  // namespace winnow::dup::detail
