// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/recipe.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <sstream>
#include <unordered_set>

#include "catalog/database.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "curate/methods.h"

namespace winnow::curate {

namespace {

const std::set<std::string> kPoolKeys = {"dataset", "split", "label", "tag", "subset"};

std::string poolText(const nlohmann::json& pool, const char* key) {
    auto it = pool.find(key);
    return it == pool.end() ? std::string() : it->get<std::string>();
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

bool needsEmbeddingsForFilter(const std::string& name) { return name == "outliers"; }

/// The pool state while filters run: ids, and their embedding rows once loaded.
struct Pool {
    std::vector<std::int64_t> ids;
    bool haveEmbeddings = false;
    EmbeddingTable table;  // rows aligned with ids when haveEmbeddings

    void keep(const std::vector<std::int64_t>& rows) {  // rows in increasing order or any order
        std::vector<std::int64_t> ids2;
        ids2.reserve(rows.size());
        for (auto r : rows) ids2.push_back(ids[static_cast<std::size_t>(r)]);
        if (haveEmbeddings) {
            select::Matrix X2;
            X2.cols = table.X.cols;
            X2.rows = static_cast<std::int64_t>(rows.size());
            X2.data.resize(rows.size() * std::size_t(X2.cols));
            for (std::size_t i = 0; i < rows.size(); ++i)
                std::copy_n(table.X.row(rows[i]), X2.cols, X2.row(static_cast<std::int64_t>(i)));
            table.X = std::move(X2);
            table.ids = ids2;
        }
        ids = std::move(ids2);
    }
};

void loadEmbeddingsInto(const catalog::Catalog& catalog, const std::string& embedder, Pool& pool) {
    if (pool.haveEmbeddings) return;
    std::vector<std::int64_t> missing;
    pool.table = loadEmbeddings(catalog, embedder, pool.ids, &missing);
    if (!missing.empty())
        throw Error(std::to_string(missing.size()) + " of the " + std::to_string(pool.ids.size()) +
                    " samples in the pool have no '" + embedder + "' embedding (the first is sample " +
                    std::to_string(missing.front()) + "); run `winnow-cli embed PROJECT --embedder " + embedder + "`");
    pool.haveEmbeddings = true;
}

/// Filters on catalog columns and scores.
std::vector<std::int64_t> metadataRows(const catalog::Catalog& catalog, const std::vector<std::int64_t>& ids,
                                       const std::string& name, MethodParams& p, nlohmann::json& info) {
    std::vector<std::int64_t> keep;
    if (name == "score") {
        const std::string score = p.text("name", "");
        if (score.empty()) throw Error("filter score needs a name");
        const double lo = p.number("min", -HUGE_VAL), hi = p.number("max", HUGE_VAL);
        const bool keepMissing = p.flag("keep_missing", false);
        const auto values = catalog.scores(score, ids);
        std::int64_t missing = 0;
        for (std::size_t r = 0; r < ids.size(); ++r) {
            if (std::isnan(values[r])) {
                ++missing;
                if (keepMissing) keep.push_back(static_cast<std::int64_t>(r));
            } else if (values[r] >= lo && values[r] <= hi) {
                keep.push_back(static_cast<std::int64_t>(r));
            }
        }
        info["missing"] = missing;
        return keep;
    }
    const auto samples = catalog.samplesByIds(ids);
    if (name == "quality") {
        const double minBlur = p.number("min_blur", -HUGE_VAL), maxBlur = p.number("max_blur", HUGE_VAL);
        const double minBr = p.number("min_brightness", -HUGE_VAL), maxBr = p.number("max_brightness", HUGE_VAL);
        const double minCo = p.number("min_contrast", -HUGE_VAL), maxCo = p.number("max_contrast", HUGE_VAL);
        const double minW = p.number("min_width", 0), minH = p.number("min_height", 0);
        const double maxW = p.number("max_width", HUGE_VAL), maxH = p.number("max_height", HUGE_VAL);
        const double minBytes = p.number("min_bytes", 0);
        for (std::size_t r = 0; r < samples.size(); ++r) {
            const auto& s = samples[r];
            if (s.blur >= minBlur && s.blur <= maxBlur && s.brightness >= minBr && s.brightness <= maxBr &&
                s.contrast >= minCo && s.contrast <= maxCo && s.width >= minW && s.height >= minH && s.width <= maxW &&
                s.height <= maxH && s.byteSize >= minBytes)
                keep.push_back(static_cast<std::int64_t>(r));
        }
    } else if (name == "metadata") {
        const auto labels = splitList(p.text("label", ""));
        const auto notLabels = splitList(p.text("exclude_label", ""));
        const auto splits = splitList(p.text("split", ""));
        const std::string tag = p.text("tag", ""), notTag = p.text("exclude_tag", "");
        auto tagged = [&](const std::string& t) {
            std::unordered_set<std::int64_t> out;
            if (t.empty()) return out;
            catalog::SampleFilter f;
            f.tag = t;
            for (auto id : catalog.sampleIds(f)) out.insert(id);
            return out;
        };
        const auto withTag = tagged(tag), withoutTag = tagged(notTag);
        auto in = [](const std::vector<std::string>& list, const std::string& v) {
            return std::find(list.begin(), list.end(), v) != list.end();
        };
        for (std::size_t r = 0; r < samples.size(); ++r) {
            const auto& s = samples[r];
            if (!labels.empty() && !in(labels, s.label)) continue;
            if (in(notLabels, s.label)) continue;
            if (!splits.empty() && !in(splits, s.split)) continue;
            if (!tag.empty() && !withTag.count(s.id)) continue;
            if (!notTag.empty() && withoutTag.count(s.id)) continue;
            keep.push_back(static_cast<std::int64_t>(r));
        }
    }
    return keep;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& recipeFilters() {
    static const std::vector<std::pair<std::string, std::string>> list = {
        {"quality", "keep samples whose blur, brightness, contrast, size and bytes are within bounds "
                    "(min_blur, max_blur, min_brightness, max_brightness, min_contrast, max_contrast, min_width, "
                    "min_height, max_width, max_height, min_bytes)"},
        {"metadata", "keep samples by label (comma list), exclude_label, split (comma list), tag, exclude_tag"},
        {"score", "keep samples whose stored score `name` is within [min, max] (keep_missing=true keeps those without)"},
        {"dedup-exact", "keep one sample per group of byte-identical files"},
        {"dedup-near", "keep one sample per group of near duplicates (max_distance on the pHash, default 10)"},
        {"outliers", "remove the fraction (default 0.01) of samples with the largest mean distance to their k "
                     "nearest neighbours (k default 20), or those above threshold"},
    };
    return list;
}

Recipe parseRecipe(const nlohmann::json& j) {
    if (!j.is_object()) throw Error("a recipe must be a JSON object");
    static const std::set<std::string> keys = {"pool", "embedder", "filters", "select", "size", "fraction", "seed"};
    for (const auto& [key, value] : j.items())
        if (!keys.count(key)) throw Error("recipe: unknown field '" + key + "'");
    Recipe r;
    if (j.contains("pool")) {
        const auto& pool = j["pool"];
        if (!pool.is_object()) throw Error("recipe: pool must be an object");
        for (const auto& [key, value] : pool.items()) {
            if (!kPoolKeys.count(key)) throw Error("recipe: unknown pool field '" + key + "'");
            if (!value.is_string()) throw Error("recipe: pool." + key + " must be a string");
            if (!value.get<std::string>().empty()) r.pool[key] = value;
        }
    }
    if (j.contains("embedder")) {
        if (!j["embedder"].is_string() || j["embedder"].get<std::string>().empty())
            throw Error("recipe: embedder must be a non-empty string");
        r.embedder = j["embedder"].get<std::string>();
    }
    if (j.contains("filters")) {
        if (!j["filters"].is_array()) throw Error("recipe: filters must be an array");
        int i = 0;
        for (const auto& f : j["filters"]) {
            const std::string where = "recipe: filters[" + std::to_string(i++) + "]";
            if (!f.is_object() || !f.contains("filter") || !f["filter"].is_string())
                throw Error(where + " must be an object with a \"filter\" name");
            const std::string name = f["filter"].get<std::string>();
            bool known = false;
            for (const auto& [fname, help] : recipeFilters()) known = known || fname == name;
            if (!known) throw Error(where + ": unknown filter '" + name + "'");
            nlohmann::json params = f;
            params.erase("filter");
            MethodParams::fromJson(params);  // scalars only
            r.filters.push_back(f);
        }
    }
    if (j.contains("select")) {
        const auto& s = j["select"];
        if (!s.is_object() || !s.contains("method") || !s["method"].is_string())
            throw Error("recipe: select must be an object with a \"method\" name");
        for (const auto& [key, value] : s.items())
            if (key != "method" && key != "params") throw Error("recipe: unknown select field '" + key + "'");
        r.method = s["method"].get<std::string>();
        if (!findMethod(r.method)) throw Error("recipe: unknown method '" + r.method + "'");
        if (s.contains("params")) {
            MethodParams::fromJson(s["params"]);
            r.params = s["params"];
        }
    }
    if (j.contains("size") && j.contains("fraction")) throw Error("recipe: give size or fraction, not both");
    if (j.contains("size")) {
        if (!j["size"].is_number_integer() || j["size"].get<std::int64_t>() < 0)
            throw Error("recipe: size must be a whole number >= 0");
        r.size = j["size"].get<std::int64_t>();
    }
    if (j.contains("fraction")) {
        if (!j["fraction"].is_number() || j["fraction"].get<double>() < 0 || j["fraction"].get<double>() > 1)
            throw Error("recipe: fraction must be a number in [0, 1]");
        r.fraction = j["fraction"].get<double>();
    }
    if (j.contains("seed")) {
        if (!j["seed"].is_number_integer() || j["seed"].get<std::int64_t>() < 0)
            throw Error("recipe: seed must be a whole number >= 0");
        r.seed = static_cast<std::uint64_t>(j["seed"].get<std::int64_t>());
    }
    return r;
}

nlohmann::json recipeJson(const Recipe& r) {
    nlohmann::json j;
    j["pool"] = r.pool;
    j["embedder"] = r.embedder;
    j["filters"] = r.filters;
    j["select"] = {{"method", r.method}, {"params", r.params.is_null() ? nlohmann::json::object() : r.params}};
    if (r.size) j["size"] = *r.size;
    if (r.fraction) j["fraction"] = *r.fraction;
    j["seed"] = r.seed;
    return j;
}

SelectionResult runRecipe(const catalog::Catalog& catalog, const Recipe& recipe, Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    SelectionResult result;
    result.recipe = recipe;

    catalog::SampleFilter f;
    f.status = catalog::SampleStatus::Ok;
    if (const std::string ds = poolText(recipe.pool, "dataset"); !ds.empty()) {
        auto d = catalog.dataset(ds);
        if (!d) throw Error("recipe: the project has no dataset '" + ds + "'");
        f.datasetId = d->id;
    }
    if (auto v = poolText(recipe.pool, "split"); !v.empty()) f.split = v;
    if (auto v = poolText(recipe.pool, "label"); !v.empty()) f.label = v;
    if (auto v = poolText(recipe.pool, "tag"); !v.empty()) f.tag = v;
    if (auto v = poolText(recipe.pool, "subset"); !v.empty()) {
        if (!catalog.subset(v)) throw Error("recipe: the project has no subset '" + v + "'");
        f.subset = v;
    }
    Pool pool;
    pool.ids = catalog.sampleIds(f);
    std::sort(pool.ids.begin(), pool.ids.end());
    result.poolSize = static_cast<std::int64_t>(pool.ids.size());

    for (const auto& step : recipe.filters) {
        if (progress.isCanceled()) throw Canceled();
        const std::string name = step["filter"].get<std::string>();
        progress.report(-1, -1, "filter " + name);
        nlohmann::json raw = step;
        raw.erase("filter");
        MethodParams p = MethodParams::fromJson(raw);
        StageReport stage{name, static_cast<std::int64_t>(pool.ids.size()), 0, nlohmann::json::object()};
        std::vector<std::int64_t> keep;
        if (name == "quality" || name == "metadata" || name == "score") {
            keep = metadataRows(catalog, pool.ids, name, p, stage.info);
            p.checkAllUsed("filter " + name);
        } else if (name == "dedup-exact" || name == "dedup-near") {
            SelectionData data;
            data.ids = pool.ids;
            data.catalog = &catalog;
            MethodOutput out = runMethod(name, data, p, -1, recipe.seed, progress);
            keep = out.rows;
            std::sort(keep.begin(), keep.end());
            stage.info = out.info;
        } else if (needsEmbeddingsForFilter(name)) {
            loadEmbeddingsInto(catalog, recipe.embedder, pool);
            const int k = static_cast<int>(p.integer("k", 20));
            const double fraction = p.number("fraction", p.has("threshold") ? 0.0 : 0.01);
            const double threshold = p.number("threshold", HUGE_VAL);
            p.checkAllUsed("filter outliers");
            if (fraction < 0 || fraction > 1) throw Error("filter outliers: fraction must be in [0, 1]");
            const std::int64_t n = pool.table.X.rows;
            if (n >= 2) {
                SelectionData data;
                data.ids = pool.ids;
                data.catalog = &catalog;
                data.embedder = recipe.embedder;
                const auto score = knnScores(data, pool.table.X, std::max(1, std::min<int>(k, static_cast<int>(n - 1))),
                                             true, false, progress, stage.info);
                const auto removeCount = static_cast<std::int64_t>(std::llround(fraction * static_cast<double>(n)));
                // The removeCount highest scores (lowest row first on ties), as select::outliers orders them.
                std::vector<std::int64_t> order(static_cast<std::size_t>(n));
                for (std::int64_t r = 0; r < n; ++r) order[static_cast<std::size_t>(r)] = r;
                std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return score[a] > score[b]; });
                std::unordered_set<std::int64_t> drop(order.begin(), order.begin() + removeCount);
                for (std::int64_t r = 0; r < n; ++r)
                    if (!drop.count(r) && score[static_cast<std::size_t>(r)] <= threshold) keep.push_back(r);
            } else {
                for (std::int64_t r = 0; r < n; ++r) keep.push_back(r);
            }
        }
        pool.keep(keep);
        stage.out = static_cast<std::int64_t>(pool.ids.size());
        result.stages.push_back(stage);
    }

    const MethodInfo* method = findMethod(recipe.method);
    if (!method) throw Error("unknown method '" + recipe.method + "'");
    const std::int64_t n = static_cast<std::int64_t>(pool.ids.size());
    std::int64_t size = -1;
    if (recipe.size) size = *recipe.size;
    else if (recipe.fraction) size = static_cast<std::int64_t>(std::llround(*recipe.fraction * static_cast<double>(n)));
    else if (!method->sizeOptional) size = n;

    SelectionData data;
    if (method->needsEmbeddings) {
        loadEmbeddingsInto(catalog, recipe.embedder, pool);
        data.X = std::move(pool.table.X);
        data.normalized = pool.table.normalized;
        data.embedder = recipe.embedder;
    }
    data.ids = pool.ids;
    data.catalog = &catalog;
    MethodParams p = MethodParams::fromJson(recipe.params);
    progress.report(-1, -1, "select " + recipe.method);
    MethodOutput out = runMethod(recipe.method, data, p, size, recipe.seed, progress);
    result.ids.reserve(out.rows.size());
    for (auto r : out.rows) result.ids.push_back(pool.ids[static_cast<std::size_t>(r)]);
    result.scores = std::move(out.scores);
    result.stages.push_back({recipe.method, n, static_cast<std::int64_t>(result.ids.size()), out.info});
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::int64_t saveSelection(catalog::Catalog& catalog, const std::string& name, const SelectionResult& result,
                           bool replace) {
    if (name.empty()) throw Error("a subset needs a name");
    if (replace && catalog.subset(name)) catalog.deleteSubset(name);
    catalog::Subset s;
    s.name = name;
    s.method = result.recipe.method;
    s.paramsJson = recipeJson(result.recipe).dump();
    s.seed = static_cast<std::int64_t>(result.recipe.seed);
    std::vector<catalog::SubsetMember> members;
    members.reserve(result.ids.size());
    for (std::size_t i = 0; i < result.ids.size(); ++i)
        members.push_back({result.ids[i], static_cast<std::int64_t>(i), i < result.scores.size() ? result.scores[i] : 0.0});
    return catalog.saveSubset(s, members);
}

}  // namespace winnow::curate
