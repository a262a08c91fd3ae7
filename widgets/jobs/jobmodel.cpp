// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/jobmodel.h"

#include <algorithm>

#include "widgets/jobs/progressadapter.h"

namespace winnow::widgets {

JobModel::JobModel(QObject* parent) : QAbstractListModel(parent) {}

int JobModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

QVariant JobModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Job& job = m_jobs[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case TitleRole: return job.title;
        case Qt::ToolTipRole:
            return job.error.isEmpty() ? job.title : job.title + QLatin1Char('\n') + job.error;
        case IdRole: return QVariant::fromValue(job.id);
        case StageRole: return job.stage;
        case DoneRole: return job.done;
        case TotalRole: return job.total;
        case FractionRole:
            if (job.state == JobState::Finished) return 1.0;
            if (job.total <= 0 || job.done < 0) return -1.0;
            return std::clamp(double(job.done) / double(job.total), 0.0, 1.0);
        case StateRole: return static_cast<int>(job.state);
        case ErrorRole: return job.error;
        case ElapsedRole:
            if (job.frozenElapsed >= 0) return job.frozenElapsed;
            return job.clock.isValid() ? job.clock.elapsed() : qint64(0);
        default: return {};
    }
}

QHash<int, QByteArray> JobModel::roleNames() const {
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "jobId");
    names.insert(TitleRole, "title");
    names.insert(StageRole, "stage");
    names.insert(DoneRole, "done");
    names.insert(TotalRole, "total");
    names.insert(FractionRole, "fraction");
    names.insert(StateRole, "state");
    names.insert(ErrorRole, "error");
    names.insert(ElapsedRole, "elapsed");
    return names;
}

void JobModel::addJob(JobId id, const QString& title) {
    const int row = static_cast<int>(m_jobs.size());
    beginInsertRows({}, row, row);
    Job job;
    job.id = id;
    job.title = title;
    job.stage = tr("Waiting for a thread…");
    m_jobs.push_back(std::move(job));
    endInsertRows();
}

void JobModel::setState(JobId id, JobState state, const QString& error) {
    Job* job = find(id);
    if (!job || isFinal(job->state)) return;
    if (state == JobState::Running && !job->clock.isValid()) job->clock.start();
    if (state == JobState::Running && job->state == JobState::Queued) job->stage = tr("Starting…");
    if (state == JobState::Canceling) job->stage = tr("Canceling…");
    job->state = state;
    if (isFinal(state)) {
        job->frozenElapsed = job->clock.isValid() ? job->clock.elapsed() : 0;
        job->error = error;
        if (state == JobState::Failed) job->stage = error;
        if (state == JobState::Canceled) job->stage = tr("Canceled");
        if (state == JobState::Finished) job->stage = tr("Done");
    }
    changed(id, {StateRole, StageRole, ErrorRole, FractionRole, ElapsedRole, Qt::ToolTipRole});
}

void JobModel::setProgressRange(JobId id, int minimum, int maximum) {
    Q_UNUSED(minimum)
    Job* job = find(id);
    if (!job || isFinal(job->state)) return;
    job->total = ProgressAdapter::decodeTotal(maximum);
    changed(id, {TotalRole, FractionRole});
}

void JobModel::setProgressValue(JobId id, int value) {
    Job* job = find(id);
    if (!job || isFinal(job->state)) return;
    job->done = ProgressAdapter::decodeDone(value);
    changed(id, {DoneRole, FractionRole, ElapsedRole});
}

void JobModel::setStage(JobId id, const QString& stage) {
    Job* job = find(id);
    if (!job || job->stage == stage) return;
    if (job->state == JobState::Canceling) return;  // keep "Canceling…" until it has ended
    job->stage = stage;
    changed(id, {StageRole});
}

void JobModel::clearFinished() {
    for (int row = static_cast<int>(m_jobs.size()) - 1; row >= 0; --row) {
        if (!isFinal(m_jobs[static_cast<std::size_t>(row)].state)) continue;
        beginRemoveRows({}, row, row);
        m_jobs.erase(m_jobs.begin() + row);
        endRemoveRows();
    }
}

int JobModel::rowOf(JobId id) const {
    for (std::size_t i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].id == id) return static_cast<int>(i);
    return -1;
}

JobId JobModel::idAt(int row) const {
    return row >= 0 && row < rowCount() ? m_jobs[static_cast<std::size_t>(row)].id : 0;
}

JobState JobModel::state(JobId id) const {
    const Job* job = find(id);
    return job ? job->state : JobState::Finished;
}

QString JobModel::stage(JobId id) const {
    const Job* job = find(id);
    return job ? job->stage : QString();
}

QString JobModel::error(JobId id) const {
    const Job* job = find(id);
    return job ? job->error : QString();
}

JobModel::Job* JobModel::find(JobId id) {
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_jobs[static_cast<std::size_t>(row)];
}

const JobModel::Job* JobModel::find(JobId id) const {
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_jobs[static_cast<std::size_t>(row)];
}

void JobModel::changed(JobId id, const QList<int>& roles) {
    const int row = rowOf(id);
    if (row < 0) return;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, roles);
}

}  // namespace winnow::widgets
