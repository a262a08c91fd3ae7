// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QPromise>
#include <QString>

#include "common/progress.h"

namespace winnow::widgets {

/// winnow::Progress over a QPromise: the bridge between synchronous core calls and the job runner.
///
/// isCanceled() is the promise's cancel flag (set by JobManager::cancel from the GUI thread). Reports are
/// throttled to about 10 Hz; a new stage or the last step is forwarded sooner. QFuture progress values
/// only grow and are ints, so reports are encoded: range [0, total + 1] (or [0, 0] when the total is
/// unknown) and value done + 1, the range being set again before each value so that a stage that starts
/// again from zero still shows. JobModel decodes them (decodeDone/decodeTotal).
///
/// Thread affinity: the worker thread that runs the core call (as winnow::Progress requires).
class ProgressAdapter final : public Progress {
public:
    explicit ProgressAdapter(QPromise<void>& promise);

    bool isCanceled() const override;
    void report(std::int64_t done, std::int64_t total, std::string_view stage) override;

    /// Minimum interval between two forwarded reports of one stage, in milliseconds.
    static constexpr int kIntervalMs = 100;

    /// Inverse of the encoding, for the GUI side: done units (-1 before the first report) ...
    static qint64 decodeDone(int value) { return value > 0 ? qint64(value) - 1 : -1; }
    /// ... and total units (-1 when unknown).
    static qint64 decodeTotal(int maximum) { return maximum > 0 ? qint64(maximum) - 1 : -1; }

private:
    void forward(std::int64_t done, std::int64_t total);

    QPromise<void>& m_promise;
    QElapsedTimer m_sinceForward;
    QString m_stage;
    std::string m_lastStage;
    bool m_pending = false;
};

}  // namespace winnow::widgets
