// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/error.h"
#include "reference.h"
#include "select/typicality.h"

using winnow::select::Matrix;
using winnow::select::TypicalityDiversityParams;

namespace {

void expectRelativelyNear(const std::vector<double>& got, const std::vector<double>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-9 * std::abs(want[i])) << i;
}

}  // namespace

TEST(SelectTypicality, MatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference();
    const Matrix& x = winnow::test::selectMixture();
    expectRelativelyNear(winnow::select::typicality(x, 20, false),
                         ref["typicality_k20"].get<std::vector<double>>());
    expectRelativelyNear(winnow::select::typicality(x, 20, true),
                         ref["typicality_k20_squared"].get<std::vector<double>>());
}

// Lightly's black-box vector (ALGORITHMS.md 1.2): values differ from TypiClust's, only the ranking 1 > 2 > 0
// is shared.
TEST(SelectTypicality, LightlyRankOrder) {
    Matrix x;
    x.rows = 3;
    x.cols = 3;
    x.data = {1, 0, 0, 0, 1, 0, 0, 1, 1};
    for (bool squared : {false, true}) {
        const auto t = winnow::select::typicality(x, 2, squared);
        EXPECT_GT(t[1], t[2]);
        EXPECT_GT(t[2], t[0]);
    }
}

TEST(SelectTypicality, BadK) {
    Matrix x;
    x.rows = 3;
    x.cols = 1;
    x.data = {0, 1, 2};
    EXPECT_THROW(winnow::select::typicality(x, 3), std::invalid_argument);
    EXPECT_THROW(winnow::select::typicality(x, 0), std::invalid_argument);
}

// Tie margin as for k-center: the reference's smallest relative gap (about 1e-3) is far above float64
// summation-order noise, so the order must agree exactly.
TEST(SelectTypicalityDiversity, MatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference()["typicality_diversity"];
    ASSERT_GT(ref["min_relative_gap"].get<double>(), 1e-6);
    TypicalityDiversityParams p;
    p.k = ref["k"];
    p.sDiv = ref["s_div"];
    p.sTyp = ref["s_typ"];
    const auto order = winnow::select::typicalityDiversity(winnow::test::selectMixture(), ref["budget"], p);
    EXPECT_EQ(order, ref["order"].get<std::vector<std::int64_t>>());
}

TEST(SelectTypicalityDiversity, StopsEarly) {
    const Matrix& x = winnow::test::selectMixture();
    TypicalityDiversityParams p;
    p.minDistance = 1e9;  // nothing is that far: only the first (most typical) pick
    const auto one = winnow::select::typicalityDiversity(x, 30, p);
    ASSERT_EQ(one.size(), 1u);
    const auto typ = winnow::select::typicality(x, 20);
    EXPECT_EQ(one[0], std::max_element(typ.begin(), typ.end()) - typ.begin());

    Matrix dup;
    dup.rows = 4;
    dup.cols = 1;
    dup.data = {1, 1, 1, 1};
    p = {};
    p.k = 2;
    EXPECT_EQ(winnow::select::typicalityDiversity(dup, 4, p).size(), 1u);  // the rest are at distance 0
}

TEST(SelectTypicalityDiversity, CancelThrows) {
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(winnow::select::typicalityDiversity(winnow::test::selectMixture(), 10, {}, canceled),
                 winnow::Canceled);
}
