// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reference.h"
#include "reference2.h"
#include "select/outliers.h"
#include "select/quota.h"

using winnow::select::Matrix;

TEST(SelectOutliers, MatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference2();
    const Matrix& x = winnow::test::selectMixture();
    const auto got = winnow::select::outlierScores(x, 20);
    const auto want = ref["outlier_scores_k20"].get<std::vector<double>>();
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-9 * want[i]) << i;
    // The reference's smallest relative gap between scores is far above float64 summation noise.
    const auto& o = ref["outliers"];
    ASSERT_GT(o["min_relative_gap"].get<double>(), 1e-9);
    EXPECT_EQ(winnow::select::outliers(x, o["size"], o["k"]), o["order"].get<std::vector<std::int64_t>>());
}

TEST(SelectOutliers, SmallCaseAndTies) {
    Matrix x;
    x.rows = 4;
    x.cols = 1;
    x.data = {0, 1, 2, 10};
    const auto s = winnow::select::outlierScores(x, 1);
    EXPECT_DOUBLE_EQ(s[0], 1);
    EXPECT_DOUBLE_EQ(s[1], 1);
    EXPECT_DOUBLE_EQ(s[3], 8);
    // Rows 0, 1, 2 all score 1: lowest index first after the outlier.
    EXPECT_EQ(winnow::select::outliers(x, 3, 1), (std::vector<std::int64_t>{3, 0, 1}));
    EXPECT_EQ(winnow::select::outliers(x, 9, 1).size(), 4u);
    EXPECT_THROW(winnow::select::outliers(x, -1, 1), std::invalid_argument);
    EXPECT_THROW(winnow::select::outlierScores(x, 4), std::invalid_argument);
}

TEST(SelectQuota, MatchesPythonReference) {
    for (const auto& c : winnow::test::selectReference2()["quota_cases"]) {
        const auto sizes = c["sizes"].get<std::vector<std::int64_t>>();
        const std::int64_t total = c["total"];
        EXPECT_EQ(winnow::select::largestRemainderQuotas(sizes, total),
                  c["largest_remainder"].get<std::vector<std::int64_t>>());
        EXPECT_EQ(winnow::select::waterFillingQuotas(sizes, total),
                  c["water_filling"].get<std::vector<std::int64_t>>());
    }
}
