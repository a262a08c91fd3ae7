// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>

#include "select/quota.h"

using winnow::select::largestRemainderQuotas;
using winnow::select::waterFillingQuotas;
using V = std::vector<std::int64_t>;

// Hand-computed: {5,3,2} -> 5 is 2.5, 1.5, 1.0; floors 2,1,1; the tied 0.5 fractions go to the lower index.
TEST(SelectQuota, LargestRemainderHandCases) {
    EXPECT_EQ(largestRemainderQuotas({5, 3, 2}, 5), (V{3, 1, 1}));
    EXPECT_EQ(largestRemainderQuotas({1, 1, 1}, 2), (V{1, 1, 0}));
    EXPECT_EQ(largestRemainderQuotas({6, 3, 1}, 4), (V{3, 1, 0}));      // fractions .4 .2 .4: tie to index 0
    EXPECT_EQ(largestRemainderQuotas({7, 2, 1}, 5), (V{4, 1, 0}));      // 3.5 1.0 .5: .5 tie to index 0
    EXPECT_EQ(largestRemainderQuotas({10, 0, 7}, 100), (V{10, 0, 7}));  // clamped to the sum
    EXPECT_EQ(largestRemainderQuotas({0, 0}, 3), (V{0, 0}));
    EXPECT_EQ(largestRemainderQuotas({}, 3), V{});
    EXPECT_EQ(largestRemainderQuotas({4, 4}, 0), (V{0, 0}));
}

// Hand-computed: {10,2,5} -> 9: level 4 (filled 10 >= 9 > filled(3) = 8); 3,2,3 plus one to group 0.
TEST(SelectQuota, WaterFillingHandCases) {
    EXPECT_EQ(waterFillingQuotas({10, 2, 5}, 9), (V{4, 2, 3}));
    EXPECT_EQ(waterFillingQuotas({10, 2, 5}, 6), (V{2, 2, 2}));
    EXPECT_EQ(waterFillingQuotas({1, 8, 8, 3}, 10), (V{1, 3, 3, 3}));
    EXPECT_EQ(waterFillingQuotas({1, 8, 8, 3}, 11), (V{1, 4, 3, 3}));
    EXPECT_EQ(waterFillingQuotas({3, 3, 3}, 4), (V{2, 1, 1}));
    EXPECT_EQ(waterFillingQuotas({1, 8, 8, 3}, 100), (V{1, 8, 8, 3}));
    EXPECT_EQ(waterFillingQuotas({1, 8}, 0), (V{0, 0}));
    EXPECT_EQ(waterFillingQuotas({}, 5), V{});
}

TEST(SelectQuota, InvariantsOnManyCases) {
    for (std::int64_t a = 0; a < 7; ++a)
        for (std::int64_t b = 0; b < 7; ++b)
            for (std::int64_t total = 0; total < 16; ++total) {
                const V sizes{a, 3, b, 1};
                const std::int64_t want = std::min<std::int64_t>(total, a + b + 4);
                for (const V& q : {largestRemainderQuotas(sizes, total), waterFillingQuotas(sizes, total)}) {
                    ASSERT_EQ(std::accumulate(q.begin(), q.end(), std::int64_t{0}), want);
                    for (std::size_t i = 0; i < q.size(); ++i) {
                        EXPECT_GE(q[i], 0);
                        EXPECT_LE(q[i], sizes[i]);
                    }
                }
            }
}

TEST(SelectQuota, Errors) {
    EXPECT_THROW(largestRemainderQuotas({1, -1}, 1), std::invalid_argument);
    EXPECT_THROW(largestRemainderQuotas({1}, -1), std::invalid_argument);
    EXPECT_THROW(waterFillingQuotas({-2}, 1), std::invalid_argument);
    EXPECT_THROW(waterFillingQuotas({2}, -1), std::invalid_argument);
}
