// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/map: numbers in cache keys.

#include <charconv>
#include <string>

namespace winnow::map::detail {

/// The shortest text that reads back as v ("0.1", "1", "1e-05").
inline std::string keyNumber(double v) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

}  // namespace winnow::map::detail
