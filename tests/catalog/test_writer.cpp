// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <thread>

#include "catalog/catalog.h"
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
}  // namespace

TEST(Writer, KeepsExistingSamplesAndRetriesFailedOnes) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    std::int64_t ds = 0;
    {
        Catalog cat = Catalog::create(path);
        ds = cat.ensureDataset("d", "/x", "folder");
    }
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
    std::int64_t ds = 0;
    {
        Catalog cat = Catalog::create(path);
        ds = cat.ensureDataset("d", "/x", "folder");
    }
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
