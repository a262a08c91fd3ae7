// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace winnow::bench {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// --name value pairs after the subcommand.
class Options {
public:
    Options(int argc, char** argv, int first);
    std::string text(const std::string& name, const std::string& fallback = {}) const;
    std::string required(const std::string& name) const;
    long long integer(const std::string& name, long long fallback) const;
    double number(const std::string& name, double fallback) const;

private:
    std::map<std::string, std::string> m_values;
};

int runGenerate(const Options& o);
int runBandwidth(const Options& o);
int runKCenter(const Options& o);
int runKMeans(const Options& o);
int runKnn(const Options& o);

}  // namespace winnow::bench
