// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Command lines of the C++ benchmark programs (bench_ingest, bench_select, bench_embedstore): a subcommand
// followed by "--name value" (or "--name=value") options, one JSON line on stdout, exit status 0, 1 when
// something failed, 2 on bad usage. Header-only.
#pragma once

#include <cstring>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace winnow::bench {

/// Thrown for bad usage; runSubcommand prints it with the usage line and exits with status 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Command-line options "--name value" or "--name=value" from argv[first] on.
class Options {
public:
    Options(int argc, char** argv, int first) {
        for (int k = first; k < argc; ++k) {
            const std::string arg = argv[k];
            if (arg.rfind("--", 0) != 0) throw UsageError("unexpected argument " + arg);
            const auto eq = arg.find('=');
            if (eq != std::string::npos) {
                m_values[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
            } else {
                if (k + 1 >= argc) throw UsageError("missing value after " + arg);
                m_values[arg.substr(2)] = argv[++k];
            }
        }
    }

    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    std::string text(const std::string& name, const std::string& fallback = {}) const {
        const auto it = m_values.find(name);
        return it == m_values.end() ? fallback : it->second;
    }
    /// Throws UsageError when the option is absent.
    std::string required(const std::string& name) const {
        const auto it = m_values.find(name);
        if (it == m_values.end()) throw UsageError("--" + name + " is required");
        return it->second;
    }
    /// Throws UsageError when the value is not an integer.
    long long integer(const std::string& name, long long fallback) const {
        return parsed(name, fallback, "an integer", [](const std::string& s, std::size_t* used) { return std::stoll(s, used); });
    }
    /// Throws UsageError when the value is not a number.
    double number(const std::string& name, double fallback) const {
        return parsed(name, fallback, "a number", [](const std::string& s, std::size_t* used) { return std::stod(s, used); });
    }

private:
    template <typename T, typename Parse>
    T parsed(const std::string& name, T fallback, const char* what, Parse parse) const {
        const auto it = m_values.find(name);
        if (it == m_values.end()) return fallback;
        try {
            std::size_t used = 0;
            const T v = parse(it->second, &used);
            if (used == it->second.size()) return v;
        } catch (const std::logic_error&) {
        }
        throw UsageError("--" + name + " needs " + what + ", got " + it->second);
    }

    std::map<std::string, std::string> m_values;
};

using Subcommand = int (*)(const Options&);

/// The whole main() of a benchmark program: `program SUBCOMMAND [--option value ...]`. Runs the named
/// subcommand with the options after it and returns its status; prints usage and returns 2 on bad usage
/// (0 for --help), prints the error and returns 1 when the subcommand throws anything else.
inline int runSubcommand(int argc, char** argv, const char* program,
                         const std::vector<std::pair<std::string, Subcommand>>& subcommands) {
    std::string names;
    for (const auto& [name, run] : subcommands) names += (names.empty() ? "" : "|") + name;
    const std::string usage = std::string("usage: ") + program + " " + names + " [--option value ...] (see main.cpp)\n";
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0) {
        std::cerr << usage;
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    try {
        const Options options(argc, argv, 2);
        for (const auto& [name, run] : subcommands)
            if (name == command) return run(options);
        throw UsageError("unknown subcommand " + command);
    } catch (const UsageError& e) {
        std::cerr << program << ": " << e.what() << "\n" << usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << program << " " << command << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace winnow::bench
