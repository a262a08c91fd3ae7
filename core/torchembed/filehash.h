// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace winnow::torchembed {

/// SHA-256 of a file's bytes (OpenSSL EVP, read in 1 MiB blocks) as 64 lowercase hex characters.
/// Throws winnow::Error when the file cannot be read. Cost: O(file size), about 1 s per 500 MB.
std::string sha256File(const std::string& path);

}  // namespace winnow::torchembed
