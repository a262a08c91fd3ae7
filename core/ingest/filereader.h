// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace winnow::ingest {

/// Reads a whole file. On failure returns nothing and sets error to a message for people
/// ("file not found", "permission denied", "larger than the limit of N bytes"). Thread-safe.
std::vector<std::uint8_t> readFile(const std::string& path, std::int64_t maxBytes, std::string& error);

}  // namespace winnow::ingest
