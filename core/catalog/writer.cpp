// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/writer.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "catalog/database.h"
#include "catalog/schema.h"
#include "catalog/thumbnailpack.h"
#include "common/error.h"

namespace winnow::catalog {

namespace {

/// WAL checkpoints on a thread and connection of their own. A checkpoint syncs the WAL and the project
/// file; run by the writer thread (SQLite's automatic checkpoints) those waits stalled the inserts, and an
/// IDX import, bound by the writer, took 4.0 s instead of 2.9 s with checkpoints every 4 MiB. Checkpoints
/// every 64 MiB instead left a large WAL to the checkpoint that closing the project runs: 90 ms at the
/// end of a 10,000-JPEG import. Here they run every 4 MiB and the writer never waits for them. A failed
/// or busy checkpoint loses nothing: its frames wait in the WAL for the next one.
class Checkpointer {
public:
    static constexpr int kFrames = 1000;  ///< WAL frames (4 MiB) that ask for a checkpoint

    explicit Checkpointer(std::string path) : m_path(std::move(path)), m_thread([this] { run(); }) {}
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;
    ~Checkpointer() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    /// After a commit (Database::onCommit).
    void committed(int walFrames) {
        if (walFrames < kFrames) return;
        {
            std::lock_guard lock(m_mutex);
            m_wanted = true;
        }
        m_wake.notify_one();
    }

private:
    void run() {
        std::unique_ptr<Database> db;
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_stop || m_wanted; });
                if (m_stop) return;
                m_wanted = false;
            }
            try {
                if (!db) db = std::make_unique<Database>(m_path, false, false);
                db->exec("PRAGMA wal_checkpoint(PASSIVE)");
            } catch (const std::exception&) {
                // Left to the next checkpoint (see the class comment).
            }
        }
    }

    std::string m_path;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_wanted = false;
    bool m_stop = false;
    std::thread m_thread;  ///< last: starts once the members above exist
};

}  // namespace

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
        Checkpointer checkpointer(path);  // outlives db, whose commits call it
        Database db(path, false, false);
        migrate(db);
        db.onCommit([&checkpointer](int walFrames) { checkpointer.committed(walFrames); });
        // The page cache stays at 8 MiB: most pages an import writes (appended rows) are never read
        // again, and a 64 MiB cache only grew the heap page by page (10,000 more page faults and 1.6%
        // more CPU on a 10,000-JPEG import, bench 1b).
        db.exec("PRAGMA cache_size = -8192");
        db.exec("PRAGMA temp_store = MEMORY");
        // New samples are plain inserts (no RETURNING: it makes SQLite spool results through a temporary
        // table). A sample present already is left alone unless it failed before, then it is replaced.
        auto insert = db.prepare(
            "INSERT INTO samples(dataset_id, uri, member, split, label, caption, sha512, byte_size, width, "
            "height, channels, format, phash, dhash, blur, brightness, contrast, status, error, blob, "
            "blob_offset, blob_size) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
            "?19,?20,?21,?22) ON CONFLICT(dataset_id, uri, member) DO NOTHING");
        auto retry = db.prepare(
            "UPDATE samples SET split=?4, label=?5, caption=?6, sha512=?7, byte_size=?8, width=?9, height=?10, "
            "channels=?11, format=?12, phash=?13, dhash=?14, blur=?15, brightness=?16, contrast=?17, "
            "status=?18, error=?19, blob=?20, blob_offset=?21, blob_size=?22 "
            "WHERE dataset_id=?1 AND uri=?2 AND member=?3 AND status = 2 RETURNING id");
        auto bindSample = [](Statement& st, const Sample& s) {
            st.reset();
            st.bind(1, s.datasetId).bind(2, s.uri).bind(3, s.member).bind(4, s.split).bind(5, s.label);
            st.bind(6, s.caption).bind(7, s.sha512).bind(8, s.byteSize).bind(9, s.width);
            st.bind(10, s.height).bind(11, s.channels).bind(12, s.format);
            st.bind(13, static_cast<std::int64_t>(s.phash)).bind(14, static_cast<std::int64_t>(s.dhash));
            st.bind(15, s.blur).bind(16, s.brightness).bind(17, s.contrast);
            st.bind(18, static_cast<std::int64_t>(s.status)).bind(19, s.error).bind(20, s.blob);
            st.bind(21, s.blobOffset).bind(22, s.blobSize);
        };
        // Thumbnails go to the pack (see ThumbnailPack): the batch's bytes in one write at the committed
        // length, then their rows and the new length in the same transaction as the samples.
        ThumbnailPack pack(path + ".d");
        auto thumb = db.prepare(
            "INSERT OR REPLACE INTO thumbnails(sample_id, width, height, jpeg, pack_offset, pack_size) "
            "VALUES (?, ?, ?, x'', ?, ?)");
        auto inlineThumb = db.prepare(
            "INSERT OR REPLACE INTO thumbnails(sample_id, width, height, jpeg) VALUES (?, ?, ?, ?)");
        auto packLength = db.prepare("SELECT CAST(value AS INTEGER) FROM project WHERE key = ?");
        auto setPackLength = db.prepare("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)");
        std::vector<SampleRecord> batch;
        std::vector<std::pair<std::int64_t, const Thumbnail*>> thumbs;  // (sample id, thumbnail)
        std::vector<std::uint8_t> packBytes;
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
            thumbs.clear();
            Transaction tx(db);
            for (const SampleRecord& r : batch) {
                bindSample(insert, r.sample);
                insert.run();
                std::int64_t id = 0;
                if (db.changes() > 0) {
                    id = db.lastInsertRowid();
                } else {
                    bindSample(retry, r.sample);
                    if (!retry.step()) continue;  // present and imported: nothing to do
                    id = retry.int64(0);
                    retry.run();
                }
                ++inserted;
                if (!r.thumbnail) continue;
                if (r.thumbnail->jpeg.size() >= m_params.packThumbnailsFrom) {
                    thumbs.emplace_back(id, &*r.thumbnail);
                } else {
                    inlineThumb.reset();
                    inlineThumb.bind(1, id).bind(2, r.thumbnail->width).bind(3, r.thumbnail->height);
                    inlineThumb.bindBlob(4, r.thumbnail->jpeg.data(), r.thumbnail->jpeg.size()).run();
                }
            }
            if (!thumbs.empty()) {
                packLength.reset();
                packLength.bind(1, ThumbnailPack::kCommittedKey);
                const std::int64_t start = packLength.step() ? packLength.int64(0) : 0;
                packLength.reset();
                packBytes.clear();
                for (const auto& [id, t] : thumbs) packBytes.insert(packBytes.end(), t->jpeg.begin(), t->jpeg.end());
                pack.write(packBytes, start);
                std::int64_t offset = start;
                for (const auto& [id, t] : thumbs) {
                    const auto size = static_cast<std::int64_t>(t->jpeg.size());
                    thumb.reset();
                    thumb.bind(1, id).bind(2, t->width).bind(3, t->height).bind(4, offset).bind(5, size).run();
                    offset += size;
                }
                setPackLength.reset();
                setPackLength.bind(1, ThumbnailPack::kCommittedKey).bind(2, std::to_string(offset)).run();
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
