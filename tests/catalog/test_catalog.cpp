// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "catalog/schema.h"
#include "catalog/writer.h"
#include "common/error.h"
#include "tempdir.h"

using namespace winnow::catalog;
using winnow::Error;
using winnow::test::TempDir;

namespace {
std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

Sample makeSample(std::int64_t dataset, const std::string& uri, const std::string& sha, const std::string& label,
                  SampleStatus status = SampleStatus::Ok) {
    Sample s;
    s.datasetId = dataset;
    s.uri = uri;
    s.sha512 = sha;
    s.label = label;
    s.status = status;
    s.width = 10;
    s.height = 20;
    s.blur = static_cast<double>(uri.size());
    return s;
}
}  // namespace

TEST(Catalog, CreateSetsSchemaAndRefusesExistingPath) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    {
        Catalog cat = Catalog::create(path);
        EXPECT_EQ(cat.schemaVersion(), currentSchemaVersion());
        EXPECT_EQ(cat.dataDir(), path + ".d");
        EXPECT_EQ(cat.integrityCheck(), "ok");
        EXPECT_TRUE(cat.datasets().empty());
    }
    EXPECT_THROW(Catalog::create(path), Error);
    Catalog again = Catalog::open(path);
    EXPECT_EQ(again.schemaVersion(), currentSchemaVersion());
    Catalog ro = Catalog::open(path, Catalog::Mode::ReadOnly);
    EXPECT_EQ(ro.schemaVersion(), currentSchemaVersion());
}

TEST(Catalog, RefusesFilesThatAreNotProjectsWithoutTouchingThem) {
    TempDir dir;
    const std::string text = dir.file("notes.winnow");
    std::ofstream(text) << "just some text, certainly not a database\n";
    const std::string before = readAll(text);
    try {
        Catalog::open(text);
        FAIL() << "opened a text file";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("not a Winnow project"), std::string::npos) << e.what();
    }
    EXPECT_EQ(readAll(text), before);

    // An SQLite database of another application.
    const std::string other = dir.file("other.db");
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
        sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    const std::string otherBefore = readAll(other);
    EXPECT_THROW(Catalog::open(other), Error);
    EXPECT_EQ(readAll(other), otherBefore);
    EXPECT_THROW(Catalog::open(dir.file("missing.winnow")), Error);
}

TEST(Catalog, RefusesProjectFromNewerSchema) {
    TempDir dir;
    const std::string path = dir.file("p.winnow");
    { Catalog::create(path); }
    {
        Database db(path, false, false);
        db.exec("PRAGMA user_version = " + std::to_string(currentSchemaVersion() + 1));
    }
    try {
        Catalog::open(path);
        FAIL() << "opened a newer project";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("newer Winnow"), std::string::npos) << e.what();
    }
}

TEST(Catalog, MigratesAnOldProjectForward) {
    TempDir dir;
    const std::string path = dir.file("old.winnow");
    {
        // A version-0 project: only the application id is set (as the first release's create did).
        Database db(path, false, true);
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    EXPECT_THROW(Catalog::open(path, Catalog::Mode::ReadOnly), Error);
    Catalog cat = Catalog::open(path);
    EXPECT_EQ(cat.schemaVersion(), currentSchemaVersion());
    EXPECT_EQ(cat.integrityCheck(), "ok");
}

class CatalogWithSamples : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("p.winnow");
        Catalog cat = Catalog::create(path);
        a = cat.ensureDataset("a", "/src/a", "folder");
        b = cat.ensureDataset("b", "/src/b", "csv");
        EXPECT_EQ(cat.ensureDataset("a", "/elsewhere", "csv"), a);
        Writer w(path);
        w.add({makeSample(a, "/src/a/1.png", "aa", "cat"), Thumbnail{0, 4, 3, {1, 2, 3}}});
        w.add({makeSample(a, "/src/a/22.png", "bb", "dog"), std::nullopt});
        w.add({makeSample(a, "/src/a/333.png", "aa", "cat"), std::nullopt});
        w.add({makeSample(b, "/src/b/4444.png", "aa", "dog"), std::nullopt});
        w.add({makeSample(b, "/src/b/bad.png", "", "", SampleStatus::Failed), std::nullopt});
        w.finish();
        EXPECT_EQ(w.inserted(), 5);
    }
    TempDir dir;
    std::string path;
    std::int64_t a = 0, b = 0;
};

TEST_F(CatalogWithSamples, DatasetsCountImportedAndFailed) {
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    auto ds = cat.datasets();
    ASSERT_EQ(ds.size(), 2u);
    EXPECT_EQ(ds[0].name, "a");
    EXPECT_EQ(ds[0].imported, 3);
    EXPECT_EQ(ds[0].failed, 0);
    EXPECT_EQ(ds[1].imported, 1);
    EXPECT_EQ(ds[1].failed, 1);
    EXPECT_EQ(cat.dataset("b")->format, "csv");
    EXPECT_FALSE(cat.dataset("zzz"));
}

TEST_F(CatalogWithSamples, FiltersOrdersAndPages) {
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    EXPECT_EQ(cat.countSamples(), 5);
    SampleFilter f;
    f.datasetId = a;
    EXPECT_EQ(cat.countSamples(f), 3);
    f.label = "cat";
    EXPECT_EQ(cat.countSamples(f), 2);
    SampleFilter ok;
    ok.status = SampleStatus::Ok;
    EXPECT_EQ(cat.countSamples(ok), 4);
    SampleFilter dups;
    dups.exactDuplicatesOnly = true;
    EXPECT_EQ(cat.sampleIds(dups), (std::vector<std::int64_t>{1, 3, 4}));
    SampleFilter byBlur;
    byBlur.order = SampleOrder::Blur;
    byBlur.descending = true;
    auto ids = cat.sampleIds(byBlur);
    EXPECT_EQ(ids.front(), 4);  // longest uri
    EXPECT_EQ(cat.sampleIds({}, 1, 2), (std::vector<std::int64_t>{2, 3}));
    SampleFilter text;
    text.text = "333";
    EXPECT_EQ(cat.sampleIds(text), (std::vector<std::int64_t>{3}));
    SampleFilter blur;
    blur.minBlur = 13;
    blur.maxBlur = 14;
    EXPECT_EQ(cat.sampleIds(blur), (std::vector<std::int64_t>{2, 3, 5}));
    SampleFilter some;
    some.ids = std::vector<std::int64_t>{5, 1};
    EXPECT_EQ(cat.countSamples(some), 2);
    EXPECT_EQ(cat.labels(), (std::vector<std::string>{"cat", "dog"}));
    auto s = cat.samplesByIds({3, 99, 1});
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].uri, "/src/a/333.png");
    EXPECT_EQ(s[1].height, 20);
    auto t = cat.thumbnail(1);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->jpeg, (std::vector<std::uint8_t>{1, 2, 3}));
    EXPECT_FALSE(cat.thumbnail(2));
}

TEST_F(CatalogWithSamples, ExactGroupsAndPhashes) {
    Catalog cat = Catalog::open(path, Catalog::Mode::ReadOnly);
    auto groups = cat.exactDuplicateGroups();
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].sha512, "aa");
    EXPECT_EQ(groups[0].sampleIds, (std::vector<std::int64_t>{1, 3, 4}));
    EXPECT_EQ(cat.exactDuplicateGroups(b).size(), 0u);
    std::vector<std::int64_t> ids;
    std::vector<std::uint64_t> hashes;
    cat.phashes(ids, hashes);
    EXPECT_EQ(ids.size(), 4u);
}

TEST_F(CatalogWithSamples, TagsAreExactlyReversible) {
    Catalog cat = Catalog::open(path);
    EXPECT_EQ(cat.addTag("keep", {1, 2}), (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(cat.addTag("keep", {2, 3}), (std::vector<std::int64_t>{3}));  // 2 had it already
    SampleFilter f;
    f.tag = "keep";
    EXPECT_EQ(cat.countSamples(f), 3);
    EXPECT_EQ(cat.tagsOf(2), (std::vector<std::string>{"keep"}));
    EXPECT_EQ(cat.removeTag("keep", {3, 4}), (std::vector<std::int64_t>{3}));
    EXPECT_EQ(cat.countSamples(f), 2);
    auto tags = cat.tags();
    ASSERT_EQ(tags.size(), 1u);
    EXPECT_EQ(tags[0].count, 2);
    EXPECT_THROW(cat.addTag("", {1}), Error);
}

TEST_F(CatalogWithSamples, SubsetsKeepOrderScoresAndParameters) {
    Catalog cat = Catalog::open(path);
    Subset s;
    s.name = "pick";
    s.method = "random";
    s.paramsJson = R"({"size":2})";
    s.seed = 7;
    cat.saveSubset(s, {{3, 0, 0.5}, {1, 1, 0.25}});
    EXPECT_THROW(cat.saveSubset(s, {}), Error);
    auto got = cat.subset("pick");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->size, 2);
    EXPECT_EQ(got->seed, 7);
    EXPECT_EQ(got->paramsJson, R"({"size":2})");
    auto members = cat.subsetMembers(got->id);
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].sampleId, 3);
    EXPECT_DOUBLE_EQ(members[1].score, 0.25);
    SampleFilter f;
    f.subset = "pick";
    EXPECT_EQ(cat.countSamples(f), 2);
    // Deleting a sample removes its memberships and tags too (foreign keys on).
    cat.addTag("x", {3});
    EXPECT_EQ(cat.deleteSamples({3}), 1);
    EXPECT_EQ(cat.subsetMembers(got->id).size(), 1u);
    EXPECT_EQ(cat.tags()[0].count, 0);
    cat.deleteSubset("pick");
    EXPECT_TRUE(cat.subsets().empty());
    EXPECT_EQ(cat.integrityCheck(), "ok");
}

// The map's selection filters the browser by sample ids: a list of 100,000+ ids is counted and paged
// quickly, combined with the other conditions, and an empty list matches nothing.
TEST(Catalog, IdListFilterScalesTo100kIds) {
    TempDir dir;
    Catalog cat = Catalog::create(dir.file("big.winnow"));
    const std::int64_t dataset = cat.ensureDataset("big", "/data", "folder");
    {
        Database& db = cat.database();
        Transaction tx(db);
        auto insert = db.prepare("INSERT INTO samples(dataset_id, uri, label, status) VALUES (?, ?, ?, 1)");
        for (int i = 0; i < 150000; ++i) {
            insert.reset();
            insert.bind(1, dataset).bind(2, "/data/" + std::to_string(i) + ".jpg").bind(3, i % 2 ? "odd" : "even").run();
        }
        tx.commit();
    }
    std::vector<std::int64_t> ids;
    for (std::int64_t id = 150000; id >= 1; id -= 1) {
        if (id % 3 != 0) ids.push_back(id);  // 100,000 ids, descending: order does not matter
    }
    ASSERT_EQ(ids.size(), 100000u);
    SampleFilter f;
    f.ids = ids;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(cat.countSamples(f), 100000);
    const auto page = cat.sampleIds(f, 60000, 512);  // a page deep in the listing, as the browser reads it
    ASSERT_EQ(page.size(), 512u);
    EXPECT_EQ(page.front() % 3 == 0, false);
    EXPECT_TRUE(std::is_sorted(page.begin(), page.end()));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 2.0) << "count and one page over 100,000 ids";
    f.label = "odd";
    const std::int64_t odd = cat.countSamples(f);
    EXPECT_GT(odd, 49000);
    EXPECT_LT(odd, 51000);
    SampleFilter none;
    none.ids = std::vector<std::int64_t>{};
    EXPECT_EQ(cat.countSamples(none), 0);
    EXPECT_TRUE(cat.sampleIds(none).empty());
}
