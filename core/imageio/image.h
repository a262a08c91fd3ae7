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
    /// EXIF orientation 1-8 (JPEG Exif segment or TIFF IFD0 tag 274); 1 (upright) when absent. width and
    /// height are of the stored pixels, before this rotation.
    int orientation = 1;
};

/// Reads format and dimensions from the first bytes of an encoded image (JPEG SOF, PNG IHDR, BMP, WebP
/// VP8/VP8L/VP8X, TIFF or BigTIFF IFD0, GIF). Returns nullopt when the bytes are no image format we know;
/// a known signature whose header is too short or malformed to give the size has width = height = 0.
/// Never decodes pixels, so it is safe to call before deciding whether an image is too large to decode.
std::optional<HeaderInfo> probeHeader(const std::uint8_t* data, std::size_t size);

/// Decodes with OpenCV. reduction is 1, 2, 4 or 8; for JPEG it is done in the DCT domain
/// (IMREAD_REDUCED_*), for other formats the full image is decoded and shrunk by area averaging; either
/// way the result is ceil(width / reduction) x ceil(height / reduction).
/// Returns RGB (3 channels) or luma (1 channel) for grayscale sources; alpha is dropped, 16-bit samples
/// are scaled to 8 bits, EXIF orientation is not applied (as PIL and imagededup, so hashes agree).
/// A JPEG without an end-of-image marker after its first scan counts as truncated (libjpeg would
/// silently pad it with gray). Throws winnow::Error with a message for people ("empty file", "not an
/// image (unrecognised header)", "truncated or corrupt JPEG", ...).
Image decode(const std::uint8_t* data, std::size_t size, int reduction = 1);

/// Encodes an image as JPEG (quality 0-100). Throws winnow::Error.
std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality);

/// Encodes an image as PNG (lossless; used to write out raw IDX records). Throws winnow::Error.
std::vector<std::uint8_t> encodePng(const Image& image);

/// Resizes to longest side maxSide by area averaging (never enlarges; other side rounded, at least 1).
/// Area averaging is the INTER_AREA definition; it is computed by imageio's separable fixed-point
/// resampler, which is about three times faster than OpenCV 4.6's INTER_AREA at non-integer factors and
/// differs from cv::resize(INTER_AREA) by at most 1 per sample (rounding). Throws winnow::Error.
Image shrinkToFit(const Image& image, int maxSide);

/// Makes OpenCV run single-threaded (process-wide: cv::setNumThreads(1)). Call once before analysing
/// images in a pool of worker threads, so that OpenCV calls inside them do not start threads of their own
/// and oversubscribe the cores. imageio never changes this setting by itself.
void configureThreads();

}  // namespace winnow::imageio
