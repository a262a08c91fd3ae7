// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QString>
#include <vector>

namespace winnow::widgets {

using JobId = quint64;

/// Life of a job, as the jobs dock shows it.
enum class JobState {
    Queued,     ///< waiting for a thread of its pool
    Running,
    Canceling,  ///< cancel asked; the core call has not returned yet
    Finished,
    Canceled,
    Failed,
};

/// True for states a job never leaves.
inline bool isFinal(JobState state) {
    return state == JobState::Finished || state == JobState::Canceled || state == JobState::Failed;
}

/// The list of jobs (running first-come, then finished ones until cleared): one row per job, plain data.
/// JobManager feeds it; views only read it.
///
/// Thread affinity: GUI thread.
class JobModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,     ///< QString
        StageRole,     ///< QString: the core's stage phrase, or the summary / error once final
        DoneRole,      ///< qint64 units done (-1 before the first report)
        TotalRole,     ///< qint64 units in all (-1 when unknown)
        FractionRole,  ///< double 0-1, or -1 when unknown (busy indicator)
        StateRole,     ///< int (JobState)
        ErrorRole,     ///< QString, set when Failed
        ElapsedRole,   ///< qint64 milliseconds since the job started running (frozen once final)
    };

    explicit JobModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void addJob(JobId id, const QString& title);
    void setState(JobId id, JobState state, const QString& error = {});
    void setProgressRange(JobId id, int minimum, int maximum);
    void setProgressValue(JobId id, int value);
    void setStage(JobId id, const QString& stage);
    /// Removes jobs in a final state.
    void clearFinished();

    int rowOf(JobId id) const;
    JobId idAt(int row) const;
    JobState state(JobId id) const;
    QString stage(JobId id) const;
    QString error(JobId id) const;

private:
    struct Job {
        JobId id = 0;
        QString title;
        QString stage;
        QString error;
        qint64 done = -1;
        qint64 total = -1;
        JobState state = JobState::Queued;
        QElapsedTimer clock;
        qint64 frozenElapsed = -1;
    };

    Job* find(JobId id);
    const Job* find(JobId id) const;
    void changed(JobId id, const QList<int>& roles);

    std::vector<Job> m_jobs;
};

}  // namespace winnow::widgets
