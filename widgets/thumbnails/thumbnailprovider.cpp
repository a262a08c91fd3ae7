// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/thumbnails/thumbnailprovider.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "widgets/thumbnails/thumbnailbatch.h"

namespace winnow::widgets {

ThumbnailProvider::ThumbnailProvider(const QString& projectPath, QThreadPool* pool,
                                     const ThumbnailParams& params, QObject* parent)
    : QObject(parent),
      m_projectPath(projectPath),
      m_pool(pool),
      m_params(params),
      m_cache(static_cast<std::size_t>(std::max(1, params.capacity))) {
    if (m_params.batchSize < 1) m_params.batchSize = 1;
    if (m_params.maxTasks <= 0) m_params.maxTasks = std::max(2, 2 * pool->maxThreadCount());
}

// Tasks still running keep only copies of what they need; their watchers die with this object, so their
// results are dropped.
ThumbnailProvider::~ThumbnailProvider() = default;

const ThumbnailEntry* ThumbnailProvider::entry(std::int64_t sampleId) { return m_cache.find(sampleId); }

int ThumbnailProvider::registerClient() { return m_nextClient++; }

void ThumbnailProvider::request(int client, const std::vector<std::int64_t>& sampleIds) {
    std::deque<std::int64_t>& wishes = m_wishes[client];
    wishes.clear();
    for (std::int64_t id : sampleIds) {
        if (!m_cache.contains(id) && m_inFlight.count(id) == 0) wishes.push_back(id);
    }
    if (wishes.empty()) m_wishes.erase(client);
    dispatch();
}

int ThumbnailProvider::queuedCount() const {
    int n = 0;
    for (const auto& [client, wishes] : m_wishes) n += static_cast<int>(wishes.size());
    return n;
}

void ThumbnailProvider::clear() {
    m_cache.clear();
    m_inFlight.clear();
    ++m_generation;
}

std::vector<std::int64_t> ThumbnailProvider::takeBatch() {
    std::vector<std::int64_t> batch;
    // Round robin over clients, taking each client's most wanted ids first.
    while (static_cast<int>(batch.size()) < m_params.batchSize && !m_wishes.empty()) {
        auto it = m_wishes.lower_bound(m_turn);
        if (it == m_wishes.end()) it = m_wishes.begin();
        std::deque<std::int64_t>& wishes = it->second;
        while (!wishes.empty() && static_cast<int>(batch.size()) < m_params.batchSize) {
            const std::int64_t id = wishes.front();
            wishes.pop_front();
            if (m_cache.contains(id) || m_inFlight.count(id)) continue;
            m_inFlight.insert(id);
            batch.push_back(id);
        }
        m_turn = it->first + 1;
        if (wishes.empty()) m_wishes.erase(it);
    }
    return batch;
}

void ThumbnailProvider::dispatch() {
    while (m_tasksInFlight < m_params.maxTasks) {
        std::vector<std::int64_t> batch = takeBatch();
        if (batch.empty()) return;
        ++m_tasksInFlight;
        const std::string path = m_projectPath.toStdString();
        auto* watcher = new QFutureWatcher<std::vector<LoadedThumbnail>>(this);
        const quint64 generation = m_generation;
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, batch, generation] {
            watcher->deleteLater();
            --m_tasksInFlight;
            if (generation == m_generation) {
                for (std::int64_t id : batch) m_inFlight.erase(id);
                QList<qint64> loaded;
                for (LoadedThumbnail& t : watcher->future().result()) {
                    ThumbnailEntry e;
                    e.pixmap = QPixmap::fromImage(std::move(t.image));  // GUI thread only
                    e.missing = e.pixmap.isNull();
                    e.failed = t.failed;
                    e.caption = std::move(t.caption);
                    e.toolTip = std::move(t.toolTip);
                    m_cache.insert(t.sampleId, std::move(e));
                    loaded.push_back(t.sampleId);
                }
                if (!loaded.isEmpty()) Q_EMIT thumbnailsLoaded(loaded);
            }
            dispatch();
        });
        watcher->setFuture(QtConcurrent::run(m_pool, [path, batch] { return loadThumbnailBatch(path, batch); }));
    }
}

}  // namespace winnow::widgets
