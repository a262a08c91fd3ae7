// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// winnow-cli: the headless twin of the GUI. Every command has --json with a stable, documented shape
// (docs/CLI.md); errors go to stderr.
#include <csignal>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "common/error.h"

namespace winnow::cli {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void onSignal(int) { g_interrupted = 1; }

void printUsage(std::ostream& out) {
    out << "Usage: winnow-cli COMMAND [arguments] [options]\n\n"
           "Curate image datasets for generative models, headless. PROJECT is a NAME.winnow file.\n\n"
           "Commands:\n";
    for (const auto& c : commands()) {
        std::string left = c.spec.name;
        out << "  " << left << std::string(left.size() < 14 ? 14 - left.size() : 1, ' ') << c.spec.summary << '\n';
    }
    out << "\nRun 'winnow-cli COMMAND --help' for a command's options. Every command takes --json.\n";
}
}  // namespace

bool interrupted() { return g_interrupted != 0; }

void printJson(const nlohmann::json& doc) {
    std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

}  // namespace winnow::cli

int main(int argc, char** argv) {
    using namespace winnow::cli;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::vector<std::string> rest(argv + 1, argv + argc);
    if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
        printUsage(rest.empty() ? std::cerr : std::cout);
        return rest.empty() ? kFatal : kOk;
    }
    if (rest[0] == "--version") {
        std::cout << "winnow-cli " << WINNOW_VERSION << '\n';
        return kOk;
    }
    const std::string name = rest[0];
    rest.erase(rest.begin());
    for (const auto& c : commands()) {
        if (c.spec.name != name) continue;
        try {
            Args args(c.spec, rest);
            if (args.help()) {
                std::cout << helpText(c.spec);
                return kOk;
            }
            return c.run(args);
        } catch (const UsageError& e) {
            std::cerr << "winnow-cli " << name << ": " << e.message << "\n"
                      << "Try 'winnow-cli " << name << " --help'.\n";
            return kFatal;
        } catch (const winnow::Canceled&) {
            std::cerr << "winnow-cli " << name << ": interrupted\n";
            return kInterrupted;
        } catch (const std::exception& e) {
            std::cerr << "winnow-cli " << name << ": error: " << e.what() << '\n';
            return kFatal;
        }
    }
    std::cerr << "winnow-cli: unknown command '" << name << "'\n";
    printUsage(std::cerr);
    return kFatal;
}
