// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// nearPairs against the brute force (and the brute force against the definition), on random and
// clustered codes, for the automatic plan and for every strategy forced through NearParams::substrings.
#include <gtest/gtest.h>

#include <stdexcept>

#include "codes_util.h"
#include "dup/neardup.h"

using namespace winnow::dup;
using winnow::dup::test::clusteredCodes;
using winnow::dup::test::naivePairs;
using winnow::dup::test::randomCodes;
using winnow::dup::test::samePairs;

namespace {

/// Substring counts worth forcing at radius r: the multi-index for a few m (kept where the neighbourhood
/// enumeration stays small), and 1 = all pairs.
std::vector<int> strategiesFor(int r) {
    std::vector<int> m{0, 1};
    for (int k : {3, 4, 5, 6, 8, 11, 16, 32, 64})
        if (r / k <= 3 && (r / k <= 2 || k <= 4)) m.push_back(k);
    return m;
}

/// Every strategy, on one worker or three in turn (the merge of several workers' finds is then exercised
/// by every strategy across the calls).
void expectAllStrategiesMatch(const std::vector<std::uint64_t>& codes, int r,
                              const std::vector<NearPair>& expected) {
    int call = 0;
    for (int m : strategiesFor(r)) {
        NearParams params;
        params.maxDistance = r;
        params.threads = ++call % 2 == 0 ? 1 : 3;
        params.substrings = m;
        EXPECT_TRUE(samePairs(nearPairs(codes, params), expected))
            << "n=" << codes.size() << " r=" << r << " substrings=" << m << " threads=" << params.threads;
    }
}

}  // namespace

TEST(NearDup, BruteForceMatchesDefinition) {
    for (std::size_t n : {0u, 1u, 2u, 37u, 700u}) {
        const auto codes = clusteredCodes(n, 20, 12, 1000 + n);
        for (int r : {0, 3, 10, 30, 64})
            EXPECT_TRUE(samePairs(nearPairsBruteForce(codes, r), naivePairs(codes, r)))
                << "n=" << n << " r=" << r;
    }
    // Longer than one block of rows and one tile of columns.
    const auto codes = clusteredCodes(5000, 300, 6, 7);
    EXPECT_TRUE(samePairs(nearPairsBruteForce(codes, 6), naivePairs(codes, 6)));
}

TEST(NearDup, RandomCodesMatchBruteForce) {
    for (std::size_t n : {2u, 50u, 500u, 3000u}) {
        const auto codes = randomCodes(n, 42 + n);
        for (int r : {0, 1, 5, 10, 16, 30}) {
            if (r == 30 && n > 500)
                continue;  // a third of all pairs: 1.5M of them, for nothing the smaller sets do not check
            expectAllStrategiesMatch(codes, r, nearPairsBruteForce(codes, r));
        }
    }
}

TEST(NearDup, ClusteredCodesMatchBruteForce) {
    // Tight clusters (many exact duplicates) and loose ones (pairs straddling the radius).
    const auto tight = clusteredCodes(4000, 60, 3, 11);
    const auto loose = clusteredCodes(3000, 150, 14, 12);
    for (int r : {0, 1, 3, 5, 8, 10, 12, 16}) {
        expectAllStrategiesMatch(tight, r, nearPairsBruteForce(tight, r));
        expectAllStrategiesMatch(loose, r, nearPairsBruteForce(loose, r));
    }
}

TEST(NearDup, ManyExactDuplicates) {
    // A few codes repeated thousands of times, as blank or near-blank images give.
    auto codes = clusteredCodes(600, 30, 2, 5);
    for (int k = 0; k < 1200; ++k)
        codes.push_back(k % 3 == 0 ? 0 : (k % 3 == 1 ? ~std::uint64_t{0} : 0x00FF00FF00FF00FFULL));
    for (int r : {0, 2, 9}) expectAllStrategiesMatch(codes, r, nearPairsBruteForce(codes, r));
}

TEST(NearDup, EdgeCases) {
    EXPECT_TRUE(nearPairs({}).empty());
    EXPECT_TRUE(nearPairs({0x1234}).empty());
    EXPECT_TRUE(nearPairsBruteForce({}, 10).empty());
    EXPECT_TRUE(nearPairsBruteForce({0x1234}, 64).empty());

    const std::vector<std::uint64_t> same(300, 0xDEADBEEFCAFEF00DULL);
    for (int m : {0, 1, 4}) {
        NearParams params;
        params.maxDistance = 0;
        params.substrings = m;
        const auto pairs = nearPairs(same, params);
        ASSERT_EQ(pairs.size(), 300u * 299u / 2);
        EXPECT_TRUE(samePairs(pairs, naivePairs(same, 0)));
    }

    const auto codes = randomCodes(200, 9);
    NearParams all;
    all.maxDistance = 64;
    const auto pairs = nearPairs(codes, all);
    EXPECT_EQ(pairs.size(), 200u * 199u / 2);
    EXPECT_TRUE(samePairs(pairs, naivePairs(codes, 64)));

    // Complementary codes are exactly 64 apart.
    EXPECT_EQ(nearPairs({0, ~std::uint64_t{0}}, all).size(), 1u);
    all.maxDistance = 63;
    EXPECT_TRUE(nearPairs({0, ~std::uint64_t{0}}, all).empty());
}

TEST(NearDup, RejectsBadArguments) {
    NearParams params;
    params.maxDistance = 65;
    EXPECT_THROW(nearPairs({1, 2}, params), std::invalid_argument);
    params.maxDistance = -1;
    EXPECT_THROW(nearPairs({1, 2}, params), std::invalid_argument);
    EXPECT_THROW(nearPairsBruteForce({1, 2}, 65), std::invalid_argument);
    params.maxDistance = 4;
    params.substrings = 2;
    EXPECT_THROW(nearPairs({1, 2}, params), std::invalid_argument);
    params.substrings = 65;
    EXPECT_THROW(nearPairs({1, 2}, params), std::invalid_argument);
}
