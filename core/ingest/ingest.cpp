// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/ingest.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "catalog/writer.h"
#include "common/error.h"
#include "ingest/filereader.h"
#include "ingest/pixelstore.h"

namespace winnow::ingest {

namespace fs = std::filesystem;

namespace {

/// One item in flight: its place in source order and, once analysed, its record.
struct Task {
    std::int64_t seq = 0;
    sources::Item item;
    PixelStore::Location blob;  ///< where raw pixels were stored (IDX), else empty
};

std::string keyOf(const std::string& uri, const std::string& member) { return uri + '\0' + member; }

/// Keys (uri, member) of the samples of a dataset that need no new import (status Ok).
std::unordered_set<std::string> presentKeys(const catalog::Catalog& cat, std::int64_t datasetId) {
    std::unordered_set<std::string> keys;
    auto st = cat.database().prepare("SELECT uri, member FROM samples WHERE dataset_id = ? AND status = 1");
    st.bind(1, datasetId);
    while (st.step()) keys.insert(keyOf(st.text(0), st.text(1)));
    return keys;
}

catalog::SampleRecord analyse(Task& task, std::int64_t datasetId, const IngestParams& params) {
    sources::Item& item = task.item;
    catalog::SampleRecord rec;
    catalog::Sample& s = rec.sample;
    s.datasetId = datasetId;
    s.uri = item.uri;
    s.member = item.member;
    s.split = item.split.empty() ? params.split : item.split;
    s.label = item.label;
    if (!params.labelNames.empty() && !s.label.empty() &&
        s.label.find_first_not_of("0123456789") == std::string::npos && s.label.size() < 10) {
        const std::size_t index = std::stoul(s.label);
        if (index < params.labelNames.size()) s.label = params.labelNames[index];
    }
    s.caption = item.caption;

    imageio::Analysis a;
    if (!item.error.empty()) {
        a.error = item.error;
    } else {
        switch (item.payload) {
            case sources::Item::Payload::File: {
                thread_local FileBuffer buffer;  // per worker thread, see FileBuffer
                std::string err;
                if (!buffer.read(item.uri, params.analyze.maxBytes, err)) {
                    a.error = err;
                } else {
                    a = imageio::analyzeEncoded(buffer.data(), buffer.size(), params.analyze);
                }
                buffer.trim();
                break;
            }
            case sources::Item::Payload::Bytes:
                a = imageio::analyzeEncoded(item.bytes.data(), item.bytes.size(), params.analyze);
                break;
            case sources::Item::Payload::Raw:
                a = imageio::analyzeRaw(item.bytes.data(), item.rawWidth, item.rawHeight, item.rawChannels,
                                        params.analyze);
                break;
        }
    }
    s.sha512 = a.sha512;
    s.byteSize = a.byteSize;
    s.width = a.width;
    s.height = a.height;
    s.channels = a.channels;
    s.format = a.format;
    s.phash = a.phash;
    s.dhash = a.dhash;
    s.blur = a.stats.blur;
    s.brightness = a.stats.brightness;
    s.contrast = a.stats.contrast;
    s.status = a.ok ? catalog::SampleStatus::Ok : catalog::SampleStatus::Failed;
    s.error = a.ok ? std::string() : (a.error.empty() ? std::string("unknown error") : a.error);
    if (item.payload == sources::Item::Payload::Bytes) s.blobOffset = item.index;  // tar header offset
    if (!task.blob.file.empty()) {
        s.blob = task.blob.file;
        s.blobOffset = task.blob.offset;
        s.blobSize = task.blob.size;
    }
    if (a.ok && !a.thumbnail.empty()) {
        rec.thumbnail = catalog::Thumbnail{0, a.thumbnailWidth, a.thumbnailHeight, std::move(a.thumbnail)};
    }
    return rec;
}

/// The decode pool: workers take tasks in any order; results are handed back in source order.
///
/// The feeding thread is woken in bursts, not once per image: a worker wakes it only when the queue of
/// waiting tasks has fallen to a low-water mark and the next result in order is there to drain, so each
/// wake-up drains a run of results and refills the queue up to the limit. On the 2-core project machine
/// waking it per image cost two context switches per image (about 4% of the CPU of a JPEG ingest in
/// reschedule interrupts) and preempted a decoding worker each time.
class Pool {
public:
    Pool(int threads, std::int64_t datasetId, const IngestParams& params) : m_datasetId(datasetId), m_params(params) {
        m_limit = static_cast<std::size_t>(threads) * 16;
        m_lowWater = static_cast<std::size_t>(threads) * 2;
        for (int i = 0; i < threads; ++i) m_workers.emplace_back([this] { work(); });
    }
    ~Pool() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (auto& t : m_workers) t.join();
    }
    /// Blocks while too many tasks are in flight; returns false if it gave up waiting (to let the caller
    /// poll progress), true when the task was queued.
    bool push(Task& task) {
        std::unique_lock lock(m_mutex);
        // Wait for room; give up as soon as the next result in order can be drained (that makes room),
        // or after a while, so the caller can drain and poll for cancel.
        m_done.wait_for(lock, std::chrono::milliseconds(100),
                        [&] { return m_inFlight < m_limit || m_results.count(m_nextSeq) > 0; });
        if (m_inFlight >= m_limit) return false;
        ++m_inFlight;
        m_tasks.push_back(std::move(task));
        m_wake.notify_one();
        return true;
    }
    /// Moves the results that are next in source order into out.
    void drainInOrder(std::vector<catalog::SampleRecord>& out) {
        std::lock_guard lock(m_mutex);
        for (auto it = m_results.find(m_nextSeq); it != m_results.end(); it = m_results.find(m_nextSeq)) {
            out.push_back(std::move(it->second));
            m_results.erase(it);
            ++m_nextSeq;
            --m_inFlight;
        }
    }
    /// Waits until a result arrives or the timeout passes.
    void waitForResult(std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        m_done.wait_for(lock, timeout, [&] { return m_results.count(m_nextSeq) > 0; });
    }
    bool idle() {
        std::lock_guard lock(m_mutex);
        return m_inFlight == 0;
    }

private:
    void work() {
        for (;;) {
            Task task;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_stop || !m_tasks.empty(); });
                if (m_stop && m_tasks.empty()) return;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            catalog::SampleRecord rec = analyse(task, m_datasetId, m_params);
            bool wake = false;
            {
                std::lock_guard lock(m_mutex);
                m_results.emplace(task.seq, std::move(rec));
                wake = m_tasks.size() <= m_lowWater && m_results.count(m_nextSeq) > 0;
            }
            if (wake) m_done.notify_all();
        }
    }

    std::int64_t m_datasetId;
    const IngestParams& m_params;
    std::size_t m_limit = 32;
    std::size_t m_lowWater = 4;  ///< wake the feeder when no more tasks than this wait
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::deque<Task> m_tasks;
    std::map<std::int64_t, catalog::SampleRecord> m_results;
    std::int64_t m_nextSeq = 0;
    std::size_t m_inFlight = 0;
    bool m_stop = false;
    std::vector<std::thread> m_workers;
};

std::string defaultDatasetName(const std::string& sourcePath) {
    fs::path p = fs::path(sourcePath).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    std::string name = p.filename().string();
    for (const char* ext : {".gz", ".tar", ".tgz", ".csv", ".json"}) {
        const std::string e(ext);
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
            name.erase(name.size() - e.size());
    }
    return name.empty() ? std::string("dataset") : name;
}

/// The import proper: opens the catalog, runs the pool and the writer over the source, commits.
void importItems(sources::Source& source, const std::string& projectPath, const std::string& absSource,
                 const IngestParams& params, Progress& progress, IngestReport& report) {
    catalog::Catalog cat = catalog::Catalog::open(projectPath);
    report.dataset = params.dataset.empty() ? defaultDatasetName(absSource) : params.dataset;
    report.datasetId = cat.ensureDataset(report.dataset, absSource, report.format);
    const std::unordered_set<std::string> present = presentKeys(cat, report.datasetId);
    PixelStore pixels(cat.dataDir(), report.datasetId);

    const int threads =
        params.threads > 0 ? params.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    catalog::WriterParams wp;
    wp.batchSize = std::max(1, params.batchSize);
    catalog::Writer writer(projectPath, wp);
    const std::int64_t total = source.sizeHint();

    // Pool results arrive here in source order and go to the writer in that order.
    std::vector<catalog::SampleRecord> ready;

    {
        Pool pool(threads, report.datasetId, params);
        std::int64_t seq = 0;
        auto drain = [&] {
            ready.clear();
            pool.drainInOrder(ready);
            for (auto& rec : ready) {
                if (rec.sample.status == catalog::SampleStatus::Ok) {
                    ++report.imported;
                } else {
                    ++report.failed;
                    if (static_cast<int>(report.errors.size()) < params.maxReportedErrors)
                        report.errors.push_back({rec.sample.uri, rec.sample.member, rec.sample.error});
                }
                writer.add(std::move(rec));
            }
        };
        auto lastReport = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        auto maybeReport = [&] {
            const auto now = std::chrono::steady_clock::now();
            if (now - lastReport < std::chrono::milliseconds(100)) return;
            lastReport = now;
            progress.report(report.seen, total, "importing " + report.dataset);
        };

        sources::Item item;
        while (!progress.isCanceled() && source.next(item)) {
            ++report.seen;
            if (present.count(keyOf(item.uri, item.member))) {
                ++report.skipped;
                maybeReport();
                continue;
            }
            Task task{seq, std::move(item), {}};
            if (task.item.payload == sources::Item::Payload::Raw && task.item.error.empty()) {
                task.blob = pixels.store(task.item);  // deterministic place, so re-imports agree
            }
            while (!pool.push(task)) {
                drain();
                maybeReport();
                if (progress.isCanceled()) break;
            }
            if (progress.isCanceled()) break;
            ++seq;
            drain();
            maybeReport();
            item = sources::Item();
        }
        report.canceled = progress.isCanceled();
        // Finish what is in flight (it is analysed already or nearly so), keeping source order.
        while (!pool.idle()) {
            pool.waitForResult(std::chrono::milliseconds(50));
            drain();
        }
        drain();
    }
    progress.report(report.seen, total, "committing");
    writer.finish();
}

}  // namespace

IngestReport ingest(const std::string& projectPath, const std::string& sourcePath, const IngestParams& params,
                    Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    IngestReport report;

    std::error_code ec;
    if (!fs::exists(sourcePath, ec)) throw Error("no such file or directory: " + sourcePath);
    const std::string absSource = fs::absolute(sourcePath).lexically_normal().string();

    progress.report(0, -1, "opening source");
    sources::SourceParams sourceParams;
    sourceParams.maxItemBytes = params.analyze.maxBytes;
    sourceParams.checkFiles = false;  // the workers' FileBuffer::read checks each file as it reads it
    std::unique_ptr<sources::Source> source = sources::openSource(absSource, params.format, sourceParams);
    report.format = sources::formatName(source->format());

    // In a function of its own: the catalog and the writer close before the clock stops, and closing the
    // last connection checkpoints the WAL into the project file, which is part of the import's time.
    importItems(*source, projectPath, absSource, params, progress, report);
    report.warnings = source->warnings();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.report(report.seen, report.seen, report.canceled ? "canceled" : "done");
    return report;
}

}  // namespace winnow::ingest
