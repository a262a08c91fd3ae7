// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

/// Progress and cancellation for long-running core calls (QGIS's QgsFeedback, without Qt).
///
/// Core functions are synchronous; they poll isCanceled() in their loops and call report() now and then.
/// Thread affinity: both are called only from the thread that called the core function, never from the
/// core's internal worker threads, so implementations need no locking of their own (the GUI's adapter
/// forwards to a QPromise, which is thread-safe anyway).
class Progress {
public:
    virtual ~Progress() = default;
    /// True once the user asked to stop; the core call then returns early (usually with Canceled).
    virtual bool isCanceled() const = 0;
    /// done out of total units (total < 0 when unknown); stage is a short human-readable phrase.
    virtual void report(std::int64_t done, std::int64_t total, std::string_view stage) = 0;
};

/// Ignores reports and is canceled only through cancel(); cancel() may be called from any thread.
class SimpleProgress : public Progress {
public:
    bool isCanceled() const override { return m_canceled.load(std::memory_order_relaxed); }
    void report(std::int64_t done, std::int64_t total, std::string_view stage) override;
    void cancel() { m_canceled.store(true, std::memory_order_relaxed); }

    std::int64_t done() const { return m_done; }
    std::int64_t total() const { return m_total; }
    const std::string& stage() const { return m_stage; }

private:
    std::atomic<bool> m_canceled{false};
    std::int64_t m_done = 0;
    std::int64_t m_total = -1;
    std::string m_stage;
};

/// Returns a process-wide progress that is never canceled and ignores reports.
Progress& nullProgress();

}  // namespace winnow
