// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/progressadapter.h"

#include <limits>

namespace winnow::widgets {

namespace {
// QFuture throttles progress signals to 25 per second itself; keep well above its 40 ms floor so that a
// forwarded report is never swallowed there.
constexpr int kMinimumSpacingMs = 45;
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max() - 1;
}  // namespace

ProgressAdapter::ProgressAdapter(QPromise<void>& promise) : m_promise(promise) {}

bool ProgressAdapter::isCanceled() const { return m_promise.isCanceled(); }

void ProgressAdapter::report(std::int64_t done, std::int64_t total, std::string_view stage) {
    const bool newStage = stage != m_lastStage;
    if (newStage) {
        m_lastStage.assign(stage);
        m_stage = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
    }
    const bool last = total >= 0 && done >= total;
    const qint64 elapsed = m_sinceForward.isValid() ? m_sinceForward.elapsed() : kIntervalMs;
    const bool urgent = newStage || last || m_pending;
    if (elapsed >= kIntervalMs || (urgent && elapsed >= kMinimumSpacingMs)) {
        forward(done, total);
    } else if (urgent) {
        m_pending = true;  // forwarded by the next report that is far enough from this one
    }
}

void ProgressAdapter::forward(std::int64_t done, std::int64_t total) {
    // Large totals are scaled into int range; the bar stays right, the counts become approximate.
    if (total > kIntMax) {
        const double scale = double(kIntMax) / double(total);
        done = static_cast<std::int64_t>(double(done) * scale);
        total = kIntMax;
    }
    done = std::max<std::int64_t>(0, total >= 0 ? std::min(done, total) : std::min(done, kIntMax));
    m_promise.setProgressRange(0, total < 0 ? 0 : static_cast<int>(total + 1));
    m_promise.setProgressValueAndText(static_cast<int>(done + 1), m_stage);
    m_sinceForward.start();
    m_pending = false;
}

}  // namespace winnow::widgets
