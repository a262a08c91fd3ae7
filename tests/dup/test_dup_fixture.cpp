// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Cross-check against an independent implementation: the fixtures in tests/data/dup were computed by
// brute force with numpy (make_pairs.py beside them).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "codes_util.h"
#include "dup/neardup.h"

using namespace winnow::dup;
using winnow::dup::test::samePairs;

namespace {

const std::string kDir = std::string(WINNOW_TEST_DATA_DIR) + "/dup/";

std::vector<std::uint64_t> loadCodes(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::uint64_t> codes;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) codes.push_back(std::stoull(line, nullptr, 16));
    return codes;
}

std::vector<NearPair> loadPairs(const std::string& path, int& radius) {
    std::ifstream in(path);
    std::vector<NearPair> pairs;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# radius ", 0) == 0) {
            radius = std::stoi(line.substr(9));
            continue;
        }
        std::istringstream fields(line);
        NearPair p;
        if (fields >> p.i >> p.j >> p.distance) pairs.push_back(p);
    }
    return pairs;
}

}  // namespace

TEST(NearDupFixture, MatchesNumpyBruteForce) {
    const auto codes = loadCodes(kDir + "codes.txt");
    int radius = -1;
    const auto expected = loadPairs(kDir + "pairs.txt", radius);
    ASSERT_EQ(codes.size(), 2000u);
    ASSERT_EQ(radius, 8);
    ASSERT_GT(expected.size(), 1000u);

    EXPECT_TRUE(samePairs(nearPairsBruteForce(codes, radius), expected));
    for (int m : {0, 1, 3, 4, 5, 8}) {
        NearParams params;
        params.maxDistance = radius;
        params.substrings = m;
        EXPECT_TRUE(samePairs(nearPairs(codes, params), expected)) << "substrings=" << m;
    }
}
