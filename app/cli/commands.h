// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "args.h"

namespace winnow::cli {

/// A command of winnow-cli: its spec (for parsing and --help) and its body, which returns an ExitCode.
struct Command {
    CommandSpec spec;
    int (*run)(const Args& args);
};

/// All commands in the order --help lists them.
const std::vector<Command>& commands();

// Bodies, one file each.
int runCreate(const Args& args);
int runIngest(const Args& args);
int runInfo(const Args& args);
int runSamples(const Args& args);
int runDuplicates(const Args& args);
int runExport(const Args& args);
int runSelect(const Args& args);
int runEmbed(const Args& args);
int runEmbeddings(const Args& args);
int runSubsets(const Args& args);
int runScores(const Args& args);
int runMap(const Args& args);

/// Prints a JSON document to stdout (2-space indent, UTF-8, one trailing newline).
void printJson(const nlohmann::json& doc);

/// True once SIGINT or SIGTERM arrived (installed by main).
bool interrupted();

}  // namespace winnow::cli
