// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/jobmanager.h"

#include <QFutureWatcher>
#include <QThread>
#include <QThreadPool>

namespace winnow::widgets {

JobManager::JobManager(QObject* parent)
    : QObject(parent),
      m_model(new JobModel(this)),
      m_decodePool(new QThreadPool(this)),
      m_corePool(new QThreadPool(this)) {
    m_decodePool->setObjectName(QStringLiteral("io/decode"));
    m_decodePool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    m_corePool->setObjectName(QStringLiteral("core jobs"));
    // Core calls thread internally; two at once keep an import from blocking a duplicate search.
    m_corePool->setMaxThreadCount(2);
}

JobManager::~JobManager() {
    cancelAll();
    waitForAll();
}

QThreadPool* JobManager::pool(Resource resource) const {
    switch (resource) {
        case Resource::Decode: return m_decodePool;
        case Resource::Core: return m_corePool;
    }
    return m_corePool;
}

JobId JobManager::registerJob(const JobSpec& spec, const QFuture<void>& future, std::function<End()> conclude,
                              std::function<void()> deliver) {
    const JobId id = m_nextId++;
    if (spec.listed) m_model->addJob(id, spec.title);
    auto* watcher = new QFutureWatcher<void>(this);
    m_entries[id] = Entry{watcher, std::move(conclude), std::move(deliver)};
    connect(watcher, &QFutureWatcherBase::started, this, [this, id] {
        if (m_model->state(id) == JobState::Queued) m_model->setState(id, JobState::Running);
        Q_EMIT jobStarted(id);
    });
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, this,
            [this, id](int minimum, int maximum) { m_model->setProgressRange(id, minimum, maximum); });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this, id](int value) { m_model->setProgressValue(id, value); });
    connect(watcher, &QFutureWatcherBase::progressTextChanged, this, [this, id](const QString& text) {
        if (!text.isEmpty()) m_model->setStage(id, text);
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, id] { finished(id); });
    watcher->setFuture(future);
    Q_EMIT activeCountChanged(activeCount());
    return id;
}

void JobManager::finished(JobId id) {
    auto it = m_entries.find(id);
    if (it == m_entries.end()) return;
    Entry entry = std::move(it->second);
    m_entries.erase(it);
    entry.watcher->deleteLater();
    if (m_model->state(id) == JobState::Queued) m_model->setState(id, JobState::Running);
    const End end = entry.conclude();
    m_model->setState(id, end.state, end.error);
    entry.deliver();  // the caller's done() may set a summary over "Done"
    Q_EMIT jobEnded(id, end.state);
    Q_EMIT activeCountChanged(activeCount());
}

void JobManager::cancel(JobId id) {
    auto it = m_entries.find(id);
    if (it == m_entries.end()) return;
    m_model->setState(id, JobState::Canceling);
    it->second.watcher->future().cancel();
}

void JobManager::cancelAll() {
    std::vector<JobId> ids;
    for (const auto& [id, entry] : m_entries) ids.push_back(id);
    for (JobId id : ids) cancel(id);
}

void JobManager::waitForAll() {
    for (auto& [id, entry] : m_entries) entry.watcher->future().waitForFinished();
    m_decodePool->waitForDone();
    m_corePool->waitForDone();
}

void JobManager::setSummary(JobId id, const QString& text) {
    m_model->setStage(id, text);
}

int JobManager::activeCount() const { return static_cast<int>(m_entries.size()); }

bool JobManager::isActive(JobId id) const { return m_entries.count(id) > 0; }

}  // namespace winnow::widgets
