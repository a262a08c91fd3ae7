// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reference3.h"
#include "select/clusters.h"
#include "select/labelbalance.h"

using V = std::vector<std::int64_t>;

// The ranked variant orders by the prototype distances of the fixture, whose smallest relative gap
// (>= 1.8e-6) is far above rounding: exact agreement.
TEST(SelectLabelBalance, MatchesPythonReference) {
    const auto& ref = winnow::test::selectReference3()["label_balance"];
    const auto labels = ref["labels"].get<std::vector<int>>();
    winnow::select::LabelBalanceParams p;
    p.seed = ref["seed"];
    EXPECT_EQ(winnow::select::labelBalanced(labels, ref["size"], p), ref["random"].get<V>());
    p.scores = winnow::test::selectReference3()["prototypes"]["distance"].get<std::vector<double>>();
    EXPECT_EQ(winnow::select::labelBalanced(labels, ref["size"], p), ref["by_score"].get<V>());
}

TEST(SelectLabelBalance, SmallCasesAndErrors) {
    const std::vector<int> labels{0, 1, 2, 0, 2, 2, -1, -1};
    EXPECT_EQ(winnow::select::labelBalanced(labels, 100).size(), 6u);  // unlabelled rows never selected
    winnow::select::LabelBalanceParams p;
    p.scores = {5, 1, 3, 7, 3, 9, 100, 100};
    // Water-filling 5 over {2, 1, 3}: 2, 1, 2; inside label 2 the scores 3, 3, 9 give 5 then 2 (tie: lower).
    EXPECT_EQ(winnow::select::labelBalanced(labels, 5, p), (V{3, 0, 1, 5, 2}));
    // Without negative labels, the random variant is clusterBalanced.
    const std::vector<int> full{0, 1, 2, 0, 2, 2, 1, 1, 0, 3};
    p = {};
    p.seed = 77;
    EXPECT_EQ(winnow::select::labelBalanced(full, 6, p), winnow::select::clusterBalanced(full, 6, 77));
    EXPECT_THROW(winnow::select::labelBalanced(labels, -1), std::invalid_argument);
    p.scores = {1, 2};
    EXPECT_THROW(winnow::select::labelBalanced(full, 3, p), std::invalid_argument);
    p.scores.assign(full.size(), NAN);
    EXPECT_THROW(winnow::select::labelBalanced(full, 3, p), std::invalid_argument);
}
