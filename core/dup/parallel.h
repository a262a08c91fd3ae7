// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Chunked parallel loop whose calling thread only supervises: it polls Progress::isCanceled() and calls
// Progress::report(), as the Progress contract requires (never from worker threads). Internal to core/dup.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "common/progress.h"

namespace winnow::dup::detail {

/// What a chunk body sees of its worker.
struct WorkerContext {
    /// 0 .. threads-1; index into per-worker scratch and output buffers.
    unsigned worker = 0;
    /// Set by the supervising thread on cancel (or after a worker failed); long chunks poll stopped().
    const std::atomic<bool>* stop = nullptr;
    bool stopped() const { return stop->load(std::memory_order_relaxed); }
};

/// Resolves the threads knob: 0 (or negative) = std::thread::hardware_concurrency(); 1..256.
unsigned resolveThreads(int threads);

/// Progress accounting of one call that runs several parallel phases under one stage name: phase k reports
/// base + done out of the call's grand total.
struct ProgressSpan {
    Progress* progress = nullptr;
    std::string_view stage;
    std::int64_t base = 0;
    std::int64_t total = -1;
};

/// Runs body(chunk, ctx) for every chunk in [0, chunkCount) on min(threads, chunkCount) worker threads that
/// claim chunks in increasing order; body returns the progress units it completed. The calling thread
/// waits, and about every 20 ms polls isCanceled() and reports span.base + units done. When canceled it
/// sets the stop flag, joins the workers and throws winnow::Canceled; a worker's exception is rethrown
/// after the join. Returns the units done.
std::int64_t runChunks(std::size_t chunkCount, unsigned threads, const ProgressSpan& span,
                       const std::function<std::int64_t(std::size_t chunk, const WorkerContext& ctx)>& body);

}  // namespace winnow::dup::detail
