// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPixmap>
#include <QString>
#include <cstdint>
#include <deque>
#include <map>
#include <unordered_set>
#include <vector>

#include "widgets/thumbnails/lrucache.h"

class QThreadPool;

namespace winnow::widgets {

/// A thumbnail ready to paint.
struct ThumbnailEntry {
    QPixmap pixmap;  ///< null when the sample has none (see missing)
    QString caption;
    QString toolTip;
    bool missing = false;  ///< no thumbnail stored (failed import) or undecodable
    bool failed = false;   ///< the sample failed to import
};

/// Knobs of the thumbnail provider.
struct ThumbnailParams {
    /// Decoded thumbnails kept (LRU); bounds memory at about capacity x 64 KiB for 128 px thumbnails.
    int capacity = 2048;
    /// Thumbnails read and decoded per worker task (one read-only connection per task).
    int batchSize = 32;
    /// Tasks in flight at most; 0 = two per thread of the pool.
    int maxTasks = 0;
};

/// The thumbnails of one project: an LRU cache of pixmaps plus a queue of requests served by the decode
/// pool in batches. Clients (views, through ThumbnailScheduler) replace their wish list with request()
/// whenever what they show changes, most wanted first; ids no longer wished for are dropped before they
/// are read. Workers return QImages by value; pixmaps are made here, on the GUI thread.
///
/// Thread affinity: GUI thread.
class ThumbnailProvider final : public QObject {
    Q_OBJECT

public:
    ThumbnailProvider(const QString& projectPath, QThreadPool* pool, const ThumbnailParams& params = {},
                      QObject* parent = nullptr);
    ~ThumbnailProvider() override;

    const QString& projectPath() const { return m_projectPath; }

    /// The cached thumbnail, marked as used; nullptr when it is not loaded (yet).
    const ThumbnailEntry* entry(std::int64_t sampleId);
    bool isLoaded(std::int64_t sampleId) const { return m_cache.contains(sampleId); }

    /// A new client key for request().
    int registerClient();
    /// Replaces the client's wish list (most wanted first). Ids already cached or being read are skipped.
    void request(int client, const std::vector<std::int64_t>& sampleIds);
    /// Forgets every cached thumbnail (after samples were deleted or re-imported).
    void clear();

    const LruCache<std::int64_t, ThumbnailEntry>& cache() const { return m_cache; }
    int tasksInFlight() const { return m_tasksInFlight; }
    /// Ids queued (wished for but not yet sent to a worker), over all clients.
    int queuedCount() const;
    /// True when nothing is queued or being read.
    bool isIdle() const { return m_tasksInFlight == 0 && queuedCount() == 0; }

Q_SIGNALS:
    /// Thumbnails of these samples were stored in the cache (views repaint them).
    void thumbnailsLoaded(const QList<qint64>& sampleIds);

private:
    void dispatch();
    std::vector<std::int64_t> takeBatch();

    QString m_projectPath;
    QThreadPool* m_pool;
    ThumbnailParams m_params;
    LruCache<std::int64_t, ThumbnailEntry> m_cache;
    std::map<int, std::deque<std::int64_t>> m_wishes;  // client -> ids, most wanted first
    std::unordered_set<std::int64_t> m_inFlight;
    int m_tasksInFlight = 0;
    int m_nextClient = 1;
    int m_turn = 0;         // round robin over clients
    quint64 m_generation = 0;  // bumped by clear(): results of older tasks are dropped
};

}  // namespace winnow::widgets
