// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "catalog/catalog.h"
#include "common/error.h"
#include "curate/embeddingstore.h"
#include "select/matrix.h"

namespace winnow::cli {

namespace fs = std::filesystem;

namespace {

/// FILE.npy -> FILE.ids.npy (the sample ids of the rows).
std::string idsPathFor(const std::string& file) {
    std::string stem = file;
    if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".npy") == 0) stem.resize(stem.size() - 4);
    return stem + ".ids.npy";
}

int listEmbeddings(const Args& args, const std::string& project) {
    auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : cat.embedders()) {
        nlohmann::json datasets = nlohmann::json::array();
        std::int64_t rows = 0;
        for (const auto& r : cat.embeddings(e.id)) {
            const auto d = cat.dataset(r.datasetId);
            datasets.push_back({{"dataset", d ? d->name : std::to_string(r.datasetId)}, {"rows", r.rows}});
            rows += r.rows;
        }
        nlohmann::json identity = nlohmann::json::parse(e.identityJson, nullptr, false);
        if (identity.is_discarded()) identity = e.identityJson;
        list.push_back({{"name", e.name},
                        {"dim", e.dim},
                        {"normalized", e.normalized},
                        {"model", e.model},
                        {"rows", rows},
                        {"datasets", datasets},
                        {"identity", identity}});
    }
    if (args.json()) {
        printJson({{"embedders", list}});
    } else {
        for (const auto& e : list)
            std::cout << e["name"].get<std::string>() << '\t' << e["dim"].get<int>() << "-d\t"
                      << e["rows"].get<std::int64_t>() << " vectors\n";
    }
    return kOk;
}

int exportEmbeddings(const Args& args, const std::string& project, const std::string& file) {
    auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    const std::string embedder = args.value("embedder", "builtin");
    std::optional<std::vector<std::int64_t>> ids;
    std::vector<std::int64_t> all = curate::embeddedIds(cat, embedder);
    if (auto ds = args.value("dataset")) {
        auto d = cat.dataset(*ds);
        if (!d) throw Error("the project has no dataset '" + *ds + "'");
        catalog::SampleFilter f;
        f.datasetId = d->id;
        auto inDataset = cat.sampleIds(f);
        std::sort(inDataset.begin(), inDataset.end());
        std::vector<std::int64_t> both;
        std::set_intersection(all.begin(), all.end(), inDataset.begin(), inDataset.end(), std::back_inserter(both));
        all = std::move(both);
    }
    ids = all;
    const curate::EmbeddingTable table = curate::loadEmbeddings(cat, embedder, ids);
    select::saveNpy(file, table.X);
    const std::string idsFile = idsPathFor(file);
    select::saveNpyIds(idsFile, table.ids);
    if (args.json())
        printJson({{"embedder", embedder}, {"rows", table.X.rows}, {"dim", table.X.cols}, {"file", file}, {"ids_file", idsFile}});
    else
        std::cout << "wrote " << table.X.rows << " x " << table.X.cols << " to " << file << " (sample ids in " << idsFile
                  << ")\n";
    return kOk;
}

int importEmbeddings(const Args& args, const std::string& project, const std::string& file) {
    const auto name = args.value("embedder");
    if (!name) throw UsageError{"import needs --embedder NAME (the name the vectors get in the project)"};
    if (!curate::isValidEmbedderName(*name))
        throw UsageError{"--embedder must be 1-64 characters of A-Z a-z 0-9 . _ -"};
    const std::string idsFile = args.value("ids", idsPathFor(file));
    select::Matrix X = select::loadNpy(file);
    const std::vector<std::int64_t> ids = select::loadNpyIds(idsFile);
    if (static_cast<std::int64_t>(ids.size()) != X.rows)
        throw Error(idsFile + " holds " + std::to_string(ids.size()) + " ids for " + std::to_string(X.rows) + " rows");
    if (X.cols <= 0) throw Error(file + " has no columns");
    auto cat = catalog::Catalog::open(project);
    if (cat.embedder(*name)) {
        if (!args.has("replace"))
            throw Error("the project already has an embedder named '" + *name + "' (add --replace to overwrite it)");
        curate::removeEmbedder(cat, *name);
    }
    // Every id must be a sample of the project; group rows by dataset.
    const auto samples = cat.samplesByIds(ids);
    std::map<std::int64_t, std::int64_t> datasetOf;
    for (const auto& s : samples) datasetOf[s.id] = s.datasetId;
    for (auto id : ids)
        if (!datasetOf.count(id)) throw Error(idsFile + ": sample id " + std::to_string(id) + " is not in the project");
    bool unit = true;
    for (std::int64_t r = 0; r < X.rows && unit; ++r) {
        double s = 0;
        for (int c = 0; c < X.cols; ++c) s += double(X.row(r)[c]) * X.row(r)[c];
        unit = std::abs(std::sqrt(s) - 1.0) < 1e-3;
    }
    catalog::EmbedderRecord rec;
    rec.name = *name;
    rec.dim = X.cols;
    rec.normalized = unit && X.rows > 0;
    rec.identityJson = nlohmann::json{{"kind", "imported"},
                                      {"file", fs::absolute(file).lexically_normal().string()},
                                      {"rows", X.rows},
                                      {"dim", X.cols}}
                           .dump();
    rec.id = cat.addEmbedder(rec);
    std::map<std::int64_t, std::vector<std::int64_t>> rowsByDataset;
    for (std::int64_t r = 0; r < X.rows; ++r) rowsByDataset[datasetOf[ids[static_cast<std::size_t>(r)]]].push_back(r);
    for (const auto& [datasetId, rows] : rowsByDataset) {
        curate::EmbeddingWriter writer(cat, datasetId, rec);
        for (auto r : rows) writer.append(&ids[static_cast<std::size_t>(r)], X.row(r), 1);
        writer.commit();
    }
    if (args.json())
        printJson({{"embedder", *name}, {"rows", X.rows}, {"dim", X.cols}, {"normalized", rec.normalized}});
    else
        std::cout << "imported " << X.rows << " x " << X.cols << " as embedder " << *name << '\n';
    return kOk;
}

}  // namespace

int runEmbeddings(const Args& args) {
    const auto& pos = args.positionals();
    const std::string action = pos[0];
    const std::string project = pos[1];
    const std::string file = pos.size() > 2 ? pos[2] : "";
    if (action == "list") return listEmbeddings(args, project);
    if (action == "remove") {
        const auto name = args.value("embedder");
        if (!name) throw UsageError{"remove needs --embedder NAME"};
        auto cat = catalog::Catalog::open(project);
        curate::removeEmbedder(cat, *name);
        if (args.json()) printJson({{"removed", *name}});
        else std::cout << "removed embedder " << *name << " and its vectors\n";
        return kOk;
    }
    if (action != "export" && action != "import")
        throw UsageError{"ACTION must be list, export, import or remove, not '" + action + "'"};
    if (file.empty()) throw UsageError{action + " needs FILE.npy"};
    return action == "export" ? exportEmbeddings(args, project, file) : importEmbeddings(args, project, file);
}

}  // namespace winnow::cli
