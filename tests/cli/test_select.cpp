// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// winnow-cli select --embeddings against the numpy reference of tests/data/select/make_reference.py.
#include <gtest/gtest.h>

#include <fstream>

#include "clirunner.h"

using winnow::test::runCli;

namespace {
const std::string kMatrix = std::string(WINNOW_TEST_DATA_DIR) + "/select/mixture.npy";

nlohmann::json reference() {
    std::ifstream in(std::string(WINNOW_TEST_DATA_DIR) + "/select/reference.json");
    return nlohmann::json::parse(in);
}

std::vector<std::int64_t> indices(const nlohmann::json& out) {
    std::vector<std::int64_t> v;
    for (const auto& s : out["selected"]) v.push_back(s["index"]);
    return v;
}
}  // namespace

TEST(CliSelect, CoresetAndTypicalityDiversityMatchTheNumpyReference) {
    const auto ref = reference();
    auto r = runCli({"select", "--embeddings", kMatrix, "--method", "coreset", "--size", "40", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(indices(r.json()), ref["kcenter"]["order"].get<std::vector<std::int64_t>>());
    EXPECT_EQ(r.json()["rows"], 300);

    r = runCli({"select", "--embeddings", kMatrix, "--method", "typicality-diversity", "--size", "30", "--param",
                "k=20", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(indices(r.json()), ref["typicality_diversity"]["order"].get<std::vector<std::int64_t>>());

    r = runCli({"select", "--embeddings", kMatrix, "--method", "typicality", "--size", "10", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto typ = ref["typicality_k20"].get<std::vector<double>>();
    double previous = 1e300;
    for (const auto& s : r.json()["selected"]) {
        EXPECT_NEAR(s["score"].get<double>(), typ[s["index"].get<std::size_t>()], 1e-9 * typ[s["index"].get<std::size_t>()]);
        EXPECT_LE(s["score"].get<double>(), previous);
        previous = s["score"];
    }
}

TEST(CliSelect, OutliersMatchTheNumpyReference) {
    std::ifstream in(std::string(WINNOW_TEST_DATA_DIR) + "/select/reference2.json");
    const auto ref = nlohmann::json::parse(in);
    auto r = runCli({"select", "--embeddings", kMatrix, "--method", "outliers", "--size", "15", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(indices(r.json()), ref["outliers"]["order"].get<std::vector<std::int64_t>>());
}

TEST(CliSelect, RandomIsSeededAndBadArgumentsAreRefused) {
    auto a = runCli({"select", "--embeddings", kMatrix, "--method", "random", "--size", "20", "--seed", "7", "--json"});
    auto b = runCli({"select", "--embeddings", kMatrix, "--method", "random", "--size", "5", "--seed", "7", "--json"});
    ASSERT_EQ(a.exitCode, 0) << a.err;
    auto first = indices(a.json());
    first.resize(5);
    EXPECT_EQ(indices(b.json()), first);  // a smaller size is a prefix
    EXPECT_EQ(runCli({"select", "--embeddings", kMatrix, "--method", "magic", "--size", "5"}).exitCode, 2);
    EXPECT_EQ(runCli({"select", "--embeddings", kMatrix, "--method", "coreset", "--size", "5", "--param", "zz=1"}).exitCode, 2);
    EXPECT_EQ(runCli({"select", "--method", "coreset", "--size", "5"}).exitCode, 2);
    auto missing = runCli({"select", "--embeddings", "/no/such.npy", "--method", "random", "--size", "5"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.err.find("/no/such.npy"), std::string::npos) << missing.err;
}
