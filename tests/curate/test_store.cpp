// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Stored embeddings: append, commit, reload; what a killed run leaves after its last commit is dropped.
#include <gtest/gtest.h>

#include <filesystem>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "projectfixture.h"

namespace winnow::test {
namespace {

namespace fs = std::filesystem;

TEST(EmbeddingStore, RoundTripInAnyOrder) {
    PhotoProject p(12, 0);
    const auto X = gaussian(12, 5, 1);
    p.importVectors("ext", X);
    auto cat = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
    const auto all = curate::loadEmbeddings(cat, "ext");
    ASSERT_EQ(all.ids, p.ids);
    EXPECT_EQ(all.X.data, X.data);
    // A requested order, with an id that has no vector.
    std::vector<std::int64_t> want = {p.ids[3], p.ids[0], 999999, p.ids[11]};
    std::vector<std::int64_t> missing;
    const auto some = curate::loadEmbeddings(cat, "ext", want, &missing);
    ASSERT_EQ(some.X.rows, 3);
    EXPECT_EQ(missing, std::vector<std::int64_t>{999999});
    for (int c = 0; c < 5; ++c) {
        EXPECT_EQ(some.X.row(0)[c], X.row(3)[c]);
        EXPECT_EQ(some.X.row(1)[c], X.row(0)[c]);
        EXPECT_EQ(some.X.row(2)[c], X.row(11)[c]);
    }
    EXPECT_EQ(curate::embeddedIds(cat, "ext"), p.ids);
}

TEST(EmbeddingStore, UncommittedRowsAreDroppedOnReopen) {
    PhotoProject p(10, 0);
    auto cat = catalog::Catalog::open(p.path);
    catalog::EmbedderRecord rec;
    rec.name = "ext";
    rec.dim = 3;
    rec.identityJson = "{}";
    rec.id = cat.addEmbedder(rec);
    const auto X = gaussian(10, 3, 2);
    const std::int64_t ds = cat.samplesByIds({p.ids[0]}).front().datasetId;
    {
        curate::EmbeddingWriter w(cat, ds, rec);
        w.append(p.ids.data(), X.data.data(), 4);
        w.commit();
        w.append(p.ids.data() + 4, X.row(4), 3);  // never committed: as if the process were killed here
    }
    {
        const auto t = curate::loadEmbeddings(cat, "ext");
        EXPECT_EQ(t.X.rows, 4);
    }
    const std::string f32 = cat.dataDir() + "/" + curate::embeddingStem("ext", ds) + ".f32";
    EXPECT_EQ(fs::file_size(f32), 7u * 3 * 4);
    curate::EmbeddingWriter again(cat, ds, rec);
    EXPECT_EQ(again.committedIds().size(), 4u);
    EXPECT_EQ(fs::file_size(f32), 4u * 3 * 4);  // truncated to the committed rows
    again.append(p.ids.data() + 4, X.row(4), 6);
    again.commit();
    const auto t = curate::loadEmbeddings(cat, "ext");
    EXPECT_EQ(t.ids, p.ids);
    EXPECT_EQ(t.X.data, X.data);
}

TEST(EmbeddingStore, ClearErrors) {
    PhotoProject p(6, 0);
    auto cat = catalog::Catalog::open(p.path);
    try {
        curate::loadEmbeddings(cat, "nope");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("winnow-cli embed"), std::string::npos) << e.what();
    }
    p.importVectors("ext", gaussian(6, 2, 3));
    // A vector file shorter than the catalog says is reported, not read past its end.
    const auto rec = cat.embeddings(cat.embedder("ext")->id).front();
    fs::resize_file(cat.dataDir() + "/" + rec.file + ".f32", 8);
    EXPECT_THROW(curate::loadEmbeddings(cat, "ext"), Error);
    curate::removeEmbedder(cat, "ext");
    EXPECT_FALSE(cat.embedder("ext"));
    EXPECT_FALSE(fs::exists(cat.dataDir() + "/" + rec.file + ".f32"));
}

TEST(EmbeddingStore, DeletedSamplesAreLeftOut) {
    PhotoProject p(8, 0);
    p.importVectors("ext", gaussian(8, 2, 4));
    auto cat = catalog::Catalog::open(p.path);
    cat.deleteSamples({p.ids[2]});
    const auto t = curate::loadEmbeddings(cat, "ext");
    EXPECT_EQ(t.X.rows, 7);
    EXPECT_EQ(std::count(t.ids.begin(), t.ids.end(), p.ids[2]), 0);
}

}  // namespace
}  // namespace winnow::test
