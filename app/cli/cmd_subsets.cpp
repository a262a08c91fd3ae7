// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "catalog/catalog.h"
#include "common/error.h"

namespace winnow::cli {

int runSubsets(const Args& args) {
    const std::string project = args.positionals()[0];
    if (auto name = args.value("delete")) {
        auto cat = catalog::Catalog::open(project);
        if (!cat.subset(*name)) throw Error("the project has no subset '" + *name + "'");
        cat.deleteSubset(*name);
        if (args.json()) printJson({{"deleted", *name}});
        else std::cout << "deleted subset " << *name << '\n';
        return kOk;
    }
    auto cat = catalog::Catalog::open(project, catalog::Catalog::Mode::ReadOnly);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : cat.subsets()) {
        nlohmann::json params = nlohmann::json::parse(s.paramsJson, nullptr, false);
        if (params.is_discarded()) params = s.paramsJson;
        list.push_back({{"name", s.name},
                        {"method", s.method},
                        {"size", s.size},
                        {"seed", s.seed},
                        {"created", s.created},
                        {"params", params}});
    }
    if (args.json()) {
        printJson({{"subsets", list}});
        return kOk;
    }
    for (const auto& s : list)
        std::cout << s["name"].get<std::string>() << '\t' << s["method"].get<std::string>() << '\t'
                  << s["size"].get<std::int64_t>() << '\t' << s["params"].dump() << '\n';
    return kOk;
}

}  // namespace winnow::cli
