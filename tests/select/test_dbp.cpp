// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "common/error.h"
#include "reference3.h"
#include "select/dbp.h"

using winnow::select::DbpDensity;
using winnow::select::DbpParams;
using winnow::select::Matrix;
using V = std::vector<std::int64_t>;

namespace {

const nlohmann::json& ref() {
    return winnow::test::selectReference3();
}

const std::vector<int>& assignment() {
    static const auto a = ref()["clusters"]["assignment"].get<std::vector<int>>();
    return a;
}

const Matrix& centroids() {
    static const Matrix m = winnow::test::matrixFromJson(ref()["clusters"]["centroids"]);
    return m;
}

void expectNear(const std::vector<double>& got, const nlohmann::json& want, double tol, const char* what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i)
        EXPECT_NEAR(got[i], want[i].get<double>(), tol) << what << " " << i;
}

}  // namespace

// The continuous allocation is checked against cvxopt's QP (interior point; it agrees with the exact
// breakpoint projection of the fixture script to <= 1.3e-8) and against that projection to 1e-9. The integer
// quotas and the selection must agree exactly: free coordinates are >= 0.027 from an integer, the fractional
// parts at the largest-remainder cut differ by >= 0.016, and distances to a centroid by >= 2.4e-4 relative.
TEST(SelectDbp, MatchesCvxoptAndNumpyReference) {
    const auto& m = ref()["margins"];
    ASSERT_GT(m["dbp distance to an integer"].get<double>(), 1e-6);
    ASSERT_GT(m["dbp remainder order"].get<double>(), 1e-6);
    ASSERT_GT(m["dbp centroid distance"].get<double>(), 1e-9);
    const Matrix& x = winnow::test::selectUnit();
    for (const auto& c : ref()["dbp"]) {
        SCOPED_TRACE(c["density"].get<std::string>() + " size " + std::to_string(c["size"].get<int>()));
        DbpParams p;
        p.temperature = c["temperature"];
        p.neighbours = c["neighbours"];
        p.classBalanceRatio = c["ratio"];
        const auto density = c["density"].get<std::string>();
        p.density = density == "uniform"       ? DbpDensity::Uniform
                    : density == "clustersize" ? DbpDensity::ClusterSize
                                               : DbpDensity::IntraInter;
        winnow::select::DbpAllocation a;
        const auto selected =
            winnow::select::dbp(x, assignment(), centroids(), c["size"], p, winnow::nullProgress(), &a);
        expectNear(a.intra, c["intra"], 1e-12, "intra");
        expectNear(a.inter, c["inter"], 1e-12, "inter");
        expectNear(a.probability, c["probability"], 1e-12, "probability");
        expectNear(a.lower, c["lower"], 0, "lower");
        expectNear(a.upper, c["upper"], 0, "upper");
        expectNear(a.continuous, c["continuous"], 1e-9, "continuous");
        expectNear(a.continuous, c["cvxopt"], std::max(1e-6, 10 * c["cvxopt_max_difference"].get<double>()),
                   "cvxopt");
        EXPECT_EQ(a.quota, c["quota"].get<V>());
        EXPECT_EQ(selected, c["selected"].get<V>());
        EXPECT_EQ(static_cast<std::int64_t>(selected.size()), c["size"].get<std::int64_t>());
    }
}

TEST(SelectDbp, ProjectionSmallCases) {
    double nu = 0;
    // Unconstrained shift: (0.5, 0.5) + nu summing to 1 with the second capped at 0.2.
    auto x = winnow::select::projectCappedSimplex({0.5, 0.5}, {0, 0}, {1, 0.2}, 1.0, &nu);
    EXPECT_DOUBLE_EQ(x[0], 0.8);
    EXPECT_DOUBLE_EQ(x[1], 0.2);
    EXPECT_DOUBLE_EQ(nu, 0.3);
    x = winnow::select::projectCappedSimplex({3, 1, 0}, {0, 0, 1}, {10, 10, 10}, 6.0);
    EXPECT_NEAR(x[0], 3.5, 1e-12);  // nu = 0.5, third held at its lower bound 1
    EXPECT_NEAR(x[1], 1.5, 1e-12);
    EXPECT_EQ(x[2], 1.0);
    EXPECT_THROW(winnow::select::projectCappedSimplex({1, 1}, {0, 0}, {1, 1}, 3.0), std::invalid_argument);
    EXPECT_THROW(winnow::select::projectCappedSimplex({1}, {2}, {1}, 1.0), std::invalid_argument);
    EXPECT_THROW(winnow::select::projectCappedSimplex({1}, {0, 0}, {1}, 1.0), std::invalid_argument);
    // Largest remainder: 1.5, 2.25, 0.25 -> 1, 2, 0 plus one unit to the first.
    EXPECT_EQ(winnow::select::roundToTotal({1.5, 2.25, 0.25}, {5, 5, 5}, 4), (V{2, 2, 0}));
    EXPECT_EQ(winnow::select::roundToTotal({1.5, 1.5}, {5, 5}, 3), (V{2, 1}));  // tie: lower index
    EXPECT_THROW(winnow::select::roundToTotal({1.5, 1.5}, {5, 5}, 9), std::invalid_argument);
}

TEST(SelectDbp, RandomKeepAndErrors) {
    const Matrix& x = winnow::test::selectUnit();
    DbpParams p;
    p.keep = winnow::select::ClusterKeep::Random;
    p.seed = 4;
    winnow::select::DbpAllocation a;
    const auto sel = winnow::select::dbp(x, assignment(), centroids(), 200, p, winnow::nullProgress(), &a);
    ASSERT_EQ(sel.size(), 200u);
    std::vector<std::int64_t> perCluster(10, 0);
    for (auto r : sel) ++perCluster[static_cast<std::size_t>(assignment()[static_cast<std::size_t>(r)])];
    EXPECT_EQ(perCluster, a.quota);  // the same quotas as Hard; only the members differ
    EXPECT_EQ(winnow::select::dbp(x, assignment(), centroids(), 200, p), sel);        // seeded
    EXPECT_EQ(winnow::select::dbp(x, assignment(), centroids(), 5000).size(), 400u);  // clamped to n
    p = {};
    p.temperature = 0;
    EXPECT_THROW(winnow::select::dbp(x, assignment(), centroids(), 10, p), std::invalid_argument);
    p = {};
    p.classBalanceRatio = 1.5;
    EXPECT_THROW(winnow::select::dbp(x, assignment(), centroids(), 10, p), std::invalid_argument);
    p = {};
    p.classBalanceRatio = 0;  // min_samples 1 in each of 10 clusters > size 5
    EXPECT_THROW(winnow::select::dbp(x, assignment(), centroids(), 5, p), std::invalid_argument);
    EXPECT_THROW(winnow::select::dbp(x, assignment(), centroids(), -1), std::invalid_argument);
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(winnow::select::dbp(x, assignment(), centroids(), 10, {}, canceled), winnow::Canceled);
}
