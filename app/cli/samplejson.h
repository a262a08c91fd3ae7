// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"

namespace winnow::cli {

/// The JSON object of one sample (docs/CLI.md, "sample object").
nlohmann::json sampleJson(const catalog::Sample& s, const std::string& dataset);

/// Dataset names by id.
std::map<std::int64_t, std::string> datasetNames(const catalog::Catalog& cat);

/// The id of a dataset named by the user; throws winnow::Error when there is none.
std::int64_t datasetId(const catalog::Catalog& cat, const std::string& name);

}  // namespace winnow::cli
