// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "commands.h"
#include "common/error.h"
#include "exportfiles.h"
#include "samplejson.h"

namespace winnow::cli {

namespace fs = std::filesystem;

namespace {
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::vector<catalog::Sample> selectSamples(const catalog::Catalog& cat, const Args& args, std::string& what) {
    const int chosen = args.has("subset") + args.has("tag") + args.has("dataset");
    if (chosen > 1) throw UsageError{"give at most one of --subset, --tag and --dataset"};
    catalog::SampleFilter f;
    f.status = catalog::SampleStatus::Ok;
    if (auto s = args.value("subset")) {
        auto subset = cat.subset(*s);
        if (!subset) throw Error("no subset named '" + *s + "'");
        std::vector<std::int64_t> ids;
        for (const auto& m : cat.subsetMembers(subset->id)) ids.push_back(m.sampleId);
        what = "subset " + *s;
        return cat.samplesByIds(ids);  // selection order
    }
    if (auto t = args.value("tag")) {
        f.tag = *t;
        what = "tag " + *t;
    } else if (auto d = args.value("dataset")) {
        f.datasetId = datasetId(cat, *d);
        what = "dataset " + *d;
    } else {
        what = "all samples";
    }
    return cat.samples(f);
}
}  // namespace

int runExport(const Args& args) {
    catalog::Catalog cat = catalog::Catalog::open(args.positionals()[0], catalog::Catalog::Mode::ReadOnly);
    const std::string to = args.value("to", "csv");
    const auto output = args.value("output");
    if (!output) throw UsageError{"--output is required"};
    std::string what;
    const auto samples = selectSamples(cat, args, what);
    const auto names = datasetNames(cat);

    std::int64_t exported = 0;
    std::vector<std::string> problems;
    if (to == "csv" || to == "json") {
        std::ofstream out(*output, std::ios::binary | std::ios::trunc);
        if (!out) throw Error("cannot write " + *output);
        if (to == "csv") {
            out << "id,path,member,label,caption,split,sha512\n";
            for (const auto& s : samples) {
                out << s.id << ',' << csvField(s.uri) << ',' << csvField(s.member) << ',' << csvField(s.label) << ','
                    << csvField(s.caption) << ',' << csvField(s.split) << ',' << s.sha512 << '\n';
                ++exported;
            }
        } else {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& s : samples) list.push_back(sampleJson(s, names.at(s.datasetId)));
            out << nlohmann::json{{"samples", list}}.dump(2) << '\n';
            exported = static_cast<std::int64_t>(samples.size());
        }
        if (!out.flush()) throw Error("cannot write " + *output);
    } else if (to == "symlinks" || to == "copies") {
        FolderExport folder(*output, cat.dataDir(), to == "symlinks");
        for (const auto& s : samples) {
            std::string err;
            if (folder.write(s, err)) ++exported;
            else problems.push_back(std::to_string(s.id) + ": " + err);
        }
    } else {
        throw UsageError{"--to must be csv, json, symlinks or copies"};
    }
    const std::string abs = fs::absolute(*output).lexically_normal().string();
    if (args.json()) {
        printJson({{"output", abs}, {"to", to}, {"selection", what}, {"exported", exported}, {"failed", problems.size()},
                   {"errors", problems}});
    } else {
        std::cout << "exported " << exported << " samples (" << what << ") to " << abs << '\n';
        for (const auto& p : problems) std::cerr << "  failed: " << p << '\n';
    }
    return problems.empty() ? kOk : kPartial;
}

}  // namespace winnow::cli
