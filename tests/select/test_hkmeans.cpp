// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "common/error.h"
#include "reference3.h"
#include "select/hkmeans.h"

using winnow::select::HierarchicalSamplingParams;
using winnow::select::Hierarchy;
using winnow::select::HKMeansParams;
using winnow::select::LeafStrategy;
using winnow::select::Matrix;
using V = std::vector<std::int64_t>;

namespace {

const nlohmann::json& ref() {
    return winnow::test::selectReference3();
}

/// The fixture's fixed three-level hierarchy, rebuilt with makeLevel (which sorts the members itself).
Hierarchy fixedHierarchy() {
    Hierarchy h;
    const Matrix* items = &winnow::test::selectUnit();
    for (const auto& level : ref()["hierarchy"]["levels"]) {
        h.push_back(winnow::select::makeLevel(*items, winnow::test::matrixFromJson(level["centroids"]),
                                              level["assignment"].get<std::vector<int>>()));
        items = &h.back().centroids;
    }
    return h;
}

}  // namespace

TEST(SelectHierarchy, BestCutMatchesReference) {
    for (const auto& c : ref()["hierarchy"]["best_cut"]) {
        const auto sizes = c["sizes"].get<V>();
        const std::int64_t target = c["target"];
        EXPECT_EQ(winnow::select::bestCut(sizes, target), c["cut"].get<std::int64_t>()) << c.dump();
        EXPECT_EQ(winnow::select::bestCutQuotas(sizes, target, c["seed"].get<std::uint64_t>()),
                  c["quotas"].get<V>())
            << c.dump();
    }
    EXPECT_EQ(winnow::select::bestCut({}, 5), 0);
    EXPECT_EQ(winnow::select::bestCut({3, 9, 1}, 100), 9);  // everything fits: max
    EXPECT_EQ(winnow::select::bestCut({3, 9, 1}, 6), 2);    // 2 + 2 + 1 = 5 <= 6 < 3 + 3 + 1
    // One unit left for the two sizes above 2, drawn at random.
    const V q = winnow::select::bestCutQuotas({3, 9, 1}, 6, 0);
    EXPECT_TRUE(q == (V{3, 2, 1}) || q == (V{2, 3, 1}));
    EXPECT_EQ(winnow::select::bestCutQuotas({3, 9, 1}, 13, 0), (V{3, 9, 1}));
    EXPECT_THROW(winnow::select::bestCut({-1}, 3), std::invalid_argument);
    EXPECT_THROW(winnow::select::bestCut({1}, -3), std::invalid_argument);
}

// Tie margin: member distances inside every cluster differ by >= 3.5e-9 relative, seven orders of magnitude
// above float64 summation noise, so the member lists (and the positions the random draws index) agree.
TEST(SelectHierarchy, SamplingMatchesReference) {
    ASSERT_GT(ref()["margins"]["hierarchy member order"].get<double>(), 1e-12);
    const Hierarchy h = fixedHierarchy();
    for (std::size_t l = 0; l < h.size(); ++l) {
        const auto& want = ref()["hierarchy"]["levels"][l]["clusters"];
        ASSERT_EQ(h[l].clusters.size(), want.size());
        for (std::size_t c = 0; c < want.size(); ++c)
            EXPECT_EQ(h[l].clusters[c], want[c].get<V>()) << l << " " << c;
    }
    for (const auto& c : ref()["hierarchy"]["cases"]) {
        HierarchicalSamplingParams p;
        p.leaf = c["leaf"] == "c" ? LeafStrategy::Closest : LeafStrategy::Random;
        p.seed = c["seed"];
        const auto got = winnow::select::hierarchicalSampling(h, c["size"], p);
        EXPECT_EQ(got, c["selected"].get<V>()) << c["size"] << c["leaf"];
        EXPECT_EQ(static_cast<std::int64_t>(std::set<std::int64_t>(got.begin(), got.end()).size()),
                  std::min<std::int64_t>(c["size"].get<std::int64_t>(), 400));
    }
}

// The whole pipeline with the fixture's deterministic Lloyd as the k-means: k-means assignments have a
// relative margin >= 5.7e-6 between the nearest and second-nearest centroid, so every step agrees exactly.
TEST(SelectHierarchy, KMeansWithResamplingMatchesReference) {
    ASSERT_GT(ref()["margins"]["kmeans assignment"].get<double>(), 1e-9);
    const auto& r = ref()["hkmeans"];
    HKMeansParams p;
    p.clusters = r["clusters"].get<std::vector<int>>();
    p.resamplingSteps = r["steps"].get<std::vector<int>>();
    p.sampleSize = r["samples"].get<std::vector<int>>();
    p.seed = r["seed"];
    for (auto [name, strategy] : {std::pair{"closest", winnow::select::ResampleStrategy::Closest},
                                  std::pair{"random", winnow::select::ResampleStrategy::Random}}) {
        SCOPED_TRACE(name);
        p.strategy = strategy;
        winnow::SimpleProgress progress;
        const Hierarchy h = winnow::select::hierarchicalKMeans(
            winnow::test::selectUnit(), p, winnow::test::testKMeans(r["iters"]), progress);
        EXPECT_EQ(progress.done(), progress.total());
        ASSERT_EQ(h.size(), 2u);
        for (std::size_t l = 0; l < 2; ++l) {
            const auto& want = r[name][l];
            EXPECT_EQ(h[l].assignment, want["assignment"].get<std::vector<int>>());
            const Matrix c = winnow::test::matrixFromJson(want["centroids"]);
            ASSERT_EQ(h[l].centroids.data.size(), c.data.size());
            for (std::size_t i = 0; i < c.data.size(); ++i)
                EXPECT_FLOAT_EQ(h[l].centroids.data[i], c.data[i]);
            for (std::size_t k = 0; k < h[l].clusters.size(); ++k)
                EXPECT_EQ(h[l].clusters[k], want["clusters"][k].get<V>());
        }
    }
}

TEST(SelectHierarchy, ErrorsAndCancel) {
    const Matrix& x = winnow::test::selectUnit();
    HKMeansParams p;
    p.clusters = {5};
    p.resamplingSteps = {1};
    p.sampleSize = {};
    EXPECT_THROW(winnow::select::hierarchicalKMeans(x, p, winnow::test::testKMeans(2)),
                 std::invalid_argument);
    p.sampleSize = {3};
    p.clusters = {401};
    EXPECT_THROW(winnow::select::hierarchicalKMeans(x, p, winnow::test::testKMeans(2)),
                 std::invalid_argument);
    p.clusters = {5};
    auto bad = [](const Matrix& m, int k, std::uint64_t) {
        winnow::select::ClusterResult r = winnow::test::testLloyd(m, k, 1);
        r.assignment.pop_back();
        return r;
    };
    EXPECT_THROW(winnow::select::hierarchicalKMeans(x, p, bad), winnow::Error);
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(winnow::select::hierarchicalKMeans(x, p, winnow::test::testKMeans(2), canceled),
                 winnow::Canceled);
    Hierarchy h = fixedHierarchy();
    EXPECT_THROW(winnow::select::hierarchicalSampling(h, -1), std::invalid_argument);
    h[1].clusters[0].push_back(h[1].clusters[1].at(0));  // a level-1 cluster under two parents
    EXPECT_THROW(winnow::select::hierarchicalSampling(h, 10), std::invalid_argument);
    EXPECT_TRUE(winnow::select::hierarchicalSampling({}, 10).empty());
}
