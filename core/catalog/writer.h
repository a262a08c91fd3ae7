// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "catalog/types.h"

namespace winnow::catalog {

/// One sample to insert, with its thumbnail when there is one.
struct SampleRecord {
    Sample sample;  ///< id is ignored: SQLite assigns it
    std::optional<Thumbnail> thumbnail;
};

/// Knobs of the writer.
struct WriterParams {
    /// Records per transaction. Larger batches amortise commits; smaller ones lose less on a kill.
    int batchSize = 256;
    /// Records queued before add() blocks (back-pressure on the decode pool).
    int queueLimit = 4096;
    /// Thumbnails of at least this many bytes go to the project's thumbnail pack (see ThumbnailPack);
    /// smaller ones, which share a 4 KiB SQLite page with other rows (IDX and other tiny images: 0.5-1 KB),
    /// stay in the thumbnails table, and a batch of only those needs no write and no sync of the pack.
    std::size_t packThumbnailsFrom = 2048;
};

/// Records are committed when a batch is full, when flush() or finish() asks, and otherwise at the
/// latest 200 ms after they were queued.
///
/// The one long-lived writer of a project: a thread that owns its own connection and inserts queued
/// samples in batched transactions, in the order they were added. A sample whose identity
/// (dataset, uri, member) exists already is left as it is, unless the stored one failed (then it is
/// replaced: a re-import retries failures).
///
/// Thread affinity: add(), flush() and finish() may be called from any thread; the writer's connection
/// lives only on its own thread. The destructor finishes (commits what is queued) and joins.
class Writer {
public:
    Writer(const std::string& projectPath, const WriterParams& params = {});
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer();

    /// Queues a record; blocks while the queue is full. Throws winnow::Error if the writer failed.
    void add(SampleRecord record);
    /// Blocks until everything added so far is committed. Throws winnow::Error if the writer failed.
    void flush();
    /// Commits what is queued and stops the thread; idempotent. Throws winnow::Error if the writer failed.
    void finish();

    /// Records committed so far (inserted or replaced or skipped as present).
    std::int64_t committed() const { return m_committed.load(); }
    /// Records actually inserted or replaced.
    std::int64_t inserted() const { return m_inserted.load(); }

private:
    void run(std::string path);
    void throwIfFailed();

    WriterParams m_params;
    std::mutex m_mutex;
    std::condition_variable m_wake;      // writer waits for work
    std::condition_variable m_progress;  // producers wait for room / commits
    std::deque<SampleRecord> m_queue;
    std::int64_t m_added = 0;
    std::int64_t m_flushTarget = 0;  // flush() waits for this many records to be committed
    bool m_stop = false;
    std::string m_error;
    std::atomic<std::int64_t> m_committed{0};
    std::atomic<std::int64_t> m_inserted{0};
    std::thread m_thread;
};

}  // namespace winnow::catalog
