// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <stdexcept>

#include "common/error.h"
#include "fixtures.h"
#include "map/knn.h"
#include "map/random.h"
#include "map/trustworthiness.h"
#include "map/tsne.h"
#include "map/tsnedetail.h"

using winnow::map::TsneGradient;
using winnow::map::TsneParams;
using winnow::select::Matrix;

namespace {

std::vector<int> mixtureLabels() {
    std::vector<int> labels(300);
    for (int i = 0; i < 300; ++i) labels[static_cast<std::size_t>(i)] = i % 5;
    return labels;
}

}  // namespace

TEST(MapTsne, SeparatesClustersOfTheMixture) {
    const Matrix& x = winnow::test::mapMixture();
    const Matrix layout = winnow::map::tsne(x);  // 300 samples: exact gradient
    ASSERT_EQ(layout.rows, 300);
    for (float v : layout.data) ASSERT_TRUE(std::isfinite(v));
    EXPECT_GT(winnow::map::trustworthiness(x, layout, 10), 0.95);
    EXPECT_GE(winnow::test::pureNeighbourhoods(layout, mixtureLabels(), 5), 0.97);
}

TEST(MapTsne, FftGradientSeparatesClusters) {
    std::vector<int> labels;
    const Matrix x = winnow::test::makeBlobs(1100, 10, 4, 4.0, 3, &labels);
    TsneParams p;
    p.gradient = TsneGradient::Fft;
    p.iterations = 350;
    const Matrix layout = winnow::map::tsne(x, p);
    for (float v : layout.data) ASSERT_TRUE(std::isfinite(v));
    EXPECT_GT(winnow::map::trustworthiness(x, layout, 10), 0.90);
    EXPECT_GE(winnow::test::pureNeighbourhoods(layout, labels, 5), 0.97);
}

// The interpolated repulsion agrees with the all-pairs sums on a spread-out random layout: with FIt-SNE's
// defaults (3 nodes per interval, one interval per unit) to about 1 % (RMS of the forces), and the error
// falls with more nodes.
TEST(MapTsne, FftRepulsionMatchesExact) {
    winnow::map::detail::Rng rng(1, 2);
    std::vector<double> y(2 * 2000);
    for (std::size_t i = 0; i < y.size(); i += 2) {
        const double cluster = static_cast<double>((i / 2) % 4);
        y[i] = 15 * std::cos(cluster) + 3 * rng.normal();
        y[i + 1] = 15 * std::sin(cluster) + 3 * rng.normal();
    }
    winnow::map::detail::WorkerPool pool(2);
    std::vector<double> exact, fft;
    const double zExact = winnow::map::detail::exactRepulsion(y, exact, pool);
    for (int points : {3, 5}) {
        winnow::map::detail::FftRepulsion interpolated(points, 50, 1);
        const double zFft = interpolated.compute(y, fft, pool);
        EXPECT_EQ(interpolated.intervals(), 54);  // the least 2^a 3^b >= 50
        EXPECT_NEAR(zFft, zExact, (points == 3 ? 2e-3 : 1e-4) * zExact);
        double error = 0, norm = 0;
        for (std::size_t t = 0; t < y.size(); ++t) {
            error += (exact[t] - fft[t]) * (exact[t] - fft[t]);
            norm += exact[t] * exact[t];
        }
        EXPECT_LT(std::sqrt(error / norm), points == 3 ? 2e-2 : 2e-3);
    }
}

TEST(MapTsne, DeterministicForSeedAndThreadCount) {
    const Matrix x = winnow::test::makeBlobs(1100, 8, 3, 3.0, 9);
    for (TsneGradient gradient : {TsneGradient::Exact, TsneGradient::Fft}) {
        TsneParams p;
        p.gradient = gradient;
        p.iterations = 40;
        p.exaggerationIterations = 20;
        p.threads = 1;
        const Matrix one = winnow::map::tsne(x, p);
        p.threads = 2;
        const Matrix two = winnow::map::tsne(x, p);
        EXPECT_EQ(one.data, two.data);
        p.threads = 3;
        EXPECT_EQ(winnow::map::tsne(x, p).data, one.data);
    }
    TsneParams p;
    p.init = winnow::map::TsneInit::Random;
    p.iterations = 10;
    const Matrix& m = winnow::test::mapMixture();
    const Matrix a = winnow::map::tsne(m, p);
    EXPECT_EQ(winnow::map::tsne(m, p).data, a.data);
    p.seed = 5;
    EXPECT_NE(winnow::map::tsne(m, p).data, a.data);
}

TEST(MapTsne, GraphInputAndRandomInit) {
    const Matrix& x = winnow::test::mapMixture();
    const auto graph = winnow::map::exactKnnGraph(x, 90);
    TsneParams p;
    EXPECT_THROW(winnow::map::tsne(graph, nullptr, p), std::invalid_argument);  // PCA needs the matrix
    EXPECT_EQ(winnow::map::tsne(graph, &x, p).data, winnow::map::tsne(x, p).data);
    p.init = winnow::map::TsneInit::Random;
    const Matrix layout = winnow::map::tsne(graph, nullptr, p);
    EXPECT_GE(winnow::test::pureNeighbourhoods(layout, mixtureLabels(), 5), 0.97);
}

TEST(MapTsne, Cancel) {
    winnow::test::CancelAfter progress(10);
    EXPECT_THROW(winnow::map::tsne(winnow::test::mapMixture(), {}, progress), winnow::Canceled);
    EXPECT_LE(progress.reports(), 11);
}

TEST(MapTsne, BadParameters) {
    TsneParams p;
    p.perplexity = 0;
    EXPECT_THROW(winnow::map::tsne(winnow::test::mapMixture(), p), std::invalid_argument);
    p = {};
    p.interpolationPoints = 1;
    EXPECT_THROW(winnow::map::tsne(winnow::test::mapMixture(), p), std::invalid_argument);
    Matrix one;
    one.rows = 1;
    one.cols = 2;
    one.data = {1, 2};
    EXPECT_EQ(winnow::map::tsne(one).data, std::vector<float>({0, 0}));
}

TEST(MapTsne, CacheKey) {
    TsneParams p;
    EXPECT_EQ(winnow::map::cacheKey(p),
              "tsne1 perplexity=30 neighbours=0 exaggeration=12 exaggeration_iterations=250 iterations=750 "
              "learning_rate=0 early_momentum=0.5 momentum=0.8 min_gain=0.01 init=pca gradient=auto "
              "interpolation_points=3 min_intervals=50 intervals_per_unit=1 seed=42");
}
