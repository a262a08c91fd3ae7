// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/error.h"
#include "reference3.h"
#include "select/d4.h"

using winnow::select::Matrix;
using V = std::vector<std::int64_t>;

// SemDeDup to 90 %, the fixture's Lloyd (k = 8) on what is left, keep the 250 least prototypical. Margins:
// the SemDeDup and k-means ones of the other tests, and >= 6.7e-6 relative between prototype distances.
TEST(SelectD4, MatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference3();
    ASSERT_GT(ref["margins"]["d4 prototypes distance"].get<double>(), 1e-9);
    const auto& r = ref["d4"];
    winnow::select::D4Params p;
    p.dedupKeep = r["dedup_keep"];
    p.clusters = r["clusters"];
    const auto res =
        winnow::select::d4(winnow::test::selectUnit(), ref["clusters"]["assignment"].get<std::vector<int>>(),
                           winnow::test::matrixFromJson(ref["clusters"]["centroids"]), r["size"], p,
                           winnow::test::testKMeans(r["iters"]));
    EXPECT_EQ(res.dedupKept, r["dedup_kept"].get<std::int64_t>());
    EXPECT_EQ(res.selected, r["selected"].get<V>());
    EXPECT_EQ(res.reclustering.centroids.rows, 8);
}

TEST(SelectD4, Errors) {
    const auto& ref = winnow::test::selectReference3();
    const auto a = ref["clusters"]["assignment"].get<std::vector<int>>();
    const Matrix c = winnow::test::matrixFromJson(ref["clusters"]["centroids"]);
    const Matrix& x = winnow::test::selectUnit();
    winnow::select::D4Params p;
    EXPECT_THROW(winnow::select::d4(x, a, c, -1, p, winnow::test::testKMeans(2)), std::invalid_argument);
    p.dedupKeep = 1.5;
    EXPECT_THROW(winnow::select::d4(x, a, c, 10, p, winnow::test::testKMeans(2)), std::invalid_argument);
    p.dedupKeep = 0.5;
    EXPECT_THROW(winnow::select::d4(x, a, c, 10, p, {}), std::invalid_argument);
    auto bad = [](const Matrix&, int, std::uint64_t) { return winnow::select::ClusterResult{}; };
    EXPECT_THROW(winnow::select::d4(x, a, c, 10, p, bad), winnow::Error);
    // A size above what SemDeDup keeps returns everything it kept.
    p.clusters = 4;
    const auto all = winnow::select::d4(x, a, c, 400, p, winnow::test::testKMeans(2));
    EXPECT_EQ(static_cast<std::int64_t>(all.selected.size()), all.dedupKept);
    EXPECT_EQ(all.dedupKept, 200);
}
