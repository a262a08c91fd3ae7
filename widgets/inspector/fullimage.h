// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/types.h"

namespace winnow::widgets {

/// A full-size image read for the inspector, with where it came from.
struct FullImage {
    QImage image;  ///< null when it could not be read
    QString note;  ///< "" when fine; otherwise why the image is missing or reduced
};

/// Knobs of full-image reading.
struct FullImageParams {
    /// Images are decoded at most this large on their longest side (QImageReader scales while decoding).
    int maxSide = 4096;
};

/// Reads the full image of a sample: the file at uri, a tar member (the header at blobOffset in the
/// shard at uri), or raw IDX pixels (PROJECT.winnow.d/<blob>, blobSize bytes at blobOffset,
/// width x height x channels 8-bit). Never throws.
/// Thread affinity: a worker thread of the decode pool (it reads files and decodes).
FullImage loadFullImage(const catalog::Sample& sample, const std::string& dataDir,
                        const FullImageParams& params = {});

/// Raw 8-bit pixels (1, 3 or 4 channels, rows packed) as a QImage (a deep copy); null when inconsistent.
QImage imageFromRawPixels(const std::uint8_t* pixels, std::size_t size, int width, int height, int channels);

/// The bytes of the tar member whose header starts at `headerOffset` (GNU long-name and pax headers
/// before it are skipped). Empty with *error set on failure.
std::vector<std::uint8_t> readTarMember(const std::string& shard, std::int64_t headerOffset, QString* error);

}  // namespace winnow::widgets
