// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace winnow::test {

/// Result of running winnow-cli to completion.
struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
    /// stdout parsed as JSON (throws when it is not JSON).
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

/// Runs winnow-cli with the arguments, waits, and captures its output.
CliResult runCli(const std::vector<std::string>& args);

/// Starts winnow-cli in the background (output discarded); returns its pid.
pid_t startCli(const std::vector<std::string>& args);

}  // namespace winnow::test
