// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// embedProject with the real built-in embedder: register + fit once, embed what is missing, resume after a
// cancel to exactly the vectors of an uninterrupted run, refuse a changed embedder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "curate/embedrun.h"
#include "projectfixture.h"

namespace winnow::test {
namespace {

/// Cancels once `after` progress reports of the embedding stage arrived.
class CancelAfter : public SimpleProgress {
public:
    explicit CancelAfter(int after) : m_after(after) {}
    void report(std::int64_t done, std::int64_t total, std::string_view stage) override {
        SimpleProgress::report(done, total, stage);
        if (stage.rfind("embedding", 0) == 0 && ++m_seen >= m_after) cancel();
    }

private:
    int m_after;
    int m_seen = 0;
};

TEST(EmbedRun, BuiltinFitsOnceEmbedsAllAndResumes) {
    PhotoProject p(30, 2);
    curate::EmbedParams params;
    params.batchSize = 8;
    params.commitRows = 8;
    params.threads = 2;
    // Interrupted run: cancel after the first batch; what was committed stays.
    CancelAfter cancel(1);
    auto first = curate::embedProject(p.path, params, cancel);
    EXPECT_TRUE(first.canceled);
    EXPECT_TRUE(first.registered);
    EXPECT_TRUE(first.fitted);
    EXPECT_EQ(first.fitImages, 30);
    EXPECT_EQ(first.embedded, 8);
    // The rest, then nothing left.
    auto second = curate::embedProject(p.path, params);
    EXPECT_FALSE(second.registered);
    EXPECT_FALSE(second.fitted);
    EXPECT_EQ(second.skipped, 8);
    EXPECT_EQ(second.embedded, 22);
    EXPECT_EQ(second.failed, 0);
    auto third = curate::embedProject(p.path, params);
    EXPECT_EQ(third.embedded, 0);
    EXPECT_EQ(third.skipped, 30);

    auto cat = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
    const auto resumed = curate::loadEmbeddings(cat, "builtin", p.ids);
    ASSERT_EQ(resumed.X.rows, 30);
    EXPECT_EQ(resumed.X.cols, first.dim);
    EXPECT_TRUE(resumed.normalized);

    // An uninterrupted run on a copy of the project gives the same vectors (fit and embedding are
    // deterministic), and byte copies get identical vectors.
    PhotoProject q(30, 2);
    auto whole = curate::embedProject(q.path, params);
    EXPECT_EQ(whole.embedded, 30);
    auto catQ = catalog::Catalog::open(q.path, catalog::Catalog::Mode::ReadOnly);
    const auto straight = curate::loadEmbeddings(catQ, "builtin", q.ids);
    EXPECT_EQ(straight.X.data, resumed.X.data);
    const auto samples = cat.samplesByIds(p.ids);
    for (std::size_t i = 0; i < samples.size(); ++i)
        for (std::size_t j = i + 1; j < samples.size(); ++j)
            if (samples[i].sha512 == samples[j].sha512)
                for (int c = 0; c < resumed.X.cols; ++c)
                    EXPECT_EQ(resumed.X.row(static_cast<std::int64_t>(i))[c], resumed.X.row(static_cast<std::int64_t>(j))[c]);
}

TEST(EmbedRun, UnreadableImagesAreCountedAndTheRunGoesOn) {
    PhotoProject p(10, 0);
    {
        auto cat = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
        const auto s = cat.samplesByIds({p.ids[3]}).front();
        std::filesystem::remove(s.uri);  // moved away after the import
    }
    curate::EmbedParams params;
    params.threads = 2;
    const auto r = curate::embedProject(p.path, params);
    EXPECT_EQ(r.failed, 1);
    EXPECT_EQ(r.embedded, 9);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].sampleId, p.ids[3]);
}

TEST(EmbedRun, UnknownEmbeddersAndChangedStateAreRefused) {
    PhotoProject p(6, 0);
    curate::EmbedParams params;
    params.embedder = "nonsense";
    EXPECT_THROW(curate::embedProject(p.path, params), Error);
    params.embedder = p.dir.file("missing.pt");
    EXPECT_THROW(curate::embedProject(p.path, params), Error);
    params.embedder = "builtin";
    curate::embedProject(p.path, params);
    // Corrupt the saved state: the next run must not silently embed into another space.
    auto cat = catalog::Catalog::open(p.path);
    const auto rec = cat.embedder("builtin");
    ASSERT_TRUE(rec);
    ASSERT_FALSE(rec->state.empty());
    {
        std::ofstream f(cat.dataDir() + "/" + rec->state, std::ios::binary | std::ios::trunc);
        f << "garbage";
    }
    EXPECT_THROW(curate::embedProject(p.path, params), Error);
}

}  // namespace
}  // namespace winnow::test
