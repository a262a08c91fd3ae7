// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <stdexcept>

#include "common/error.h"
#include "fixtures.h"
#include "map/knn.h"
#include "map/trustworthiness.h"
#include "map/umap.h"
#include "map/umapdetail.h"

using winnow::map::UmapParams;
using winnow::select::Matrix;

namespace {

std::vector<int> mixtureLabels() {
    std::vector<int> labels(300);
    for (int i = 0; i < 300; ++i) labels[static_cast<std::size_t>(i)] = i % 5;
    return labels;
}

void expectFinite(const Matrix& m) {
    for (float v : m.data) ASSERT_TRUE(std::isfinite(v));
}

}  // namespace

TEST(MapUmap, SeparatesClustersOfTheMixture) {
    const Matrix& x = winnow::test::mapMixture();
    const Matrix layout = winnow::map::umap(x);
    ASSERT_EQ(layout.rows, 300);
    ASSERT_EQ(layout.cols, 2);
    expectFinite(layout);
    EXPECT_GT(winnow::map::trustworthiness(x, layout, 10), 0.95);
    EXPECT_GE(winnow::test::pureNeighbourhoods(layout, mixtureLabels(), 5), 0.97);
}

// 1,500 points in three overlapping blobs: one connected graph above the dense limit, so the
// initialisation goes through the Lanczos solver.
TEST(MapUmap, LargeConnectedGraph) {
    std::vector<int> labels;
    const Matrix x = winnow::test::makeBlobs(1500, 12, 3, 1.2, 11, &labels);
    UmapParams p;
    p.epochs = 200;
    const Matrix layout = winnow::map::umap(x, p);
    expectFinite(layout);
    EXPECT_GT(winnow::map::trustworthiness(x, layout, 10), 0.80);
}

TEST(MapUmap, LanczosFindsTheLaplacianEigenvectors) {
    const Matrix x = winnow::test::makeBlobs(700, 8, 2, 1.0, 5);
    const auto graph = winnow::map::exactKnnGraph(x, 14);
    const auto kernel = winnow::map::smoothKnnDistances(graph, 15);
    const auto fuzzy = winnow::map::detail::fuzzyGraph(graph, 15, kernel);
    std::int64_t components = 0;
    winnow::map::detail::connectedComponents(fuzzy, &components);
    ASSERT_EQ(components, 1);
    winnow::SimpleProgress progress;
    const auto rows = winnow::map::detail::spectralEmbedding(fuzzy, 3, progress);
    ASSERT_EQ(rows.size(), 1400u);
    // Dense normalised Laplacian and its spectrum as the reference.
    const std::int64_t n = fuzzy.n;
    Eigen::VectorXd degree = Eigen::VectorXd::Zero(n);
    Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n, n);
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t e = fuzzy.offsets[static_cast<std::size_t>(i)];
             e < fuzzy.offsets[static_cast<std::size_t>(i + 1)]; ++e) {
            w(i, fuzzy.cols[static_cast<std::size_t>(e)]) = fuzzy.values[static_cast<std::size_t>(e)];
            degree[i] += fuzzy.values[static_cast<std::size_t>(e)];
        }
    const Eigen::VectorXd s = degree.array().rsqrt();
    const Eigen::MatrixXd laplacian = Eigen::MatrixXd::Identity(n, n) - s.asDiagonal() * w * s.asDiagonal();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(laplacian);
    for (int c = 0; c < 2; ++c) {
        Eigen::VectorXd v(n);
        for (std::int64_t i = 0; i < n; ++i) v[i] = rows[static_cast<std::size_t>(2 * i + c)];
        ASSERT_NEAR(v.norm(), 1.0, 1e-9);
        const double lambda = v.dot(laplacian * v);
        EXPECT_NEAR(lambda, solver.eigenvalues()[c + 1], 1e-5) << c;
        EXPECT_LT((laplacian * v - lambda * v).norm(), 1e-3) << c;
    }
}

TEST(MapUmap, DeterministicForSeedAndThreadCount) {
    const Matrix& x = winnow::test::mapMixture();
    UmapParams p;
    p.epochs = 100;
    p.threads = 1;
    const Matrix one = winnow::map::umap(x, p);
    p.threads = 2;
    const Matrix two = winnow::map::umap(x, p);
    p.threads = 3;
    const Matrix three = winnow::map::umap(x, p);
    EXPECT_EQ(one.data, two.data);
    EXPECT_EQ(one.data, three.data);
    EXPECT_EQ(winnow::map::umap(x, p).data, three.data);
    p.seed = 7;
    EXPECT_NE(winnow::map::umap(x, p).data, one.data);
    // The graph overload with the same exact graph gives the same layout.
    p.seed = 42;
    const auto graph = winnow::map::exactKnnGraph(x, 14);
    EXPECT_EQ(winnow::map::umap(graph, &x, p).data, one.data);
}

TEST(MapUmap, PcaInitialisation) {
    const Matrix& x = winnow::test::mapMixture();
    UmapParams p;
    p.init = winnow::map::UmapInit::Pca;
    const Matrix layout = winnow::map::umap(x, p);
    expectFinite(layout);
    EXPECT_GE(winnow::test::pureNeighbourhoods(layout, mixtureLabels(), 5), 0.97);
    const auto graph = winnow::map::exactKnnGraph(x, 14);
    EXPECT_THROW(winnow::map::umap(graph, nullptr, p), std::invalid_argument);
}

TEST(MapUmap, GraphOnlyWithDisconnectedComponents) {
    // Without the matrix, components are placed on a circle; the result is still finite and separated.
    const Matrix& x = winnow::test::mapMixture();
    const auto graph = winnow::map::exactKnnGraph(x, 14);
    const Matrix layout = winnow::map::umap(graph, nullptr);
    expectFinite(layout);
    EXPECT_GE(winnow::test::pureNeighbourhoods(layout, mixtureLabels(), 5), 0.97);
}

TEST(MapUmap, Cancel) {
    const Matrix& x = winnow::test::mapMixture();
    winnow::test::CancelAfter progress(5);
    EXPECT_THROW(winnow::map::umap(x, {}, progress), winnow::Canceled);
    EXPECT_LE(progress.reports(), 6);
}

TEST(MapUmap, SmallAndBadInputs) {
    Matrix none;
    none.cols = 3;
    EXPECT_EQ(winnow::map::umap(none).rows, 0);
    Matrix two;
    two.rows = 2;
    two.cols = 1;
    two.data = {0, 1};
    EXPECT_EQ(winnow::map::umap(two).rows, 2);
    UmapParams p;
    p.k = 1;
    EXPECT_THROW(winnow::map::umap(winnow::test::mapMixture(), p), std::invalid_argument);
    auto graph = winnow::map::exactKnnGraph(winnow::test::mapMixture(), 5);
    EXPECT_THROW(winnow::map::umap(graph, nullptr), std::invalid_argument);  // needs k-1 = 14 neighbours
    graph.ids[0] = 1000;
    p = {};
    p.k = 6;
    EXPECT_THROW(winnow::map::umap(graph, nullptr, p), std::invalid_argument);
}

TEST(MapUmap, CacheKeyNamesEveryKnobButThreads) {
    UmapParams p;
    const std::string key = winnow::map::cacheKey(p);
    EXPECT_EQ(key,
              "umap1 k=15 min_dist=0.1 spread=1 epochs=0 negative_rate=5 learning_rate=1 "
              "repulsion=1 init=spectral seed=42");
    p.threads = 1;
    EXPECT_EQ(winnow::map::cacheKey(p), key);
    p.seed = 1;
    EXPECT_NE(winnow::map::cacheKey(p), key);
}
