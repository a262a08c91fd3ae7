// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/threadteam.h"

#include <algorithm>

namespace winnow::widgets {

ThreadTeam::ThreadTeam(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
    for (int i = 1; i < threads; ++i) m_workers.emplace_back([this] { work(); });
}

ThreadTeam::~ThreadTeam() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread& t : m_workers) t.join();
}

void ThreadTeam::drain() {
    for (int i = m_next.fetch_add(1); i < m_tasks; i = m_next.fetch_add(1)) (*m_task)(i);
}

void ThreadTeam::run(int tasks, const std::function<void(int)>& task) {
    if (tasks <= 0) return;
    if (m_workers.empty() || tasks == 1) {
        for (int i = 0; i < tasks; ++i) task(i);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_task = &task;
        m_tasks = tasks;
        m_next.store(0);
        m_busy = static_cast<int>(m_workers.size());
        ++m_generation;
    }
    m_wake.notify_all();
    drain();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.wait(lock, [this] { return m_busy == 0; });
    m_task = nullptr;
}

void ThreadTeam::work() {
    unsigned seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop) return;
            seen = m_generation;
        }
        drain();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (--m_busy == 0) m_done.notify_one();
        }
    }
}

}  // namespace winnow::widgets
