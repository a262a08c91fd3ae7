// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

}  // namespace winnow::cli
