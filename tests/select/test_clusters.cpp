// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <stdexcept>

#include "reference.h"
#include "reference2.h"
#include "select/clusters.h"

using winnow::select::Matrix;
using V = std::vector<std::int64_t>;

namespace {

const std::vector<int>& assignment() {
    static const auto a = winnow::test::selectReference2()["clusters"]["assignment"].get<std::vector<int>>();
    return a;
}

Matrix centroids() {
    const auto rows =
        winnow::test::selectReference2()["clusters"]["centroids"].get<std::vector<std::vector<double>>>();
    Matrix m;
    m.rows = static_cast<std::int64_t>(rows.size());
    m.cols = static_cast<int>(rows.at(0).size());
    for (const auto& r : rows)
        for (double v : r) m.data.push_back(static_cast<float>(v));  // stored float32 values: exact
    return m;
}

}  // namespace

TEST(SelectClusters, BalancedMatchesPythonReference) {
    const auto& ref = winnow::test::selectReference2()["cluster_balanced"];
    EXPECT_EQ(winnow::select::clusterBalanced(assignment(), ref["size"], ref["seed"].get<std::uint64_t>()),
              ref["order"].get<V>());
}

TEST(SelectClusters, PruneMatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference2()["cluster_prune"];
    ASSERT_GT(ref["min_relative_gap"].get<double>(), 1e-9);
    const Matrix& x = winnow::test::selectMixture();
    const Matrix c = centroids();
    EXPECT_EQ(winnow::select::clusterPrune(x, assignment(), c, ref["size"], true), ref["farthest"].get<V>());
    EXPECT_EQ(winnow::select::clusterPrune(x, assignment(), c, ref["size"], false), ref["closest"].get<V>());
}

TEST(SelectClusters, SmallCasesAndErrors) {
    // Clusters {0,3}, {1}, {2,4,5}: water-filling 4 -> 2,1,1.
    const std::vector<int> a{0, 1, 2, 0, 2, 2};
    const auto b = winnow::select::clusterBalanced(a, 4, 3);
    ASSERT_EQ(b.size(), 4u);
    EXPECT_EQ(b[2], 1);
    EXPECT_EQ(winnow::select::clusterBalanced(a, 100, 3).size(), 6u);
    Matrix x;
    x.rows = 6;
    x.cols = 1;
    x.data = {0, 5, 1, 2, 3, 9};
    Matrix c;
    c.rows = 3;
    c.cols = 1;
    c.data = {1, 5, 6};  // distances: row0 1, row3 1 (tie), row2 5, row4 3, row5 3 (tie)
    // Largest remainder 3 over {2,1,3}: 1,0.5,1.5 -> 1,0,1 plus one to cluster 1 (tie .5, lower index).
    EXPECT_EQ(winnow::select::clusterPrune(x, a, c, 3, true), (V{0, 1, 2}));
    EXPECT_EQ(winnow::select::clusterPrune(x, a, c, 3, false), (V{0, 1, 4}));
    EXPECT_THROW(winnow::select::clusterPrune(x, {0, 1}, c, 3), std::invalid_argument);
    EXPECT_THROW(winnow::select::clusterBalanced({0, -1}, 1, 0), std::invalid_argument);
    c.rows = 2;
    c.data = {1, 5};
    EXPECT_THROW(winnow::select::clusterPrune(x, a, c, 3), std::invalid_argument);
}
