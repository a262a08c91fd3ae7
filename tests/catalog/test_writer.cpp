// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "catalog/writer.h"
#include "common/error.h"
#include "tempdir.h"

using namespace winnow::catalog;
using winnow::test::TempDir;

namespace {
SampleRecord record(std::int64_t dataset, const std::string& uri, SampleStatus status = SampleStatus::Ok,
                    const std::string& label = "") {
    SampleRecord r;
    r.sample.datasetId = dataset;
    r.sample.uri = uri;
    r.sample.status = status;
    r.sample.label = label;
    r.sample.phash = 0xFEDCBA9876543210ULL;  // high bit set: stored as a negative SQLite integer
    if (status == SampleStatus::Failed) r.sample.error = "broken";
    return r;
}

/// A new project at path with one dataset "d"; returns its id.
std::int64_t createWithDataset(const std::string& path) {
    Catalog cat = Catalog::create(path);
    return cat.ensureDataset("d", "/x", "folder");
}
}  // namespace

TEST(Writer, KeepsExistingSamplesAndRetriesFailedOnes) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    const std::int64_t ds = createWithDataset(path);
    {
        Writer w(path);
        w.add(record(ds, "/x/1", SampleStatus::Ok, "first"));
        w.add(record(ds, "/x/2", SampleStatus::Failed));
        w.finish();
    }
    {
        Writer w(path);
        w.add(record(ds, "/x/1", SampleStatus::Ok, "second"));  // present and Ok: kept as it was
        w.add(record(ds, "/x/2", SampleStatus::Ok));              // failed before: replaced
        w.add(record(ds, "/x/3"));
        w.finish();
        EXPECT_EQ(w.committed(), 3);
        EXPECT_EQ(w.inserted(), 2);
    }
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    auto all = cat.samples();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].label, "first");
    EXPECT_EQ(all[1].status, SampleStatus::Ok);
    EXPECT_EQ(all[1].error, "");
    EXPECT_EQ(all[0].phash, 0xFEDCBA9876543210ULL);
}

TEST(Writer, ManyProducersBatchesAndFlush) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    const std::int64_t ds = createWithDataset(path);
    WriterParams params;
    params.batchSize = 64;
    params.queueLimit = 100;  // producers must block now and then
    Writer w(path, params);
    std::vector<std::thread> producers;
    for (int t = 0; t < 4; ++t) {
        producers.emplace_back([&, t] {
            for (int i = 0; i < 1000; ++i) w.add(record(ds, "/x/" + std::to_string(t) + "/" + std::to_string(i)));
        });
    }
    for (auto& p : producers) p.join();
    w.flush();
    EXPECT_EQ(w.committed(), 4000);
    {
        // A reader sees everything flushed while the writer is still alive (WAL).
        Catalog reader = Catalog::open(path, Catalog::Mode::ReadOnly);
        EXPECT_EQ(reader.countSamples(), 4000);
    }
    w.finish();
    EXPECT_NO_THROW(w.finish());
}

TEST(Writer, ReportsFailuresToProducers) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    { Catalog::create(path); }
    Writer w(path);
    w.add(record(12345, "/no/such/dataset"));  // violates the foreign key
    EXPECT_THROW(w.flush(), winnow::Error);
}

TEST(Writer, RefusesNonProjects) {
    TempDir dir;
    EXPECT_THROW(Writer(dir.file("nothing.winnow")), winnow::Error);
}

TEST(Writer, ThumbnailsGoToThePackAtTheCommittedLength) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    const std::int64_t ds = createWithDataset(path);
    auto withThumb = [&](const std::string& uri, std::uint8_t fill, std::size_t size) {
        SampleRecord r = record(ds, uri);
        r.thumbnail = Thumbnail{0, 8, 6, std::vector<std::uint8_t>(size, fill)};
        return r;
    };
    const std::string pack = dir.file("p.winnow.d/thumbnails.pack");
    WriterParams params;
    params.packThumbnailsFrom = 10;  // these tiny test thumbnails go to the pack
    {
        WriterParams small = params;
        small.batchSize = 2;  // three transactions, each appending its batch
        Writer w(path, small);
        w.add(withThumb("/x/1", 1, 10));
        w.add(withThumb("/x/2", 2, 20));
        w.add(record(ds, "/x/3"));  // no thumbnail
        w.add(withThumb("/x/4", 4, 40));
        w.add(withThumb("/x/5", 5, 50));
        w.finish();
    }
    EXPECT_EQ(std::filesystem::file_size(pack), 120u);
    {
        // A killed import's last batch: bytes past the committed length that nothing refers to.
        std::ofstream(pack, std::ios::binary | std::ios::app) << std::string(1000, 'z');
        Writer w(path, params);
        w.add(withThumb("/x/6", 6, 60));
        w.add(withThumb("/x/7", 7, 9));  // under packThumbnailsFrom: stays in the table
        w.finish();
    }
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    auto st = cat.database().prepare(
        "SELECT s.uri, t.pack_offset, t.pack_size, length(t.jpeg) FROM thumbnails t JOIN samples s ON s.id = t.sample_id "
        "ORDER BY s.id");
    std::vector<std::string> rows;
    while (st.step()) rows.push_back(st.text(0) + " " + st.text(1) + " " + st.text(2) + " " + st.text(3));
    EXPECT_EQ(rows, (std::vector<std::string>{"/x/1 0 10 0", "/x/2 10 20 0", "/x/4 30 40 0", "/x/5 70 50 0",
                                              "/x/6 120 60 0", "/x/7 -1 0 9"}));
    EXPECT_EQ(cat.database().scalar("SELECT value FROM project WHERE key = 'thumbnail_pack_bytes'"), 180);
    for (const Sample& s : cat.samples()) {
        const auto t = cat.thumbnail(s.id);
        if (s.uri == "/x/3") {
            EXPECT_FALSE(t);
            continue;
        }
        ASSERT_TRUE(t) << s.uri;
        const std::uint8_t fill = static_cast<std::uint8_t>(s.uri.back() - '0');
        EXPECT_EQ(t->jpeg, std::vector<std::uint8_t>(fill == 7 ? 9u : fill * 10u, fill)) << s.uri;
        EXPECT_EQ(t->width, 8);
        EXPECT_EQ(t->height, 6);
    }
}

TEST(Writer, InlineThumbnailsOfOlderProjectsStayReadableAndAMissingPackReadsAsNone) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    const std::int64_t ds = createWithDataset(path);
    {
        WriterParams params;
        params.packThumbnailsFrom = 1;
        Writer w(path, params);
        SampleRecord r = record(ds, "/x/packed");
        r.thumbnail = Thumbnail{0, 2, 2, {7, 7, 7}};
        w.add(r);
        w.add(record(ds, "/x/inline"));
        w.finish();
    }
    {
        // A row as schema 2 wrote it: the bytes in the jpeg column, no pack offset.
        Catalog cat = Catalog::open(path);
        cat.database().exec("INSERT INTO thumbnails(sample_id, width, height, jpeg) "
                            "SELECT id, 3, 1, x'010203' FROM samples WHERE uri = '/x/inline'");
    }
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    const auto ids = cat.sampleIds();
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(cat.thumbnail(ids[0])->jpeg, (std::vector<std::uint8_t>{7, 7, 7}));
    EXPECT_EQ(cat.thumbnail(ids[1])->jpeg, (std::vector<std::uint8_t>{1, 2, 3}));
    std::filesystem::remove(dir.file("p.winnow.d/thumbnails.pack"));
    Catalog again = Catalog::open(path, Catalog::Mode::ReadOnly);
    EXPECT_FALSE(again.thumbnail(ids[0]));
    EXPECT_EQ(again.thumbnail(ids[1])->jpeg, (std::vector<std::uint8_t>{1, 2, 3}));
}

TEST(Writer, CheckpointsTheWalWhileItWrites) {
    // Checkpoints run on a thread of the writer's own once 1000 WAL frames (4 MiB) are waiting: the
    // project file grows while the writer is still open, not only when the last connection closes.
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    const std::int64_t ds = createWithDataset(path);
    const auto before = std::filesystem::file_size(path);
    Writer w(path);
    for (int i = 0; i < 6000; ++i) {
        SampleRecord r = record(ds, "/x/" + std::to_string(i));
        r.thumbnail = Thumbnail{0, 8, 8, std::vector<std::uint8_t>(1500, static_cast<std::uint8_t>(i))};
        w.add(std::move(r));
    }
    w.flush();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::filesystem::file_size(path) < before + (4u << 20) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_GE(std::filesystem::file_size(path), before + (4u << 20));
    w.finish();
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    EXPECT_EQ(cat.countSamples(), 6000);
    EXPECT_EQ(cat.integrityCheck(), "ok");
}
