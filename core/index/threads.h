// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/index: thread counts of the two pools FAISS uses, OpenMP (FAISS's own loops and ours)
// and OpenBLAS (its matrix products). On a small machine both at full width oversubscribe the cores and
// nearly halve the throughput (docs PERFORMANCE.md 2d), so every phase says which pool gets the cores.

namespace winnow::index::detail {

/// requested when > 0, else the number of hardware threads (at least 1).
int resolveThreads(int requested);

/// Sets the calling thread's OpenMP thread count and OpenBLAS's (process-wide) thread count for its
/// lifetime, restoring both on destruction. OpenBLAS is reached through dlsym, so a BLAS other than
/// OpenBLAS (which has no such call) is left alone. Thread affinity: the OpenBLAS setting is global, so
/// only one FAISS job should run at a time (the widgets' FAISS pool has one thread).
class ThreadScope {
public:
    ThreadScope(int ompThreads, int blasThreads);
    ~ThreadScope();
    ThreadScope(const ThreadScope&) = delete;
    ThreadScope& operator=(const ThreadScope&) = delete;

    /// Changes both counts inside the scope (restoration still goes to the values found at construction).
    void set(int ompThreads, int blasThreads);

private:
    int m_savedOmp;
    int m_savedBlas;
};

}  // namespace winnow::index::detail
