// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "common/error.h"
#include "reference3.h"
#include "select/dot.h"
#include "select/semdedup.h"

using winnow::select::ClusterKeep;
using winnow::select::Matrix;
using winnow::select::SemDedupParams;
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

Matrix fromRows(const std::vector<std::vector<float>>& rows) {
    Matrix m;
    m.rows = static_cast<std::int64_t>(rows.size());
    m.cols = static_cast<int>(rows.at(0).size());
    for (const auto& r : rows) m.data.insert(m.data.end(), r.begin(), r.end());
    return m;
}

Matrix unitCircle(const std::vector<double>& degrees) {
    std::vector<std::vector<float>> rows;
    for (double a : degrees)
        rows.push_back(
            {static_cast<float>(std::cos(a * M_PI / 180)), static_cast<float>(std::sin(a * M_PI / 180))});
    return fromRows(rows);
}

}  // namespace

// Tie margins (make_reference3.py prints them): centroid distances inside a cluster differ by >= 2.4e-4
// relative, the best and second-best earlier similarity by >= 7.7e-5, and every similarity is >= 2.3e-5 away
// from each threshold 1 - eps; float64 summation order changes values by ~1e-16, so orders, duplicate-of
// rows and kept sets must agree exactly.
TEST(SelectSemDedup, MatchesNumpyReference) {
    const auto& m = ref()["margins"];
    ASSERT_GT(m["semdedup centroid distance"].get<double>(), 1e-9);
    ASSERT_GT(m["semdedup duplicate-of"].get<double>(), 1e-9);
    ASSERT_GT(m["semdedup threshold"].get<double>(), 1e-9);
    const Matrix& x = winnow::test::selectUnit();
    for (auto [name, keep] : {std::pair{"hard", ClusterKeep::Hard}, std::pair{"easy", ClusterKeep::Easy},
                              std::pair{"random", ClusterKeep::Random}}) {
        SCOPED_TRACE(name);
        const auto& r = ref()["semdedup"][name];
        SemDedupParams p;
        p.keep = keep;
        p.seed = ref()["semdedup"]["seed"].get<std::uint64_t>();
        const auto s = winnow::select::semDedupScores(x, assignment(), centroids(), p);
        EXPECT_EQ(s.order, r["order"].get<V>());
        EXPECT_EQ(s.duplicateOf, r["duplicate_of"].get<V>());
        ASSERT_EQ(s.maxSimilarity.size(), 400u);
        for (std::size_t i = 0; i < 400; ++i) {
            EXPECT_NEAR(s.centroidDistance[i], r["centroid_distance"][i].get<double>(), 1e-12) << i;
            if (r["max_similarity"][i].is_null())
                EXPECT_EQ(s.maxSimilarity[i], -std::numeric_limits<double>::infinity()) << i;
            else
                EXPECT_NEAR(s.maxSimilarity[i], r["max_similarity"][i].get<double>(), 1e-12) << i;
        }
        for (const auto& [eps, kept] : r["kept"].items())
            EXPECT_EQ(winnow::select::semDedupKept(s, std::stod(eps)), kept.get<V>()) << eps;
    }
    SemDedupParams p;
    p.eps = 0.01;
    EXPECT_EQ(winnow::select::semDedup(x, assignment(), centroids(), p),
              ref()["semdedup"]["hard"]["kept"]["0.01"].get<V>());
}

TEST(SelectSemDedup, EpsForKeepIsExact) {
    const auto s = winnow::select::semDedupScores(winnow::test::selectUnit(), assignment(), centroids());
    for (const auto& [target, reachable] : ref()["semdedup"]["keep_targets"].items()) {
        const auto e = winnow::select::semDedupEpsForKeep(s, std::stoll(target));
        EXPECT_EQ(e.kept, reachable.get<std::int64_t>()) << target;
        EXPECT_EQ(static_cast<std::int64_t>(winnow::select::semDedupKept(s, e.eps).size()), e.kept) << target;
    }
    // Every count from the cluster count to n is reachable here (no ties): exactly the target.
    for (std::int64_t t = 10; t <= 400; t += 7) EXPECT_EQ(winnow::select::semDedupEpsForKeep(s, t).kept, t);
    EXPECT_EQ(winnow::select::semDedupEpsForKeepFraction(s, 0.9).kept, 360);
    EXPECT_THROW(winnow::select::semDedupEpsForKeep(s, -1), std::invalid_argument);
    EXPECT_THROW(winnow::select::semDedupEpsForKeepFraction(s, 1.5), std::invalid_argument);
}

// A, B, C at 0, 5 and 10 degrees: cos(A,B) = cos(B,C) = 0.9962 > 0.99 > cos(A,C) = 0.9848. C is removed as a
// duplicate of B although B itself is removed (M uses every earlier item).
TEST(SelectSemDedup, ChainEffect) {
    const Matrix x = unitCircle({0, 5, 10});
    const Matrix c = unitCircle({30});  // hard order (farthest first): A, B, C
    SemDedupParams p;
    p.eps = 0.01;
    winnow::select::SemDedupScores s;
    EXPECT_EQ(winnow::select::semDedup(x, {0, 0, 0}, c, p, winnow::nullProgress(), &s), (V{0}));
    EXPECT_EQ(s.order, (V{0, 1, 2}));
    EXPECT_EQ(s.duplicateOf, (V{-1, 0, 1}));
    p.keep = ClusterKeep::Easy;  // C, B, A: A goes through B
    EXPECT_EQ(winnow::select::semDedup(x, {0, 0, 0}, c, p, winnow::nullProgress(), &s), (V{2}));
    EXPECT_EQ(s.duplicateOf, (V{1, 2, -1}));
    p.eps = 0.001;  // threshold 0.999: nothing is that close
    EXPECT_EQ(winnow::select::semDedup(x, {0, 0, 0}, c, p), (V{0, 1, 2}));
}

TEST(SelectSemDedup, SingletonsEmptyClustersAndTies) {
    // Rows 0 and 2 identical; cluster 1 has one row; cluster 2 is empty.
    const Matrix x = unitCircle({0, 90, 0, 45});
    const Matrix c = unitCircle({10, 90, 200});
    winnow::select::SemDedupScores s;
    SemDedupParams p;
    p.eps = 0;  // only similarity above 1 would be removed
    const auto kept = winnow::select::semDedup(x, {0, 1, 0, 0}, c, p, winnow::nullProgress(), &s);
    EXPECT_EQ(kept.size(), 4u - (s.maxSimilarity[2] > 1 ? 1u : 0u));
    p.eps = 1e-6;
    EXPECT_EQ(winnow::select::semDedup(x, {0, 1, 0, 0}, c, p), (V{0, 1, 3}));  // tie: row 0 first, kept
    EXPECT_EQ(s.maxSimilarity[1], -std::numeric_limits<double>::infinity());
}

// Clusters bigger than a block (64) and a tile (256), an odd dimension (tail lanes): against a plain
// O(n^2 d) loop. Random Gaussian rows: no ties within ~1e-6, far above the ~1e-16 summation differences.
TEST(SelectSemDedup, LargeClustersMatchBruteForce) {
    std::mt19937 rng(5);
    std::normal_distribution<float> normal;
    Matrix x{700, 37, std::vector<float>(700 * 37)};
    for (auto& v : x.data) v = normal(rng);
    winnow::select::normalizeRows(x);
    std::vector<int> a(700);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = i % 7 == 0 ? 1 : 0;  // 600 and 100 rows
    Matrix c{2, 37, std::vector<float>(x.data.begin(), x.data.begin() + 2 * 37)};
    const auto s = winnow::select::semDedupScores(x, a, c);
    ASSERT_EQ(s.order.size(), 700u);
    std::vector<int> seen(700, 0);
    for (std::size_t p = 0; p < 700; ++p) {
        ++seen[static_cast<std::size_t>(s.order[p])];
        double best = -INFINITY;
        std::int64_t arg = -1;
        for (std::size_t q = 0; q < p; ++q) {
            if (a[static_cast<std::size_t>(s.order[q])] != a[static_cast<std::size_t>(s.order[p])]) continue;
            double dot = 0;
            for (int j = 0; j < 37; ++j) dot += double(x.row(s.order[q])[j]) * x.row(s.order[p])[j];
            if (dot > best) {
                best = dot;
                arg = s.order[q];
            }
        }
        const auto row = static_cast<std::size_t>(s.order[p]);
        if (arg < 0) {
            EXPECT_EQ(s.maxSimilarity[row], -INFINITY);
        } else {
            EXPECT_NEAR(s.maxSimilarity[row], best, 1e-13);
        }
        EXPECT_EQ(s.duplicateOf[row], arg);
    }
    EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 700);
}

TEST(SelectSemDedup, ErrorsAndCancel) {
    const Matrix x = unitCircle({0, 5});
    const Matrix c = unitCircle({30});
    EXPECT_THROW(winnow::select::semDedupScores(x, {0}, c), std::invalid_argument);
    EXPECT_THROW(winnow::select::semDedupScores(x, {0, 1}, c), std::invalid_argument);
    EXPECT_THROW(winnow::select::semDedupScores(x, {0, -1}, c), std::invalid_argument);
    SemDedupParams p;
    p.eps = NAN;
    EXPECT_THROW(winnow::select::semDedup(x, {0, 0}, c, p), std::invalid_argument);
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(
        winnow::select::semDedupScores(winnow::test::selectUnit(), assignment(), centroids(), {}, canceled),
        winnow::Canceled);
}

// The dot kernel behind every cosine selector: the documented summation (lane k mod 8, lanes combined
// pairwise, no FMA), whatever the block shape.
TEST(SelectDot, KernelBitExact) {
    std::mt19937 rng(11);
    std::normal_distribution<float> normal;
    std::vector<float> data(70 * 45);
    for (auto& v : data) v = normal(rng);
    std::vector<const float*> rows(70);
    for (int i = 0; i < 70; ++i) rows[static_cast<std::size_t>(i)] = data.data() + i * 45;
    std::vector<double> got(5 * 70);
    winnow::select::detail::dotBlock(rows.data() + 3, 5, rows.data(), 70, 45, got.data(), 70);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 70; ++j) {
            double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            for (int k = 0; k < 45; ++k) {
                volatile double t = double(rows[3 + i][k]) * double(rows[j][k]);
                acc[k % 8] = acc[k % 8] + t;
            }
            const double want =
                ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
            EXPECT_EQ(got[static_cast<std::size_t>(i * 70 + j)], want) << i << " " << j;
            EXPECT_EQ(winnow::select::detail::dot(rows[3 + i], rows[j], 45), want);
        }
}
