// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "args.h"

#include <sstream>

namespace winnow::cli {

namespace {
const OptionSpec* findOption(const CommandSpec& spec, const std::string& name) {
    for (const auto& o : spec.options)
        if (o.name == name) return &o;
    return nullptr;
}
}  // namespace

Args::Args(const CommandSpec& spec, const std::vector<std::string>& argv) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--") {
            m_positionals.insert(m_positionals.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
            break;
        }
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> inlineValue;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name.erase(eq);
            }
            if (name == "help") {
                m_values["help"].push_back("");
                continue;
            }
            const OptionSpec* opt = findOption(spec, name);
            if (!opt) throw UsageError{"unknown option --" + name + " for '" + spec.name + "'"};
            if (opt->value.empty()) {
                if (inlineValue) throw UsageError{"--" + name + " takes no value"};
                m_values[name].push_back("");
            } else {
                if (!inlineValue) {
                    if (i + 1 >= argv.size()) throw UsageError{"--" + name + " needs a value (" + opt->value + ")"};
                    inlineValue = argv[++i];
                }
                auto& list = m_values[name];
                if (!list.empty() && !opt->repeatable) throw UsageError{"--" + name + " given twice"};
                list.push_back(*inlineValue);
            }
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            if (a == "-h") {
                m_values["help"].push_back("");
                continue;
            }
            throw UsageError{"unknown option " + a + " (options are spelled --name)"};
        } else {
            m_positionals.push_back(a);
        }
    }
    std::size_t required = 0;  // positionals written "[NAME]" are optional and come last
    for (const auto& p : spec.positionals)
        if (p.empty() || p.front() != '[') ++required;
    if (!help() && (m_positionals.size() < required || m_positionals.size() > spec.positionals.size())) {
        std::string expected;
        for (const auto& p : spec.positionals) expected += " " + p;
        throw UsageError{"'" + spec.name + "' expects" + (expected.empty() ? std::string(" no arguments") : expected) +
                         ", got " + std::to_string(m_positionals.size()) + " argument(s)"};
    }
}

std::optional<std::string> Args::value(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::values(const std::string& name) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>() : it->second;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

long long Args::integer(const std::string& name, long long fallback, long long min, long long max) const {
    auto v = value(name);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        const long long n = std::stoll(*v, &used);
        if (used != v->size()) throw std::invalid_argument("trailing");
        if (n < min || n > max) throw std::out_of_range("range");
        return n;
    } catch (const std::exception&) {
        throw UsageError{"--" + name + " must be an integer from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", not '" + *v + "'"};
    }
}

std::string helpText(const CommandSpec& spec) {
    std::ostringstream out;
    out << "Usage: winnow-cli " << spec.name;
    for (const auto& p : spec.positionals) out << ' ' << p;
    if (!spec.options.empty()) out << " [options]";
    out << "\n\n" << spec.summary << "\n\nOptions:\n";
    auto line = [&](const std::string& left, const std::string& help) {
        out << "  " << left;
        if (left.size() < 26) out << std::string(26 - left.size(), ' ');
        else out << "\n" << std::string(28, ' ');
        out << help << '\n';
    };
    for (const auto& o : spec.options) line("--" + o.name + (o.value.empty() ? "" : " " + o.value), o.help);
    line("--help", "show this help and exit");
    if (!spec.details.empty()) out << '\n' << spec.details << '\n';
    return out.str();
}

}  // namespace winnow::cli
