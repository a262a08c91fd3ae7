// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <unistd.h>

#include <cstdio>

#include "commands.h"
#include "common/progress.h"

namespace winnow::cli {

/// Progress of a winnow-cli command: canceled once SIGINT/SIGTERM arrived, reports ignored.
/// Commands that show progress derive from it and override report().
class SignalProgress : public Progress {
public:
    bool isCanceled() const override { return interrupted(); }
    void report(std::int64_t, std::int64_t, std::string_view) override {}
};

/// Progress on stderr (a single updating line on a terminal), canceled by SIGINT/SIGTERM.
class ConsoleProgress : public SignalProgress {
public:
    explicit ConsoleProgress(bool quiet) : m_show(!quiet && ::isatty(STDERR_FILENO)) {}
    ~ConsoleProgress() override {
        if (m_shown) std::fputc('\n', stderr);
    }
    void report(std::int64_t done, std::int64_t total, std::string_view stage) override {
        if (!m_show) return;
        m_shown = true;
        if (total > 0)
            std::fprintf(stderr, "\r%.*s: %lld / %lld   ", static_cast<int>(stage.size()), stage.data(),
                         static_cast<long long>(done), static_cast<long long>(total));
        else
            std::fprintf(stderr, "\r%.*s: %lld   ", static_cast<int>(stage.size()), stage.data(),
                         static_cast<long long>(done));
        std::fflush(stderr);
    }

private:
    bool m_show;
    bool m_shown = false;
};

}  // namespace winnow::cli
