// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/types.h"
#include "imageio/image.h"

namespace winnow::ingest {

/// The bytes of the tar member whose header starts at headerOffset in shard (GNU long-name and pax
/// headers before it are skipped). Throws winnow::Error naming the shard and the problem.
std::vector<std::uint8_t> readTarMember(const std::string& shard, std::int64_t headerOffset);

/// The encoded bytes of a sample: the file at uri, or its tar member. Throws winnow::Error (a sample whose
/// pixels are stored raw, IDX, has no encoded bytes: use loadSampleImage).
std::vector<std::uint8_t> readSampleBytes(const catalog::Sample& sample);

/// Decodes a sample's image for analysis (embedding, metrics): a file, a tar member or the raw IDX pixels
/// in dataDir (PROJECT.winnow.d). minSide > 0 lets JPEGs decode at a reduced size (1/2, 1/4, 1/8 in the
/// DCT domain) as long as the shorter side stays >= minSide; 0 decodes at full size. Images above
/// maxPixels (by their header) are refused. Thread-safe (no shared state). Throws winnow::Error with the
/// sample's uri in the message.
imageio::Image loadSampleImage(const catalog::Sample& sample, const std::string& dataDir, int minSide = 0,
                               std::int64_t maxPixels = std::int64_t(16384) * 16384);

}  // namespace winnow::ingest
