// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Recipes on a real project: pool, filters, selector, size; results equal the selection functions applied
// by hand to the same pool; saved subsets keep the canonical recipe.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "curate/methods.h"
#include "curate/recipe.h"
#include "projectfixture.h"
#include "select/random.h"
#include "select/typicality.h"

namespace winnow::test {
namespace {

using nlohmann::json;

curate::Recipe parse(const char* text) { return curate::parseRecipe(json::parse(text)); }

TEST(Recipe, ParseRejectsMistakesByName) {
    auto message = [](const char* text) {
        try {
            parse(text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message(R"({"sizes": 3})").find("sizes"), std::string::npos);
    EXPECT_NE(message(R"({"size": -1})").find("size"), std::string::npos);
    EXPECT_NE(message(R"({"size": 3, "fraction": 0.5})").find("not both"), std::string::npos);
    EXPECT_NE(message(R"({"fraction": 2})").find("fraction"), std::string::npos);
    EXPECT_NE(message(R"({"filters": [{"filter": "blurry"}]})").find("blurry"), std::string::npos);
    EXPECT_NE(message(R"({"filters": [{"min_blur": 3}]})").find("filters[0]"), std::string::npos);
    EXPECT_NE(message(R"({"select": {"method": "magic"}})").find("magic"), std::string::npos);
    EXPECT_NE(message(R"({"pool": {"colour": "red"}})").find("colour"), std::string::npos);
    EXPECT_NE(message(R"([1, 2])").find("object"), std::string::npos);
    // Canonical form round trip.
    const auto r = parse(R"({"select": {"method": "typicality", "params": {"k": 5}}, "size": 4, "seed": 7})");
    EXPECT_EQ(curate::recipeJson(curate::parseRecipe(curate::recipeJson(r))), curate::recipeJson(r));
}

TEST(Recipe, RandomOverThePoolMatchesRandomSubset) {
    PhotoProject p(24, 3);
    auto cat = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
    const auto result = curate::runRecipe(cat, parse(R"({"select": {"method": "random"}, "size": 5, "seed": 11})"));
    const auto rows = select::randomSubset(static_cast<std::int64_t>(p.ids.size()), 5, 11);
    ASSERT_EQ(result.ids.size(), 5u);
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(result.ids[i], p.ids[static_cast<std::size_t>(rows[i])]);
    EXPECT_EQ(result.poolSize, 24);
}

TEST(Recipe, FiltersThenSelectorEqualTheSameStepsByHand) {
    PhotoProject p(24, 3);
    const auto X = gaussian(24, 6, 5);
    p.importVectors("ext", X);
    auto cat = catalog::Catalog::open(p.path);
    const auto recipe = parse(R"({
        "embedder": "ext",
        "filters": [{"filter": "metadata", "label": "a"}, {"filter": "dedup-exact"}],
        "select": {"method": "typicality", "params": {"k": 3}},
        "size": 3})");
    const auto result = curate::runRecipe(cat, recipe);
    ASSERT_EQ(result.stages.size(), 3u);
    // By hand: label a, then one per SHA-512 (lowest id kept), then typicality top 3.
    std::vector<std::int64_t> pool;
    std::vector<std::string> seen;
    for (const auto& s : cat.samplesByIds(p.ids)) {
        if (s.label != "a") continue;
        if (std::find(seen.begin(), seen.end(), s.sha512) != seen.end()) continue;
        seen.push_back(s.sha512);
        pool.push_back(s.id);
    }
    EXPECT_EQ(result.stages[0].out, 8);  // 7 photos + 1 copy labelled a
    EXPECT_EQ(result.stages[1].out, static_cast<std::int64_t>(pool.size()));
    EXPECT_EQ(result.stages[1].out, 7);
    const auto table = curate::loadEmbeddings(cat, "ext", pool);
    const auto typ = select::typicality(table.X, 3);
    std::vector<std::int64_t> order(pool.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return typ[a] > typ[b]; });
    ASSERT_EQ(result.ids.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(result.ids[i], pool[static_cast<std::size_t>(order[i])]);
        EXPECT_DOUBLE_EQ(result.scores[i], typ[static_cast<std::size_t>(order[i])]);
    }
    // Same recipe, same subset; saved with its canonical JSON, rank and score.
    const auto again = curate::runRecipe(cat, recipe);
    EXPECT_EQ(again.ids, result.ids);
    curate::saveSelection(cat, "typical-a", result);
    const auto subset = cat.subset("typical-a");
    ASSERT_TRUE(subset);
    EXPECT_EQ(subset->method, "typicality");
    EXPECT_EQ(json::parse(subset->paramsJson), curate::recipeJson(recipe));
    const auto members = cat.subsetMembers(subset->id);
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(members[1].sampleId, result.ids[1]);
    EXPECT_EQ(members[1].rank, 1);
    EXPECT_THROW(curate::saveSelection(cat, "typical-a", result), Error);
    EXPECT_NO_THROW(curate::saveSelection(cat, "typical-a", result, true));
}

TEST(Recipe, FractionQualityAndSubsetPools) {
    PhotoProject p(20, 0);
    auto cat = catalog::Catalog::open(p.path);
    // Fraction of what the filters leave.
    auto r = curate::runRecipe(cat, parse(R"({"filters": [{"filter": "quality", "min_width": 66}], "fraction": 0.5})"));
    std::int64_t wide = 0;
    for (const auto& s : cat.samplesByIds(p.ids)) wide += s.width >= 66;
    EXPECT_EQ(r.stages[0].out, wide);
    EXPECT_EQ(static_cast<std::int64_t>(r.ids.size()), static_cast<std::int64_t>(std::llround(wide * 0.5)));
    curate::saveSelection(cat, "half", r);
    // A subset as the pool.
    auto inner = curate::runRecipe(cat, parse(R"({"pool": {"subset": "half"}, "size": 100})"));
    EXPECT_EQ(inner.poolSize, static_cast<std::int64_t>(r.ids.size()));
    EXPECT_EQ(inner.ids.size(), r.ids.size());
    EXPECT_THROW(curate::runRecipe(cat, parse(R"({"pool": {"subset": "nope"}})")), Error);
    EXPECT_THROW(curate::runRecipe(cat, parse(R"({"pool": {"dataset": "nope"}})")), Error);
}

TEST(Recipe, MissingEmbeddingsAndBadParamsAreClear) {
    PhotoProject p(10, 0);
    auto cat = catalog::Catalog::open(p.path);
    try {
        curate::runRecipe(cat, parse(R"({"select": {"method": "coreset"}, "size": 2, "embedder": "ext"})"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("winnow-cli embed"), std::string::npos) << e.what();
    }
    p.importVectors("ext", gaussian(10, 3, 6));
    EXPECT_THROW(curate::runRecipe(cat, parse(R"({"select": {"method": "coreset", "params": {"firts": 1}}, "size": 2, "embedder": "ext"})")),
                 Error);
    const auto ok = curate::runRecipe(cat, parse(R"({"select": {"method": "coreset", "params": {"first": 4}}, "size": 2, "embedder": "ext"})"));
    EXPECT_EQ(ok.ids.front(), p.ids[4]);
}

TEST(Recipe, DedupMethodsKeepOnePerGroup) {
    PhotoProject p(15, 3);
    auto cat = catalog::Catalog::open(p.path);
    const auto exact = curate::runRecipe(cat, parse(R"({"select": {"method": "dedup-exact"}})"));
    EXPECT_EQ(exact.ids.size(), 12u);
    // Byte copies are also pHash-identical, so near dedup removes at least those.
    const auto near = curate::runRecipe(cat, parse(R"({"select": {"method": "dedup-near", "params": {"max_distance": 0}}})"));
    EXPECT_LE(near.ids.size(), 12u);
    const auto balanced = curate::runRecipe(cat, parse(R"({"select": {"method": "label-balance"}, "size": 6})"));
    std::map<std::string, int> perLabel;
    for (const auto& s : cat.samplesByIds(balanced.ids)) ++perLabel[s.label];
    EXPECT_EQ(perLabel, (std::map<std::string, int>{{"a", 2}, {"b", 2}, {"c", 2}}));
}

}  // namespace
}  // namespace winnow::test
