// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/tasks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.h"

namespace winnow::select::detail {

void runTasks(std::int64_t count, Progress& progress, std::string_view stage,
              const std::function<void(std::int64_t)>& task) {
    if (count <= 0) return;
    if (progress.isCanceled()) throw Canceled();
    const int threads =
        static_cast<int>(std::min<std::int64_t>(count, std::max(1u, std::thread::hardware_concurrency())));
    std::atomic<std::int64_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    // Runs one task; false once everything is taken, stopped or failed.
    auto step = [&]() -> bool {
        if (stop.load(std::memory_order_relaxed)) return false;
        const std::int64_t t = next.fetch_add(1);
        if (t >= count) return false;
        try {
            task(t);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failureMutex);
            if (!failure) failure = std::current_exception();
            stop.store(true);
            return false;
        }
        done.fetch_add(1);
        return true;
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back([&] {
            while (step()) {
            }
        });
    bool canceled = false;
    while (step()) {
        if (progress.isCanceled()) {
            canceled = true;
            stop.store(true);
            break;
        }
        progress.report(done.load(), count, stage);
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    if (canceled || progress.isCanceled()) throw Canceled();
    progress.report(count, count, stage);
}

}  // namespace winnow::select::detail
