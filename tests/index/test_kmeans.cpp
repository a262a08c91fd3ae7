// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <stdexcept>

#include "common/error.h"
#include "fixtures.h"
#include "index/kmeans.h"

using winnow::index::kmeans;
using winnow::index::KMeansInit;
using winnow::index::KMeansParams;
using winnow::index::KMeansResult;
using winnow::select::Matrix;

namespace {

Matrix pick(const Matrix& X, const std::vector<std::int64_t>& rows) {
    Matrix c;
    c.rows = static_cast<std::int64_t>(rows.size());
    c.cols = X.cols;
    for (std::int64_t r : rows) c.data.insert(c.data.end(), X.row(r), X.row(r) + X.cols);
    return c;
}

void expectMatchesNumpy(const KMeansResult& got, const nlohmann::json& want) {
    const auto centroids = want["centroids"].get<std::vector<double>>();
    ASSERT_EQ(got.centroids.data.size(), centroids.size());
    for (std::size_t t = 0; t < centroids.size(); ++t)
        EXPECT_NEAR(got.centroids.data[t], centroids[t], 1e-4) << t;
    EXPECT_EQ(got.assignment, want["assignment"].get<std::vector<int>>());
    const auto distance = want["distance"].get<std::vector<double>>();
    ASSERT_EQ(got.distance.size(), distance.size());
    for (std::size_t t = 0; t < distance.size(); ++t) EXPECT_NEAR(got.distance[t], distance[t], 1e-4) << t;
    const auto objective = want["objective"].get<std::vector<double>>();
    ASSERT_EQ(got.objective.size(), objective.size());
    for (std::size_t t = 0; t < objective.size(); ++t)
        EXPECT_NEAR(got.objective[t], objective[t], 1e-4 * std::abs(objective[t])) << t;
    EXPECT_EQ(got.emptySplits, 0);
}

}  // namespace

TEST(IndexKMeans, MatchesNumpyLloydFromTheSameStart) {
    const auto ref = winnow::test::indexFixture("kmeans_reference.json");
    const Matrix X = winnow::test::indexPoints("kmeans_points.npy");
    KMeansParams p;
    p.k = ref["k"];
    p.iterations = ref["iterations"];
    p.initialCentroids = pick(X, ref["init_rows"].get<std::vector<std::int64_t>>());
    const KMeansResult r = kmeans(X, p);
    EXPECT_EQ(r.trainRows, X.rows);
    expectMatchesNumpy(r, ref["l2"]);
}

TEST(IndexKMeans, SphericalMatchesNumpy) {
    const auto ref = winnow::test::indexFixture("kmeans_reference.json");
    Matrix X = winnow::test::indexPoints("kmeans_points.npy");
    winnow::select::normalizeRows(X);
    KMeansParams p;
    p.k = ref["k"];
    p.iterations = ref["iterations"];
    p.spherical = true;
    p.initialCentroids = pick(X, ref["init_rows"].get<std::vector<std::int64_t>>());
    const KMeansResult r = kmeans(X, p);
    expectMatchesNumpy(r, ref["spherical"]);
    for (std::int64_t c = 0; c < r.centroids.rows; ++c) {
        double n2 = 0;
        for (int t = 0; t < r.centroids.cols; ++t)
            n2 += double(r.centroids.row(c)[t]) * r.centroids.row(c)[t];
        EXPECT_NEAR(n2, 1.0, 1e-5);
    }
}

TEST(IndexKMeans, DeterministicForASeed) {
    const Matrix X = winnow::test::mixture(4000, 16, 12, 31);
    for (KMeansInit init : {KMeansInit::RandomSample, KMeansInit::PlusPlus}) {
        KMeansParams p;
        p.k = 12;
        p.iterations = 8;
        p.init = init;
        p.seed = 77;
        const KMeansResult a = kmeans(X, p);
        const KMeansResult b = kmeans(X, p);
        EXPECT_EQ(a.centroids.data, b.centroids.data);
        EXPECT_EQ(a.assignment, b.assignment);
        EXPECT_EQ(a.objective, b.objective);
        p.seed = 78;
        EXPECT_NE(kmeans(X, p).centroids.data, a.centroids.data);
        // The objective never increases under Lloyd iterations.
        for (std::size_t t = 1; t < a.objective.size(); ++t)
            EXPECT_LE(a.objective[t], a.objective[t - 1] * (1 + 1e-6));
    }
}

TEST(IndexKMeans, PlusPlusPicksDistinctRowsSpreadOverClusters) {
    // 10 far-apart tight blobs: D^2 sampling almost surely puts one centre in each.
    Matrix X = winnow::test::mixture(3000, 8, 10, 41);
    for (float& v : X.data) v *= 10;
    const Matrix c = winnow::index::kmeansPlusPlus(X, 10, 5);
    ASSERT_EQ(c.rows, 10);
    std::set<std::vector<float>> distinct;
    for (std::int64_t i = 0; i < c.rows; ++i) {
        bool isRow = false;
        for (std::int64_t r = 0; r < X.rows && !isRow; ++r)
            isRow = std::equal(c.row(i), c.row(i) + c.cols, X.row(r));
        EXPECT_TRUE(isRow) << i;
        distinct.insert(std::vector<float>(c.row(i), c.row(i) + c.cols));
    }
    EXPECT_EQ(distinct.size(), 10u);
    KMeansParams p;
    p.k = 10;
    p.iterations = 5;
    p.init = KMeansInit::PlusPlus;
    p.seed = 5;
    const KMeansResult r = kmeans(X, p);
    EXPECT_EQ(r.emptySplits, 0);
    EXPECT_EQ(std::set<int>(r.assignment.begin(), r.assignment.end()).size(), 10u);
}

TEST(IndexKMeans, SamplesLikeFaissAndAssignsEveryRow) {
    const Matrix X = winnow::test::mixture(3000, 4, 5, 51);
    KMeansParams p;
    p.k = 5;
    p.iterations = 4;
    p.maxPointsPerCentroid = 100;
    const KMeansResult r = kmeans(X, p);
    EXPECT_EQ(r.trainRows, 500);
    EXPECT_EQ(r.assignment.size(), 3000u);
    EXPECT_EQ(r.distance.size(), 3000u);
    // Each row sits at its nearest centroid.
    for (std::int64_t i = 0; i < X.rows; i += 37) {
        double best = INFINITY;
        for (int c = 0; c < 5; ++c) {
            double s = 0;
            for (int t = 0; t < 4; ++t) s += std::pow(double(X.row(i)[t]) - r.centroids.row(c)[t], 2);
            best = std::min(best, std::sqrt(s));
        }
        EXPECT_NEAR(r.distance[static_cast<std::size_t>(i)], best, 1e-5);
    }
}

TEST(IndexKMeans, EmptyClustersAreSplit) {
    Matrix X = winnow::test::mixture(400, 3, 4, 61);
    for (std::int64_t i = 0; i < X.rows; ++i)  // only four distinct rows
        std::copy(X.row(i % 4), X.row(i % 4) + 3, X.row(i));
    KMeansParams p;
    p.k = 6;
    p.iterations = 3;
    const KMeansResult r = kmeans(X, p);
    EXPECT_GT(r.emptySplits, 0);
}

TEST(IndexKMeans, FunctionWrapperAndErrors) {
    const Matrix X = winnow::test::mixture(600, 5, 3, 71);
    KMeansParams base;
    base.iterations = 6;
    const auto fn = winnow::index::kmeansFunction(base);
    KMeansParams p = base;
    p.k = 3;
    p.seed = 9;
    EXPECT_EQ(fn(X, 3, 9).centroids.data, kmeans(X, p).centroids.data);

    winnow::test::CancelAfter first(0);
    EXPECT_THROW(kmeans(X, p, first), winnow::Canceled);
    winnow::test::CancelAfter later(3);
    EXPECT_THROW(kmeans(X, p, later), winnow::Canceled);
    p.k = 0;
    EXPECT_THROW(kmeans(X, p), std::invalid_argument);
    p.k = 601;
    EXPECT_THROW(kmeans(X, p), std::invalid_argument);
    p.k = 3;
    p.initialCentroids = winnow::test::mixture(2, 5, 1, 1);
    EXPECT_THROW(kmeans(X, p), std::invalid_argument);
    p.initialCentroids = {};
    Matrix bad = X;
    bad.data[3] = std::nanf("");
    EXPECT_THROW(kmeans(bad, p), winnow::Error);
}

TEST(IndexKMeans, NearestCentroidsMatchesBruteForce) {
    const Matrix X = winnow::test::mixture(2000, 10, 6, 81);
    const Matrix C = winnow::test::mixture(7, 10, 6, 82);
    for (bool ip : {false, true}) {
        const std::vector<int> got = winnow::index::nearestCentroids(X, C, ip);
        ASSERT_EQ(got.size(), 2000u);
        for (std::int64_t i = 0; i < X.rows; ++i) {
            int best = 0;
            double bestScore = ip ? -INFINITY : INFINITY;
            for (int c = 0; c < C.rows; ++c) {
                double s = 0;
                for (int t = 0; t < X.cols; ++t) {
                    const double a = X.row(i)[t], b = C.row(c)[t];
                    s += ip ? a * b : (a - b) * (a - b);
                }
                if (ip ? s > bestScore : s < bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            EXPECT_EQ(got[static_cast<std::size_t>(i)], best) << i;
        }
    }
    EXPECT_THROW(winnow::index::nearestCentroids(X, Matrix{}), std::invalid_argument);
    EXPECT_THROW(winnow::index::nearestCentroids(X, winnow::test::mixture(3, 4, 1, 1)),
                 std::invalid_argument);
}
