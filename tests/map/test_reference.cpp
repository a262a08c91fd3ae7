// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers of core/map against numpy, scipy and scikit-learn (tests/data/map/make_layouts.py).
#include <gtest/gtest.h>

#include <stdexcept>

#include "fixtures.h"
#include "map/knn.h"
#include "map/pca.h"
#include "map/trustworthiness.h"
#include "map/tsne.h"
#include "map/umap.h"

using winnow::select::Matrix;
using winnow::test::mapMixture;
using winnow::test::mapReference;

TEST(MapReference, TrustworthinessMatchesScikitLearn) {
    const Matrix layout = winnow::select::loadNpy(WINNOW_TEST_DATA_DIR "/map/layout.npy");
    for (int k : {5, 10}) {
        const double want = mapReference()["trustworthiness"][std::to_string(k)].get<double>();
        for (int threads : {1, 2})
            EXPECT_NEAR(winnow::map::trustworthiness(mapMixture(), layout, k, threads), want, 1e-12) << k;
    }
}

TEST(MapReference, TrustworthinessBounds) {
    const Matrix& x = mapMixture();
    // The input itself as a 2-D layout of its first two columns is not perfect; X against X is.
    Matrix same = x;
    EXPECT_DOUBLE_EQ(winnow::map::trustworthiness(x, same, 10), 1.0);
    EXPECT_THROW(winnow::map::trustworthiness(x, same, 150), std::invalid_argument);
    EXPECT_THROW(winnow::map::trustworthiness(x, same, 0), std::invalid_argument);
    Matrix wrong;
    wrong.rows = 3;
    wrong.cols = 2;
    wrong.data.assign(6, 0.0f);
    EXPECT_THROW(winnow::map::trustworthiness(x, wrong, 1), std::invalid_argument);
}

TEST(MapReference, PcaMatchesNumpy) {
    const auto& want = mapReference()["pca"];
    for (int threads : {1, 2}) {
        const Matrix got = winnow::map::pca2d(mapMixture(), threads);
        ASSERT_EQ(got.rows, 300);
        ASSERT_EQ(got.cols, 2);
        for (std::int64_t i = 0; i < got.rows; ++i)
            for (int c = 0; c < 2; ++c) {
                const double w = want[static_cast<std::size_t>(i)][static_cast<std::size_t>(c)].get<double>();
                EXPECT_NEAR(got.row(i)[c], w, 1e-4 * (1 + std::abs(w))) << i << "," << c;
            }
    }
}

TEST(MapReference, UmapCurveMatchesCurveFit) {
    for (const auto& c : mapReference()["curve"]) {
        const auto got = winnow::map::fitUmapCurve(c["min_dist"].get<double>(), c["spread"].get<double>());
        EXPECT_NEAR(got.a, c["a"].get<double>(), 1e-5 * c["a"].get<double>());
        EXPECT_NEAR(got.b, c["b"].get<double>(), 1e-5 * c["b"].get<double>());
    }
    const auto d = winnow::map::fitUmapCurve(0.1, 1.0);
    EXPECT_NEAR(d.a, 1.577, 1e-3);
    EXPECT_NEAR(d.b, 0.895, 1e-3);
    EXPECT_THROW(winnow::map::fitUmapCurve(0.1, 0.0), std::invalid_argument);
}

TEST(MapReference, ExactKnnGraphMatchesScikitLearn) {
    const auto& ref = mapReference()["knn15"];
    for (int threads : {1, 2}) {
        const auto g = winnow::map::exactKnnGraph(mapMixture(), 14, threads);
        ASSERT_EQ(g.n, 300);
        ASSERT_EQ(g.k, 14);
        for (std::int64_t i = 0; i < g.n; ++i)
            for (int j = 0; j < g.k; ++j) {
                EXPECT_EQ(
                    g.neighbours(i)[j],
                    ref["ids"][static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<std::int64_t>());
                EXPECT_NEAR(
                    g.distances(i)[j],
                    ref["dist"][static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>(),
                    1e-5);
            }
    }
    EXPECT_THROW(winnow::map::exactKnnGraph(mapMixture(), 300), std::invalid_argument);
}

TEST(MapReference, SmoothKnnMatchesNumpy) {
    const auto& ref = mapReference();
    const auto g = winnow::test::graphFromJson(ref["knn15"]["ids"], ref["knn15"]["dist"]);
    const auto got = winnow::map::smoothKnnDistances(g, 15);
    const auto sigma = ref["smooth_knn"]["sigma"].get<std::vector<double>>();
    const auto rho = ref["smooth_knn"]["rho"].get<std::vector<double>>();
    ASSERT_EQ(got.sigma.size(), sigma.size());
    for (std::size_t i = 0; i < sigma.size(); ++i) {
        EXPECT_NEAR(got.sigma[i], sigma[i], 1e-9 * sigma[i]) << i;
        EXPECT_NEAR(got.rho[i], rho[i], 1e-9 * rho[i]) << i;
    }
    EXPECT_THROW(winnow::map::smoothKnnDistances(g, 16), std::invalid_argument);
}

TEST(MapReference, TsneAffinitiesMatchScikitLearn) {
    const auto& ref = mapReference()["tsne_p"];
    const auto g = winnow::test::graphFromJson(ref["ids"], ref["dist"]);
    const auto offsets = ref["offsets"].get<std::vector<std::int64_t>>();
    const auto cols = ref["cols"].get<std::vector<std::int64_t>>();
    const auto values = ref["values"].get<std::vector<double>>();
    for (int threads : {1, 2}) {
        const auto p = winnow::map::tsneAffinities(g, ref["perplexity"].get<double>(), 30, threads);
        ASSERT_EQ(p.offsets, offsets);
        ASSERT_EQ(p.cols, cols);
        for (std::size_t e = 0; e < values.size(); ++e)
            EXPECT_NEAR(p.values[e], values[e], 1e-6 * values[e]) << e;
    }
}
