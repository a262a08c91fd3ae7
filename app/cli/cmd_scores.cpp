// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "signalprogress.h"
#include "catalog/catalog.h"
#include "curate/scores.h"

namespace winnow::cli {

int runScores(const Args& args) {
    const std::string project = args.positionals()[0];
    if (auto kind = args.value("compute")) {
        auto cat = catalog::Catalog::open(project);
        curate::MethodParams params = curate::MethodParams::fromPairs(args.values("param"));
        ConsoleProgress progress(args.has("quiet") || args.json());
        const auto r = curate::computeScores(cat, *kind, args.value("embedder", "builtin"), params, progress);
        if (args.json()) {
            printJson({{"names", r.names}, {"samples", r.samples}, {"seconds", r.seconds}});
        } else {
            for (const auto& n : r.names) std::cout << "stored " << n << " for " << r.samples << " samples\n";
        }
        return kOk;
    }
    auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    const auto names = cat.scoreNames();
    if (args.json()) {
        nlohmann::json kinds = nlohmann::json::array();
        for (const auto& [name, help] : curate::scoreKinds()) kinds.push_back({{"kind", name}, {"help", help}});
        printJson({{"names", names}, {"kinds", kinds}});
    } else {
        for (const auto& n : names) std::cout << n << '\n';
    }
    return kOk;
}

}  // namespace winnow::cli
