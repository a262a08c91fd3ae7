// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "common/error.h"
#include "fixtures.h"
#include "index/graphscores.h"
#include "index/knngraph.h"
#include "select/outliers.h"
#include "select/typicality.h"

using winnow::index::knnGraph;
using winnow::index::KnnParams;
using winnow::select::KnnGraph;
using winnow::select::Matrix;

namespace {

double exactDistance(const Matrix& X, std::int64_t i, std::int64_t j) {
    double s = 0;
    for (int t = 0; t < X.cols; ++t) {
        const double v = static_cast<double>(X.row(i)[t]) - X.row(j)[t];
        s += v * v;
    }
    return std::sqrt(s);
}

void expectRelativelyNear(const std::vector<double>& got, const std::vector<double>& want, double tol) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], tol * std::abs(want[i])) << i;
}

/// Tie-tolerant recall of `got` against the exact graph `truth` over all rows.
double recallAgainst(const KnnGraph& got, const KnnGraph& truth) {
    double total = 0;
    for (std::int64_t i = 0; i < got.n; ++i) {
        const std::unordered_set<std::int64_t> set(truth.neighbours(i), truth.neighbours(i) + truth.k);
        const float kth = truth.distances(i)[truth.k - 1];
        int found = 0;
        for (int t = 0; t < got.k; ++t)
            if (set.count(got.neighbours(i)[t]) || got.distances(i)[t] <= kth) ++found;
        total += static_cast<double>(found) / got.k;
    }
    return total / static_cast<double>(got.n);
}

}  // namespace

TEST(IndexKnnGraph, ExactMatchesNumpyBruteForce) {
    const auto ref = winnow::test::indexFixture("knn_reference.json");
    const Matrix X = winnow::test::indexPoints("knn_points.npy");
    const int k = ref["k"];
    const KnnGraph g = knnGraph(X, k);
    EXPECT_TRUE(g.exact);
    EXPECT_EQ(g.recall, 1.0);
    ASSERT_EQ(g.n, X.rows);
    ASSERT_EQ(g.k, k);
    const auto ids = ref["ids"].get<std::vector<std::int64_t>>();
    const auto dist = ref["dist"].get<std::vector<double>>();
    ASSERT_EQ(g.ids.size(), ids.size());
    int mismatches = 0;
    for (std::size_t t = 0; t < ids.size(); ++t) {
        if (g.ids[t] != ids[t] && ++mismatches < 10)
            ADD_FAILURE() << "entry " << t << ": " << g.ids[t] << " vs " << ids[t];
        EXPECT_NEAR(g.dist[t], dist[t], 1e-6 * std::max(1.0, dist[t])) << t;
    }
    EXPECT_EQ(mismatches, 0);
}

TEST(IndexKnnGraph, DuplicatesComeFirstByIdAndSelfIsExcluded) {
    const Matrix X = winnow::test::indexPoints("knn_points.npy");
    const KnnGraph g = knnGraph(X, 10);
    // Rows 300, 1997, 1998 and 1999 are identical: each lists the three others first, by id, at distance 0.
    const std::vector<std::int64_t> group = {300, 1997, 1998, 1999};
    for (std::int64_t i : group) {
        std::vector<std::int64_t> want;
        for (std::int64_t j : group)
            if (j != i) want.push_back(j);
        for (int t = 0; t < 3; ++t) {
            EXPECT_EQ(g.neighbours(i)[t], want[static_cast<std::size_t>(t)]) << i;
            EXPECT_EQ(g.distances(i)[t], 0.0f);
        }
        EXPECT_GT(g.distances(i)[3], 0.0f);
    }
    for (std::int64_t i = 0; i < g.n; ++i)
        for (int t = 0; t < g.k; ++t) ASSERT_NE(g.neighbours(i)[t], i);
}

// More exact duplicates than k + 1 + margin: every neighbour is a copy at distance 0, in id order; which
// copies make the cut is FAISS's float32 choice (the documented limit of tie handling).
TEST(IndexKnnGraph, ManyDuplicatesBeyondTheMargin) {
    Matrix X = winnow::test::mixture(600, 16, 4, 13);
    const std::int64_t copies[] = {5,   50,  77,  100, 120, 150, 160, 170, 180, 190, 200, 210, 220, 230, 240,
                                   250, 260, 270, 280, 290, 300, 310, 320, 330, 340, 350, 360, 370, 380, 390};
    for (std::int64_t c : copies) std::copy(X.row(5), X.row(5) + X.cols, X.row(c));
    const KnnGraph g = knnGraph(X, 10);
    const std::unordered_set<std::int64_t> group(std::begin(copies), std::end(copies));
    for (std::int64_t i : copies) {
        for (int t = 0; t < g.k; ++t) {
            EXPECT_TRUE(group.count(g.neighbours(i)[t])) << i;
            EXPECT_EQ(g.distances(i)[t], 0.0f);
            if (t > 0) {
                EXPECT_LT(g.neighbours(i)[t - 1], g.neighbours(i)[t]);
            }
        }
    }
}

TEST(IndexKnnGraph, ScoresAgreeWithSelectBruteForceAndNumpy) {
    const auto ref = winnow::test::indexFixture("knn_reference.json");
    const Matrix X = winnow::test::indexPoints("knn_points.npy");
    const KnnGraph g = knnGraph(X, 10);
    const int typK = ref["typicality_k"];
    const int outK = ref["outlier_k"];
    const auto typ = winnow::index::typicalityFromGraph(g, typK);
    const auto typSq = winnow::index::typicalityFromGraph(g, typK, true);
    const auto out = winnow::index::outlierScoresFromGraph(g, outK);
    expectRelativelyNear(typ, winnow::select::typicality(X, typK, false), 1e-6);
    expectRelativelyNear(typSq, winnow::select::typicality(X, typK, true), 1e-6);
    expectRelativelyNear(out, winnow::select::outlierScores(X, outK), 1e-6);
    expectRelativelyNear(typ, ref["typicality"].get<std::vector<double>>(), 1e-6);
    expectRelativelyNear(typSq, ref["typicality_squared"].get<std::vector<double>>(), 1e-6);
    expectRelativelyNear(out, ref["outlier"].get<std::vector<double>>(), 1e-6);
    EXPECT_THROW(winnow::index::typicalityFromGraph(g, 11), std::invalid_argument);
    EXPECT_THROW(winnow::index::outlierScoresFromGraph(g, 0), std::invalid_argument);
}

TEST(IndexKnnGraph, ApproximateReachesItsRecallTarget) {
    const Matrix X = winnow::test::mixture(30000, 32, 60, 11);
    KnnParams p;
    p.index.exactBelow = 0;  // force the IVF path on this small set
    p.index.targetRecall = 0.9;
    const KnnGraph approx = knnGraph(X, 10, p);
    ASSERT_FALSE(approx.exact);
    EXPECT_GE(approx.recall, 0.9);
    EXPECT_LE(approx.recall, 1.0);

    p.index.exact = true;
    const KnnGraph exact = knnGraph(X, 10, p);
    ASSERT_TRUE(exact.exact);
    const double full = recallAgainst(approx, exact);
    EXPECT_GE(full, 0.88);  // the sample estimate holds on all rows (within sampling noise)
    EXPECT_NEAR(full, approx.recall, 0.03);

    // Every approximate row is a valid, sorted list with the right distances.
    for (std::int64_t i = 0; i < approx.n; i += 97) {
        for (int t = 0; t < approx.k; ++t) {
            const std::int64_t j = approx.neighbours(i)[t];
            ASSERT_NE(j, i);
            EXPECT_NEAR(approx.distances(i)[t], exactDistance(X, i, j), 1e-5);
            if (t > 0) {
                EXPECT_LE(approx.distances(i)[t - 1], approx.distances(i)[t]);
            }
        }
    }
}

TEST(IndexKnnGraph, Cancel) {
    const Matrix X = winnow::test::mixture(3000, 8, 5, 3);
    winnow::test::CancelAfter first(0);
    EXPECT_THROW(knnGraph(X, 5, {}, first), winnow::Canceled);
    KnnParams p;
    p.index.exactBelow = 0;
    winnow::test::CancelAfter later(4);  // inside the coarse k-means of the IVF build
    EXPECT_THROW(knnGraph(X, 5, p, later), winnow::Canceled);
}

TEST(IndexKnnGraph, BadInput) {
    const Matrix X = winnow::test::mixture(20, 4, 2, 1);
    EXPECT_THROW(knnGraph(X, 0), std::invalid_argument);
    EXPECT_THROW(knnGraph(X, 20), std::invalid_argument);
    EXPECT_EQ(knnGraph(X, 19).k, 19);
    Matrix empty;
    empty.cols = 4;
    EXPECT_EQ(knnGraph(empty, 5).n, 0);
    Matrix bad = X;
    bad.data[5] = std::nanf("");
    EXPECT_THROW(knnGraph(bad, 3), winnow::Error);
}
