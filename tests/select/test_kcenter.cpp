// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "common/error.h"
#include "reference.h"
#include "select/distance.h"
#include "select/kcenter.h"

using winnow::select::kCenterGreedy;
using winnow::select::KCenterParams;
using winnow::select::Matrix;

namespace {

/// Cancels once `after` reports have arrived.
class CancelAfter : public winnow::Progress {
public:
    explicit CancelAfter(std::int64_t after) : m_after(after) {}
    bool isCanceled() const override { return m_reports >= m_after; }
    void report(std::int64_t, std::int64_t, std::string_view) override { ++m_reports; }

private:
    std::int64_t m_after;
    std::int64_t m_reports = 0;
};

Matrix randomMatrix(std::int64_t rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    Matrix m;
    m.rows = rows;
    m.cols = cols;
    m.data.resize(static_cast<std::size_t>(rows) * cols);
    for (auto& v : m.data) v = normal(rng);
    return m;
}

}  // namespace

// Tie margin: the reference's smallest relative gap between winner and runner-up over all steps is
// ref["kcenter"]["min_relative_gap"] (about 1.6e-4), far above the ~1e-15 relative effect of a different
// float64 summation order on the same float32 data, so the orders must agree exactly.
TEST(SelectKCenter, MatchesNumpyReference) {
    const auto& ref = winnow::test::selectReference()["kcenter"];
    ASSERT_GT(ref["min_relative_gap"].get<double>(), 1e-6);
    std::vector<double> radii;
    const auto order =
        kCenterGreedy(winnow::test::selectMixture(), ref["budget"].get<std::int64_t>(),
                      KCenterParams{ref["first"].get<std::int64_t>()}, winnow::nullProgress(), &radii);
    EXPECT_EQ(order, ref["order"].get<std::vector<std::int64_t>>());
    const auto refRadii = ref["radii"].get<std::vector<double>>();
    ASSERT_EQ(radii.size(), refRadii.size());
    for (std::size_t i = 0; i < radii.size(); ++i) EXPECT_NEAR(radii[i], refRadii[i], 1e-9 * refRadii[i]);
}

TEST(SelectKCenter, ThreadedEqualsSerialAndNoRepeats) {
    // 4000 x 96 crosses the two-thread threshold; the same rows shuffled into a small problem would not, so
    // check against a plain O(n*d*b) restatement instead.
    const Matrix x = randomMatrix(4000, 96, 7);
    const auto order = kCenterGreedy(x, 25, KCenterParams{3});
    ASSERT_EQ(order.size(), 25u);
    std::vector<double> mind(4000, INFINITY);
    std::vector<std::int64_t> expect = {3};
    for (std::size_t step = 0; step < 25; ++step) {
        const float* c = x.row(expect.back());
        for (std::int64_t i = 0; i < x.rows; ++i) {
            double s = 0;
            for (int j = 0; j < x.cols; ++j) s += (double(x.row(i)[j]) - c[j]) * (double(x.row(i)[j]) - c[j]);
            mind[i] = std::min(mind[i], std::sqrt(s));
        }
        if (step + 1 < 25) expect.push_back(std::max_element(mind.begin(), mind.end()) - mind.begin());
    }
    EXPECT_EQ(order, expect);
}

TEST(SelectKCenter, BudgetClampedAndDuplicates) {
    Matrix x;
    x.rows = 4;
    x.cols = 1;
    x.data = {0, 5, 5, 1};  // rows 1 and 2 are duplicates
    std::vector<double> radii;
    const auto order = kCenterGreedy(x, 10, {}, winnow::nullProgress(), &radii);
    EXPECT_EQ(order, (std::vector<std::int64_t>{0, 1, 3, 2}));
    EXPECT_EQ(radii, (std::vector<double>{5, 1, 0, 0}));
    EXPECT_TRUE(kCenterGreedy(x, 0).empty());
    EXPECT_THROW(kCenterGreedy(x, -1), std::invalid_argument);
    EXPECT_THROW(kCenterGreedy(x, 2, KCenterParams{4}), std::invalid_argument);
}

TEST(SelectKCenter, CancelThrows) {
    CancelAfter progress(5);
    EXPECT_THROW(kCenterGreedy(winnow::test::selectMixture(), 40, {}, progress), winnow::Canceled);
    winnow::SimpleProgress canceled;
    canceled.cancel();
    EXPECT_THROW(kCenterGreedy(winnow::test::selectMixture(), 40, {}, canceled), winnow::Canceled);
}

// The run-time-dispatched kernel (AVX2 where available) must give exactly the documented summation:
// lane l = j mod 8 summed in order, lanes combined pairwise, no FMA.
TEST(SelectDistance, KernelBitExact) {
    const Matrix x = randomMatrix(64, 37, 11);
    std::vector<double> got(64);
    winnow::select::detail::squaredDistances(x.row(5), x.row(0), 64, 37, got.data());
    for (std::int64_t r = 0; r < 64; ++r) {
        double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int j = 0; j < 37; ++j) {
            volatile double t = double(x.row(r)[j]) - double(x.row(5)[j]);
            volatile double sq = t * t;
            acc[j % 8] = acc[j % 8] + sq;
        }
        const double want = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        EXPECT_EQ(got[static_cast<std::size_t>(r)], want) << r;
    }
}
