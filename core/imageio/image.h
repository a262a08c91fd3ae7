// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace winnow::imageio {

/// An 8-bit image, rows top to bottom, pixels interleaved, no row padding.
/// channels is 1 (luma) or 3 (R, G, B in that order; never BGR outside imageio's .cpp files).
struct Image {
    int width = 0;
    int height = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;  ///< width * height * channels bytes

    bool empty() const { return width <= 0 || height <= 0; }
};

/// What a file's header says, read without decoding any pixels.
struct HeaderInfo {
    std::string format;  ///< "jpeg", "png", "webp", "bmp", "tiff", "gif"
    int width = 0;
    int height = 0;
    int channels = 0;  ///< 0 when the header does not say
};

/// Reads format and dimensions from the first bytes of an encoded image (JPEG SOF, PNG IHDR, BMP, WebP
/// VP8/VP8L/VP8X, TIFF IFD0, GIF). Returns nullopt when the bytes are no image format we know.
std::optional<HeaderInfo> probeHeader(const std::uint8_t* data, std::size_t size);

/// Decodes with OpenCV. reduction is 1, 2, 4 or 8; for JPEG it is done in the DCT domain
/// (IMREAD_REDUCED_*), for other formats the full image is decoded and shrunk with INTER_AREA.
/// Returns RGB (3 channels) or luma (1 channel) for grayscale sources. Throws winnow::Error.
Image decode(const std::uint8_t* data, std::size_t size, int reduction = 1);

/// Encodes an image as JPEG (quality 0-100). Throws winnow::Error.
std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality);

/// Resizes to longest side maxSide with INTER_AREA (never enlarges).
Image shrinkToFit(const Image& image, int maxSide);

}  // namespace winnow::imageio
