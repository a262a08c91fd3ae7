// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "catalog/types.h"

namespace winnow::catalog {

class Statement;

/// Turns a SampleFilter into an SQL WHERE/ORDER clause over `samples s` with positional parameters.
/// Internal to the catalog module.
struct SampleQuery {
    std::string where;  ///< " WHERE ..." or ""
    std::string order;  ///< " ORDER BY ..."
    std::vector<std::variant<std::int64_t, double, std::string>> params;

    explicit SampleQuery(const SampleFilter& filter);
    /// Binds the parameters starting at index 1; returns the next free index.
    int bind(Statement& st) const;
};

/// Columns selected for a full Sample, in the order readSample expects.
extern const char* const kSampleColumns;
Sample readSample(const Statement& st);

}  // namespace winnow::catalog
