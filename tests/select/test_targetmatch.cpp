// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/error.h"
#include "reference3.h"
#include "select/targetmatch.h"

using winnow::select::KnnGraph;
using winnow::select::Matrix;
using V = std::vector<std::int64_t>;

namespace {

const nlohmann::json& ref() {
    return winnow::test::selectReference3()["target_matching"];
}

const Matrix& references() {
    static const Matrix m = winnow::test::matrixFromJson(ref()["references"]);
    return m;
}

}  // namespace

// Tie margin: consecutive similarities in every reference's ranking, down to one past the deepest rank the
// round robin reached, differ by >= 5e-4 relative: the rankings, hence the picks, agree exactly.
TEST(SelectTargetMatch, MatchesNumpyReference) {
    ASSERT_GT(winnow::test::selectReference3()["margins"]["target matching rank"].get<double>(), 1e-9);
    const Matrix& pool = winnow::test::selectUnit();
    const auto r = winnow::select::targetMatch(pool, references(), ref()["size"]);
    EXPECT_EQ(r.selected, ref()["selected"].get<V>());
    EXPECT_EQ(r.reference, ref()["reference"].get<V>());
    EXPECT_FALSE(r.exhausted);
    ASSERT_EQ(r.score.size(), r.selected.size());
    for (std::size_t i = 0; i < r.score.size(); ++i)
        EXPECT_NEAR(r.score[i], ref()["score"][i].get<double>(), 1e-12);
}

TEST(SelectTargetMatch, ShallowListsRunOutOrDeepen) {
    const Matrix& pool = winnow::test::selectUnit();
    const int shallow = ref()["shallow_depth"];
    const KnnGraph lists = winnow::select::rankedNeighbours(pool, references(), shallow);
    ASSERT_EQ(lists.k, shallow);
    const auto r = winnow::select::targetMatch(pool, references(), lists, ref()["size"]);
    EXPECT_TRUE(r.exhausted);
    EXPECT_EQ(r.selected, ref()["shallow_selected"].get<V>());
    EXPECT_EQ(r.reference, ref()["shallow_reference"].get<V>());
    EXPECT_LT(r.selected.size(), 60u);

    // A search callback asked for depth 1, 2, 4, 8, ... until the round robin fills the target.
    std::vector<int> asked;
    winnow::select::TargetMatchParams p;
    p.initialDepth = 1;
    const auto deep = winnow::select::targetMatch(
        pool, references(), ref()["size"],
        [&](int depth) {
            asked.push_back(depth);
            return winnow::select::rankedNeighbours(pool, references(), depth);
        },
        p);
    EXPECT_EQ(deep.selected, ref()["selected"].get<V>());
    EXPECT_FALSE(deep.exhausted);
    ASSERT_GE(asked.size(), 2u);
    for (std::size_t i = 1; i < asked.size(); ++i) EXPECT_EQ(asked[i], 2 * asked[i - 1]);
    EXPECT_EQ(deep.depth, asked.back());
}

TEST(SelectTargetMatch, SmallCasesAndErrors) {
    // Pool on a line; two references: the round robin alternates between their nearest rows.
    Matrix pool{5, 2, {1, 0, 0.9f, 0.1f, 0, 1, 0.1f, 0.9f, 0.7f, 0.7f}};
    Matrix refs{2, 2, {1, 0, 0, 1}};
    auto r = winnow::select::targetMatch(pool, refs, 4);
    EXPECT_EQ(r.selected, (V{0, 2, 1, 3}));
    EXPECT_EQ(r.reference, (V{0, 1, 0, 1}));
    EXPECT_FLOAT_EQ(static_cast<float>(r.score[1]), 1.0f);
    r = winnow::select::targetMatch(pool, refs, 100);  // clamped to the pool
    EXPECT_EQ(r.selected.size(), 5u);
    EXPECT_FALSE(r.exhausted);
    // Ties in a ranking: lowest pool row first.
    Matrix twins{3, 2, {0, 1, 1, 0, 1, 0}};
    const auto lists = winnow::select::rankedNeighbours(twins, Matrix{1, 2, {1, 0}}, 3);
    EXPECT_EQ(lists.ids, (V{1, 2, 0}));
    // Padding ids (-1) are skipped; a list id outside the pool is rejected.
    KnnGraph padded{2, 2, {0, -1, 0, 3}, {0, 0, 0, 0}};
    r = winnow::select::targetMatch(pool, refs, padded, 3);
    EXPECT_EQ(r.selected, (V{0, 3}));
    EXPECT_TRUE(r.exhausted);
    padded.ids[1] = 9;
    EXPECT_THROW(winnow::select::targetMatch(pool, refs, padded, 3), std::invalid_argument);
    EXPECT_THROW(winnow::select::targetMatch(pool, refs, -1), std::invalid_argument);
    EXPECT_THROW(winnow::select::targetMatch(pool, Matrix{1, 3, {1, 0, 0}}, 2), std::invalid_argument);
    EXPECT_TRUE(winnow::select::targetMatch(pool, Matrix{0, 2, {}}, 2).selected.empty());
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(winnow::select::targetMatch(pool, refs, 2, {}, canceled), winnow::Canceled);
}
