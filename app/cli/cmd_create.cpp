// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "commands.h"

namespace winnow::cli {

int runCreate(const Args& args) {
    const std::string path = args.positionals()[0];
    catalog::Catalog cat = catalog::Catalog::create(path);
    const std::string abs = std::filesystem::absolute(path).lexically_normal().string();
    if (args.json()) {
        printJson({{"project", abs}, {"schema_version", cat.schemaVersion()}});
    } else {
        std::cout << "created " << abs << " (schema version " << cat.schemaVersion() << ")\n";
    }
    return kOk;
}

}  // namespace winnow::cli
