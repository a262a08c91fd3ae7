// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small fixed team of threads for the map's per-frame data parallelism (a frame is a few
// milliseconds: starting threads or queueing pool jobs per frame would cost a noticeable part of it).

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace winnow::widgets {

/// `size() - 1` worker threads that sleep between calls, plus the calling thread.
///
/// Thread affinity: run() from one thread at a time (the owner's); the team is not reentrant.
class ThreadTeam {
public:
    /// threads <= 0: the hardware concurrency, at most 8.
    explicit ThreadTeam(int threads = 0);
    ~ThreadTeam();
    ThreadTeam(const ThreadTeam&) = delete;
    ThreadTeam& operator=(const ThreadTeam&) = delete;

    int size() const { return static_cast<int>(m_workers.size()) + 1; }

    /// Calls task(i) once for every i in [0, tasks), spread over the team and the caller, and returns
    /// when all have returned. Tasks are taken in increasing i by whichever thread is free, so a task
    /// must not depend on which thread runs it. Exceptions must not escape a task.
    void run(int tasks, const std::function<void(int)>& task);

private:
    void work();
    void drain();

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(int)>* m_task = nullptr;
    int m_tasks = 0;
    std::atomic<int> m_next{0};
    int m_busy = 0;
    unsigned m_generation = 0;
    bool m_stop = false;
};

}  // namespace winnow::widgets
