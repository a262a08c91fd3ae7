// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "common/progress.h"

namespace winnow::curate {

/// A selection recipe: a pool, an ordered chain of filters, then one selector with a target size or
/// fraction. Its JSON schema is in docs/CLI.md ("Recipes"):
///   {"pool": {"dataset": "train", "split": "", "label": "", "tag": "", "subset": ""},
///    "embedder": "builtin",
///    "filters": [{"filter": "quality", "min_blur": 20}, {"filter": "dedup-exact"}, ...],
///    "select": {"method": "typicality", "params": {"k": 20}},
///    "size": 1000   (or "fraction": 0.1, of the pool left after the filters; neither: all that is left)
///    "seed": 0}
/// The same recipe and seed on the same catalog and embeddings give the same subset.
struct Recipe {
    nlohmann::json pool = nlohmann::json::object();
    std::string embedder = "builtin";
    std::vector<nlohmann::json> filters;
    std::string method = "random";
    nlohmann::json params = nlohmann::json::object();
    std::optional<std::int64_t> size;
    std::optional<double> fraction;
    std::uint64_t seed = 0;
};

/// Parses and validates a recipe; throws winnow::Error naming the offending field.
Recipe parseRecipe(const nlohmann::json& json);
/// The canonical JSON form (every field present, keys sorted), stored with the subset.
nlohmann::json recipeJson(const Recipe& recipe);

/// Filter names a recipe may use, with a plain-words summary each.
const std::vector<std::pair<std::string, std::string>>& recipeFilters();

/// One stage of a run: how many samples went in and came out.
struct StageReport {
    std::string name;
    std::int64_t in = 0;
    std::int64_t out = 0;
    nlohmann::json info = nlohmann::json::object();
};

struct SelectionResult {
    std::vector<std::int64_t> ids;     ///< sample ids in selection order
    std::vector<double> scores;        ///< the selector's score of each
    std::int64_t poolSize = 0;         ///< samples in the pool before the filters
    std::vector<StageReport> stages;   ///< the filters, then the selector
    Recipe recipe;
    double seconds = 0;
};

/// Runs a recipe on a project. Throws winnow::Error (bad recipe, unknown embedder, pool samples without
/// embeddings when the recipe needs them), winnow::Canceled.
SelectionResult runRecipe(const catalog::Catalog& catalog, const Recipe& recipe, Progress& progress = nullProgress());

/// Saves a result as a named subset (method = the selector; params = the canonical recipe JSON; members in
/// selection order with rank and score). replace = true deletes an existing subset of that name first.
/// Throws winnow::Error if the name is taken and replace is false.
std::int64_t saveSelection(catalog::Catalog& catalog, const std::string& name, const SelectionResult& result,
                           bool replace = false);

}  // namespace winnow::curate
