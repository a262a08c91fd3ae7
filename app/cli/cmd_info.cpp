// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "commands.h"

namespace winnow::cli {

int runInfo(const Args& args) {
    catalog::Catalog cat = catalog::Catalog::open(args.positionals()[0], catalog::Catalog::Mode::ReadOnly);
    const auto datasets = cat.datasets();
    std::int64_t ok = 0, failed = 0;
    nlohmann::json ds = nlohmann::json::array();
    for (const auto& d : datasets) {
        ok += d.imported;
        failed += d.failed;
        ds.push_back({{"id", d.id},
                      {"name", d.name},
                      {"source", d.source},
                      {"format", d.format},
                      {"created", d.created},
                      {"imported", d.imported},
                      {"failed", d.failed}});
    }
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& t : cat.tags()) tags.push_back({{"name", t.name}, {"count", t.count}});
    nlohmann::json subsets = nlohmann::json::array();
    for (const auto& s : cat.subsets()) {
        subsets.push_back({{"name", s.name},
                           {"method", s.method},
                           {"size", s.size},
                           {"seed", s.seed},
                           {"created", s.created},
                           {"params", nlohmann::json::parse(s.paramsJson, nullptr, false)}});
    }
    const std::string abs = std::filesystem::absolute(cat.path()).lexically_normal().string();
    if (args.json()) {
        printJson({{"project", abs},
                   {"schema_version", cat.schemaVersion()},
                   {"datasets", ds},
                   {"samples", {{"total", ok + failed}, {"imported", ok}, {"failed", failed}}},
                   {"tags", tags},
                   {"subsets", subsets}});
        return kOk;
    }
    std::cout << abs << " (schema version " << cat.schemaVersion() << ")\n";
    std::cout << ok + failed << " samples: " << ok << " imported, " << failed << " failed\n";
    for (const auto& d : datasets)
        std::cout << "  dataset " << d.name << " [" << d.format << "] " << d.imported << " imported, " << d.failed
                  << " failed  (" << d.source << ")\n";
    for (const auto& t : cat.tags()) std::cout << "  tag " << t.name << ": " << t.count << '\n';
    for (const auto& s : cat.subsets()) std::cout << "  subset " << s.name << " (" << s.method << "): " << s.size << '\n';
    return kOk;
}

}  // namespace winnow::cli
