// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The clustering-based methods through runMethod equal the core/select functions given the same FAISS
// k-means (the functions themselves are checked against numpy in tests/select), and every method returns
// exactly the size asked for where its definition allows.
#include <gtest/gtest.h>

#include <set>

#include "common/error.h"
#include "curate/methods.h"
#include "index/kmeans.h"
#include "projectfixture.h"
#include "select/clusters.h"
#include "select/semdedup.h"
#include "select/targetmatch.h"

namespace winnow::test {
namespace {

/// Gaussian blobs: 12 centres, 50 points each, with a few exact copies.
select::Matrix blobs() {
    const auto centres = gaussian(12, 16, 7);
    auto noise = gaussian(600, 16, 8);
    for (std::int64_t i = 0; i < noise.rows; ++i)
        for (int c = 0; c < 16; ++c) noise.row(i)[c] = centres.row(i % 12)[c] * 4 + noise.row(i)[c] * 0.5f;
    for (int i = 0; i < 10; ++i) std::copy_n(noise.row(i), 16, noise.row(100 + i));
    return noise;
}

curate::MethodOutput run(const std::string& method, const select::Matrix& X, std::vector<std::string> params,
                         std::int64_t size, std::uint64_t seed = 0, bool normalized = false) {
    curate::SelectionData data;
    data.X = X;
    data.normalized = normalized;
    auto p = curate::MethodParams::fromPairs(params);
    return curate::runMethod(method, data, p, size, seed);
}

TEST(Methods, ClusterMethodsUseTheSameKMeansAsTheFunctions) {
    const auto X = blobs();
    index::KMeansParams kp;
    kp.k = 12;
    kp.seed = 3;
    const auto km = index::kmeans(X, kp);
    const auto balanced = run("cluster-balanced", X, {"k=12"}, 60, 3);
    EXPECT_EQ(balanced.rows, select::clusterBalanced(km.assignment, 60, 3));
    const auto pruned = run("cluster-prune", X, {"k=12", "keep=easy"}, 60, 3);
    EXPECT_EQ(pruned.rows, select::clusterPrune(X, km.assignment, km.centroids, 60, false));

    select::Matrix Y = X;
    select::normalizeRows(Y);
    kp.spherical = true;
    const auto skm = index::kmeans(Y, kp);
    const auto sem = run("semdedup", X, {"k=12", "eps=0.01"}, -1, 3);
    select::SemDedupParams sp;
    sp.eps = 0.01;
    sp.seed = 3;
    EXPECT_EQ(sem.rows, select::semDedup(Y, skm.assignment, skm.centroids, sp));
    EXPECT_LE(sem.rows.size(), 590u);  // the 10 exact copies go at any eps >= 0
}

TEST(Methods, ExactSizesAndDeterminism) {
    const auto X = blobs();
    for (const char* m : {"random", "coreset", "typicality", "typicality-diversity", "outliers", "cluster-balanced",
                          "cluster-prune", "prototypes", "dbp", "hkmeans", "semdedup"}) {
        std::vector<std::string> params;
        if (std::string(m) == "hkmeans") params = {"clusters=24,6"};
        const auto a = run(m, X, params, 37, 5);
        EXPECT_EQ(a.rows.size(), 37u) << m;
        EXPECT_EQ(a.scores.size(), a.rows.size()) << m;
        std::set<std::int64_t> distinct(a.rows.begin(), a.rows.end());
        EXPECT_EQ(distinct.size(), a.rows.size()) << m;
        const auto b = run(m, X, params, 37, 5);
        EXPECT_EQ(a.rows, b.rows) << m;
    }
    const auto d4 = run("d4", X, {"clusters=10"}, 100, 5);
    EXPECT_EQ(d4.rows.size(), 100u);
}

TEST(Methods, TargetMatchingWithAReferenceFile) {
    const auto X = blobs();
    TempDir dir;
    select::Matrix R;
    R.rows = 2;
    R.cols = 16;
    R.data.assign(X.row(0), X.row(0) + 16);
    R.data.insert(R.data.end(), X.row(5), X.row(5) + 16);
    select::saveNpy(dir.file("ref.npy"), R);
    const auto out = run("target", X, {"reference=" + dir.file("ref.npy")}, 10);
    select::Matrix Y = X;
    select::normalizeRows(Y);
    select::normalizeRows(R);
    const auto expected = select::targetMatch(Y, R, 10);
    EXPECT_EQ(out.rows, expected.selected);
    EXPECT_EQ(out.rows.front(), 0);  // the first reference is a pool row
    EXPECT_THROW(run("target", X, {}, 10), Error);
}

TEST(Methods, BadParametersAreErrors) {
    const auto X = blobs();
    EXPECT_THROW(run("cluster-prune", X, {"keep=medium"}, 5), Error);
    EXPECT_THROW(run("prototypes", X, {"k=0"}, 5), Error);
    EXPECT_THROW(run("dbp", X, {"density=fuzzy"}, 5), Error);
    EXPECT_THROW(run("hkmeans", X, {"clusters=a,b"}, 5), Error);
    EXPECT_THROW(run("semdedup", X, {"colour=red"}, 5), Error);
    EXPECT_THROW(run("label-balance", X, {}, 5), Error);  // needs a project
}

}  // namespace
}  // namespace winnow::test
