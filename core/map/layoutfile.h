// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "select/matrix.h"

namespace winnow::map {

/// A cached layout and the key it was computed for (e.g. embedder name + cacheKey(params)).
struct LayoutFile {
    select::Matrix layout;  ///< rows x 2
    std::string key;
};

/// Writes layout (cols must be 2, all values finite) and key to path: magic "WNNWLYT1", uint32 version 1,
/// uint32 columns 2, int64 rows, uint32 key length, the key's bytes, rows x 2 float32, then the 64-bit
/// FNV-1a hash of every byte before it; all little-endian. Written to path + ".tmp" and renamed, so a
/// reader never sees half a file. Throws std::invalid_argument for a bad layout or a key over 1 MiB,
/// winnow::Error naming the file on I/O failure.
void saveLayout(const std::string& path, const select::Matrix& layout, const std::string& key);

/// Reads a file written by saveLayout(). Throws winnow::Error naming the file and the problem for a
/// missing or unreadable file, a wrong magic, version or column count, a size that does not match the
/// header, a hash mismatch or a non-finite value.
LayoutFile loadLayout(const std::string& path);

}  // namespace winnow::map
