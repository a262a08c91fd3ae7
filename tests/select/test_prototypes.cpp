// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/error.h"
#include "reference3.h"
#include "select/prototypes.h"

using winnow::select::Matrix;
using V = std::vector<std::int64_t>;

// Tie margins: the best and second-best centroid cosine differ by >= 1.9e-3 relative and the distances by
// >= 1.8e-6 relative, far above float64 summation noise: nearest centroids and orders agree exactly.
TEST(SelectPrototypes, MatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference3()["prototypes"];
    const auto& m = winnow::test::selectReference3()["margins"];
    ASSERT_GT(m["prototypes nearest centroid"].get<double>(), 1e-9);
    ASSERT_GT(m["prototypes distance"].get<double>(), 1e-9);
    const Matrix& x = winnow::test::selectUnit();
    const Matrix c = winnow::test::matrixFromJson(ref["centroids"]);
    winnow::select::PrototypeScores s;
    EXPECT_EQ(winnow::select::prototypes(x, c, ref["size"], {}, winnow::nullProgress(), &s),
              ref["hard"].get<V>());
    EXPECT_EQ(s.nearest, ref["nearest"].get<std::vector<int>>());
    for (std::size_t i = 0; i < s.distance.size(); ++i)
        EXPECT_NEAR(s.distance[i], ref["distance"][i].get<double>(), 1e-12) << i;
    winnow::select::PrototypeParams p;
    p.keepHard = false;
    EXPECT_EQ(winnow::select::prototypes(x, c, ref["size"], p), ref["easy"].get<V>());
    EXPECT_EQ(winnow::select::prototypes(x, c, 10000).size(), 400u);
}

TEST(SelectPrototypes, TiesZeroCentroidAndErrors) {
    Matrix x{3, 2, {1, 0, 0, 1, 1, 0}};  // rows 0 and 2 equal
    Matrix c{2, 2, {0, 0, 2, 0}};        // a zero centroid (cosine 0) and one along x
    const auto s = winnow::select::prototypeScores(x, c);
    EXPECT_EQ(s.nearest, (std::vector<int>{1, 0, 1}));  // row 1: both cosines 0, lowest index
    EXPECT_DOUBLE_EQ(s.distance[1], 1.0);
    EXPECT_EQ(winnow::select::prototypes(x, c, 2), (V{1, 0}));
    winnow::select::PrototypeParams p;
    p.keepHard = false;
    EXPECT_EQ(winnow::select::prototypes(x, c, 2, p), (V{0, 2}));
    EXPECT_THROW(winnow::select::prototypes(x, c, -1), std::invalid_argument);
    EXPECT_THROW(winnow::select::prototypeScores(x, Matrix{0, 2, {}}), std::invalid_argument);
    EXPECT_THROW(winnow::select::prototypeScores(x, Matrix{1, 3, {1, 2, 3}}), std::invalid_argument);
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(winnow::select::prototypeScores(x, c, canceled), winnow::Canceled);
}
