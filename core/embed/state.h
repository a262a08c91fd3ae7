// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/embed: the built-in embedder's state file.
//
// Layout (all integers and floats little-endian):
//   24 bytes  magic "WINNOW-BUILTIN-EMBEDDER\n"
//   u32       format version (kStateFormat)
//   u32       raw feature version (features.h kFeatureVersion)
//   u32       input (raw) dimension
//   u32       output dimension D
//   i64       number of images fitted
//   f64       epsilon
//   f64 x D   eigenvalues, descending
//   f32 x in  mean
//   f32 x D*in projection, row-major
//   32 bytes  SHA-256 of everything above

#include <cstdint>
#include <string>
#include <vector>

#include "embed/whitening.h"

namespace winnow::embed::detail {

constexpr std::uint32_t kStateFormat = 1;

/// The bytes of a state file.
std::vector<std::uint8_t> serializeState(const Whitening& w, int featureVersion);

/// Parses and validates a state file's bytes; `name` (the path) prefixes the messages. Throws
/// winnow::Error: not a state file (magic), newer format, other feature version, sizes that do not match
/// this build or the file length, checksum mismatch, non-finite numbers.
Whitening parseState(const std::vector<std::uint8_t>& bytes, int featureVersion, int rawDim,
                     const std::string& name);

/// Lower-case hex SHA-256 (OpenSSL EVP). Throws winnow::Error if OpenSSL fails.
std::string sha256Hex(const std::uint8_t* data, std::size_t size);

}  // namespace winnow::embed::detail
