// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/writer.h"

#include <algorithm>
#include <vector>

#include "catalog/database.h"
#include "catalog/schema.h"
#include "common/error.h"

namespace winnow::catalog {

Writer::Writer(const std::string& projectPath, const WriterParams& params) : m_params(params) {
    checkProjectHeader(projectPath);
    m_thread = std::thread([this, projectPath] { run(projectPath); });
}

Writer::~Writer() {
    try {
        finish();
    } catch (...) {
        // Errors were reported to whoever called add()/flush(); a destructor must not throw.
    }
}

void Writer::throwIfFailed() {
    if (!m_error.empty()) throw Error("catalog writer: " + m_error);
}

void Writer::add(SampleRecord record) {
    std::unique_lock lock(m_mutex);
    m_progress.wait(lock, [&] {
        return !m_error.empty() || m_stop || static_cast<int>(m_queue.size()) < m_params.queueLimit;
    });
    throwIfFailed();
    if (m_stop) throw Error("catalog writer: add() after finish()");
    m_queue.push_back(std::move(record));
    ++m_added;
    if (static_cast<int>(m_queue.size()) >= m_params.batchSize) m_wake.notify_one();
}

void Writer::flush() {
    std::unique_lock lock(m_mutex);
    const std::int64_t target = m_added;
    m_flushTarget = std::max(m_flushTarget, target);
    m_wake.notify_one();
    m_progress.wait(lock, [&] { return !m_error.empty() || m_committed.load() >= target; });
    throwIfFailed();
}

void Writer::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_progress.notify_all();
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_mutex);
    throwIfFailed();
}

void Writer::run(std::string path) {
    try {
        Database db(path, false, false);
        migrate(db);
        // Bulk inserts: checkpoint the WAL every 64 MiB instead of every 4 MiB (each checkpoint syncs the
        // file), and keep more pages in memory. Readers are unaffected.
        db.exec("PRAGMA wal_autocheckpoint = 16384");
        db.exec("PRAGMA cache_size = -65536");
        auto insert = db.prepare(
            "INSERT INTO samples(dataset_id, uri, member, split, label, caption, sha512, byte_size, width, "
            "height, channels, format, phash, dhash, blur, brightness, contrast, status, error, blob, "
            "blob_offset, blob_size) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(dataset_id, uri, member) DO UPDATE SET split=excluded.split, label=excluded.label, "
            "caption=excluded.caption, sha512=excluded.sha512, byte_size=excluded.byte_size, "
            "width=excluded.width, height=excluded.height, channels=excluded.channels, format=excluded.format, "
            "phash=excluded.phash, dhash=excluded.dhash, blur=excluded.blur, brightness=excluded.brightness, "
            "contrast=excluded.contrast, status=excluded.status, error=excluded.error, blob=excluded.blob, "
            "blob_offset=excluded.blob_offset, blob_size=excluded.blob_size WHERE samples.status = 2 "
            "RETURNING id");
        auto thumb = db.prepare(
            "INSERT OR REPLACE INTO thumbnails(sample_id, width, height, jpeg) VALUES (?, ?, ?, ?)");
        std::vector<SampleRecord> batch;
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, std::chrono::milliseconds(200), [&] {
                    return m_stop || static_cast<int>(m_queue.size()) >= m_params.batchSize ||
                           m_committed.load() < m_flushTarget;
                });
                if (m_queue.empty() && m_stop) return;
                const std::size_t n = std::min<std::size_t>(m_queue.size(), m_params.batchSize);
                batch.clear();
                for (std::size_t i = 0; i < n; ++i) {
                    batch.push_back(std::move(m_queue.front()));
                    m_queue.pop_front();
                }
            }
            m_progress.notify_all();
            if (batch.empty()) continue;
            std::int64_t inserted = 0;
            Transaction tx(db);
            for (const SampleRecord& r : batch) {
                const Sample& s = r.sample;
                insert.reset();
                insert.bind(1, s.datasetId).bind(2, s.uri).bind(3, s.member).bind(4, s.split).bind(5, s.label);
                insert.bind(6, s.caption).bind(7, s.sha512).bind(8, s.byteSize).bind(9, s.width);
                insert.bind(10, s.height).bind(11, s.channels).bind(12, s.format);
                insert.bind(13, static_cast<std::int64_t>(s.phash)).bind(14, static_cast<std::int64_t>(s.dhash));
                insert.bind(15, s.blur).bind(16, s.brightness).bind(17, s.contrast);
                insert.bind(18, static_cast<std::int64_t>(s.status)).bind(19, s.error).bind(20, s.blob);
                insert.bind(21, s.blobOffset).bind(22, s.blobSize);
                if (!insert.step()) continue;  // present already: nothing to do
                const std::int64_t id = insert.int64(0);
                insert.run();
                ++inserted;
                if (r.thumbnail) {
                    thumb.reset();
                    thumb.bind(1, id).bind(2, r.thumbnail->width).bind(3, r.thumbnail->height);
                    thumb.bindBlob(4, r.thumbnail->jpeg.data(), r.thumbnail->jpeg.size()).run();
                }
            }
            tx.commit();
            m_inserted += inserted;
            {
                std::lock_guard lock(m_mutex);
                m_committed += static_cast<std::int64_t>(batch.size());
            }
            m_progress.notify_all();
        }
    } catch (const std::exception& e) {
        std::lock_guard lock(m_mutex);
        m_error = e.what();
        m_progress.notify_all();
    }
}

}  // namespace winnow::catalog
