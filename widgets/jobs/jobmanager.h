// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "common/error.h"
#include "widgets/jobs/jobmodel.h"
#include "widgets/jobs/progressadapter.h"

class QThreadPool;
template <typename T>
class QFutureWatcher;

namespace winnow::widgets {

/// The thread pools, one per contended resource, so that one kind of work never starves another.
enum class Resource {
    Decode,  ///< "io/decode": short reads and image decodes (thumbnails, full images); sized to the cores
    Core,    ///< long synchronous core calls (import, duplicate search) that run their own threads inside
};

/// What a job is, for the jobs dock.
struct JobSpec {
    QString title;                       ///< "Import fashion-mnist"
    Resource resource = Resource::Core;  ///< pool it runs on
    bool listed = true;                  ///< shown in the jobs dock (false for quick automatic refreshes)
};

/// How a job ended, handed by value to the GUI thread.
template <typename T>
struct JobOutcome {
    std::optional<T> value;  ///< what the work returned (core calls may return partial results on cancel)
    QString error;           ///< the exception's message when the work threw
    bool canceled = false;   ///< canceled by the user (before or while running)
};

/// Runs jobs: QtConcurrent::run with a QPromise on the pool of the job's resource, a ProgressAdapter
/// handing cancel and throttled progress to the core call, a QFutureWatcher bringing the result back to
/// the GUI thread by value, and a JobModel row per job for the jobs dock. The GUI thread never waits on a
/// job, except in waitForAll() (shutdown and tests); the destructor cancels and waits.
///
/// Thread affinity: GUI thread (the work itself runs in the pools).
class JobManager final : public QObject {
    Q_OBJECT

public:
    explicit JobManager(QObject* parent = nullptr);
    ~JobManager() override;

    JobModel* model() const { return m_model; }
    QThreadPool* pool(Resource resource) const;

    /// Starts `work` (T(winnow::Progress&)) on the resource's pool. When it ends, `done`
    /// (void(JobOutcome<T>)) runs on the GUI thread, unless `context` (when given) was destroyed.
    /// winnow::Canceled thrown by the work counts as a cancel; any other exception fails the job.
    template <typename T, typename Work, typename Done>
    JobId start(const JobSpec& spec, Work work, QObject* context, Done done);

    /// Asks the job to stop (it ends when the core call notices). No-op for unknown or ended jobs.
    void cancel(JobId id);
    void cancelAll();
    /// Blocks until every job has ended and the pools are idle. Shutdown and tests only.
    void waitForAll();

    /// Replaces the stage text of a job (a summary once it has ended: "12,000 imported, 3 failed").
    void setSummary(JobId id, const QString& text);
    /// Jobs not yet ended.
    int activeCount() const;
    bool isActive(JobId id) const;

Q_SIGNALS:
    void jobStarted(winnow::widgets::JobId id);
    void jobEnded(winnow::widgets::JobId id, winnow::widgets::JobState state);
    void activeCountChanged(int count);

private:
    struct End {
        JobState state = JobState::Finished;
        QString error;
    };
    JobId registerJob(const JobSpec& spec, const QFuture<void>& future, std::function<End()> conclude,
                      std::function<void()> deliver);
    void finished(JobId id);

    struct Entry {
        QFutureWatcher<void>* watcher = nullptr;
        std::function<End()> conclude;  // how it ended, from the outcome
        std::function<void()> deliver;  // hands the outcome to the caller's done()
    };

    JobModel* m_model = nullptr;
    QThreadPool* m_decodePool = nullptr;
    QThreadPool* m_corePool = nullptr;
    std::map<JobId, Entry> m_entries;  // active jobs only
    JobId m_nextId = 1;
};

template <typename T, typename Work, typename Done>
JobId JobManager::start(const JobSpec& spec, Work work, QObject* context, Done done) {
    auto outcome = std::make_shared<JobOutcome<T>>();
    QFuture<void> future =
        QtConcurrent::run(pool(spec.resource), [outcome, work = std::move(work)](QPromise<void>& promise) mutable {
            ProgressAdapter progress(promise);
            try {
                outcome->value.emplace(work(static_cast<Progress&>(progress)));
            } catch (const Canceled&) {
                outcome->canceled = true;
            } catch (const std::exception& e) {
                outcome->error = QString::fromUtf8(e.what());
            } catch (...) {
                outcome->error = QStringLiteral("unexpected error");
            }
            if (promise.isCanceled()) outcome->canceled = true;
        });
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    auto conclude = [outcome]() {
        // A job canceled before it got a thread never ran: nothing is set.
        if (!outcome->value && outcome->error.isEmpty()) outcome->canceled = true;
        End end;
        if (outcome->canceled) {
            end.state = JobState::Canceled;
        } else if (!outcome->error.isEmpty()) {
            end.state = JobState::Failed;
            end.error = outcome->error;
        }
        return end;
    };
    auto deliver = [outcome, guard, hasContext, done = std::move(done)]() mutable {
        if (!hasContext || guard) done(std::move(*outcome));
    };
    return registerJob(spec, future, std::move(conclude), std::move(deliver));
}

}  // namespace winnow::widgets
