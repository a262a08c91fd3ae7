// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "signalprogress.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/methods.h"
#include "curate/recipe.h"
#include "select/matrix.h"

namespace winnow::cli {

namespace {

nlohmann::json selectedJson(const std::vector<std::int64_t>& picks, const std::vector<double>& scores, const char* key) {
    nlohmann::json selected = nlohmann::json::array();
    for (std::size_t r = 0; r < picks.size(); ++r)
        selected.push_back({{"rank", r}, {key, picks[r]}, {"score", r < scores.size() ? scores[r] : 0.0}});
    return selected;
}

/// `select --embeddings X.npy`: a bare matrix, no project.
int selectMatrix(const Args& args, const std::string& path) {
    const std::string method = args.value("method", "");
    if (method.empty()) throw UsageError{"--method is required"};
    const std::int64_t size = args.integer("size", -1, 0, 1LL << 40);
    const auto* info = curate::findMethod(method);
    if (size < 0 && !(info && info->sizeOptional)) throw UsageError{"--size is required"};
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, (1LL << 62)));
    curate::MethodParams params = curate::MethodParams::fromPairs(args.values("param"));
    const nlohmann::json paramsJson = params.json();

    curate::SelectionData data;
    data.X = select::loadNpy(path);
    if (args.has("normalize")) select::normalizeRows(data.X);
    data.normalized = args.has("normalize");
    const std::int64_t rows = data.X.rows;
    const int cols = data.X.cols;
    SignalProgress progress;
    const curate::MethodOutput out = curate::runMethod(method, data, params, size, seed, progress);
    if (args.json()) {
        printJson({{"method", method},
                   {"rows", rows},
                   {"cols", cols},
                   {"size", out.rows.size()},
                   {"seed", seed},
                   {"normalized", args.has("normalize")},
                   {"params", paramsJson},
                   {"info", out.info},
                   {"selected", selectedJson(out.rows, out.scores, "index")}});
        return kOk;
    }
    for (std::size_t r = 0; r < out.rows.size(); ++r) std::cout << out.rows[r] << '\t' << out.scores[r] << '\n';
    return kOk;
}

/// `select PROJECT`: a recipe (from --recipe or from --method/--param/--size) run on the catalog.
int selectProject(const Args& args, const std::string& project) {
    curate::Recipe recipe;
    if (auto file = args.value("recipe")) {
        if (args.has("method")) throw UsageError{"give --recipe or --method, not both"};
        std::ifstream in(*file);
        if (!in) throw Error("cannot open the recipe " + *file);
        const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
        if (j.is_discarded()) throw Error(*file + " is not valid JSON");
        recipe = curate::parseRecipe(j);
    } else {
        const std::string method = args.value("method", "");
        if (method.empty()) throw UsageError{"--method or --recipe is required"};
        if (!curate::findMethod(method)) {
            std::string names;
            for (const auto& m : curate::selectionMethods()) names += (names.empty() ? "" : ", ") + m.name;
            throw UsageError{"unknown method '" + method + "' (available: " + names + ")"};
        }
        recipe.method = method;
        recipe.params = curate::MethodParams::fromPairs(args.values("param")).json();
        if (auto ds = args.value("dataset")) recipe.pool["dataset"] = *ds;
        if (auto v = args.value("split")) recipe.pool["split"] = *v;
        if (auto v = args.value("tag")) recipe.pool["tag"] = *v;
        if (auto v = args.value("subset")) recipe.pool["subset"] = *v;
    }
    // Command-line values override the recipe's.
    if (auto e = args.value("embedder")) recipe.embedder = *e;
    if (args.has("size")) {
        recipe.size = args.integer("size", 0, 0, 1LL << 40);
        recipe.fraction.reset();
    }
    if (auto f = args.value("fraction")) {
        if (args.has("size")) throw UsageError{"give --size or --fraction, not both"};
        try {
            recipe.fraction = std::stod(*f);
        } catch (const std::exception&) {
            throw UsageError{"--fraction must be a number in [0, 1]"};
        }
        if (*recipe.fraction < 0 || *recipe.fraction > 1) throw UsageError{"--fraction must be a number in [0, 1]"};
        recipe.size.reset();
    }
    if (args.has("seed")) recipe.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, (1LL << 62)));
    recipe = curate::parseRecipe(curate::recipeJson(recipe));  // validates the combination

    const auto name = args.value("name");
    ConsoleProgress progress(args.has("quiet") || args.json());
    curate::SelectionResult result;
    {
        auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
        result = curate::runRecipe(cat, recipe, progress);
    }
    std::int64_t subsetId = 0;
    if (name) {
        auto cat = catalog::Catalog::open(project);
        subsetId = curate::saveSelection(cat, *name, result, args.has("replace"));
    }
    if (args.json()) {
        nlohmann::json stages = nlohmann::json::array();
        for (const auto& s : result.stages) stages.push_back({{"name", s.name}, {"in", s.in}, {"out", s.out}, {"info", s.info}});
        printJson({{"subset", name ? nlohmann::json(*name) : nlohmann::json(nullptr)},
                   {"subset_id", subsetId},
                   {"method", recipe.method},
                   {"recipe", curate::recipeJson(recipe)},
                   {"pool", result.poolSize},
                   {"size", result.ids.size()},
                   {"stages", stages},
                   {"seconds", result.seconds},
                   {"selected", selectedJson(result.ids, result.scores, "sample")}});
        return kOk;
    }
    for (const auto& s : result.stages) std::cerr << s.name << ": " << s.in << " -> " << s.out << '\n';
    if (name)
        std::cout << "saved subset " << *name << " (" << result.ids.size() << " of " << result.poolSize << " samples)\n";
    else
        for (std::size_t r = 0; r < result.ids.size(); ++r) std::cout << result.ids[r] << '\t' << result.scores[r] << '\n';
    return kOk;
}

}  // namespace

int runSelect(const Args& args) {
    const auto& pos = args.positionals();
    const auto path = args.value("embeddings");
    if (path && !pos.empty()) throw UsageError{"give PROJECT or --embeddings FILE.npy, not both"};
    if (path) return selectMatrix(args, *path);
    if (pos.empty()) throw UsageError{"give PROJECT, or --embeddings FILE.npy for a bare matrix"};
    return selectProject(args, pos[0]);
}

}  // namespace winnow::cli
