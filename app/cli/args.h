// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace winnow::cli {

/// Exit codes of winnow-cli (documented in docs/CLI.md).
enum ExitCode : int {
    kOk = 0,           ///< everything done
    kPartial = 1,      ///< finished, but some items failed (counted in the output)
    kFatal = 2,        ///< nothing or not everything was done: bad arguments, unreadable input, ...
    kInterrupted = 130 ///< stopped by SIGINT/SIGTERM after committing what was done
};

/// One option of a command.
struct OptionSpec {
    std::string name;     ///< long name without dashes, e.g. "max-distance"
    std::string value;    ///< value placeholder ("D"); empty for a switch
    std::string help;
    bool repeatable = false;
};

/// A command: its positional arguments and options, from which --help is generated.
struct CommandSpec {
    std::string name;
    std::vector<std::string> positionals;  ///< e.g. {"PROJECT", "SOURCE"}
    std::string summary;
    std::vector<OptionSpec> options;
    std::string details;  ///< extra paragraphs for --help
};

/// Parsed arguments of one command. Throws UsageError on unknown options or missing values.
class Args {
public:
    Args(const CommandSpec& spec, const std::vector<std::string>& argv);

    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback) const;
    /// Integer option; throws UsageError when not an integer in [min, max].
    long long integer(const std::string& name, long long fallback, long long min, long long max) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }
    bool json() const { return has("json"); }
    bool help() const { return has("help"); }

private:
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
};

/// A mistake in the command line (exit code 2, with a hint to --help).
struct UsageError {
    std::string message;
};

/// The --help text of a command.
std::string helpText(const CommandSpec& spec);

}  // namespace winnow::cli
