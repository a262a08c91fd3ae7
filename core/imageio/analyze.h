// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "imageio/image.h"

namespace winnow::imageio {

/// Knobs of per-image analysis during ingest.
struct AnalyzeParams {
    /// Images whose header declares more pixels than this are refused before decoding.
    std::int64_t maxPixels = 16384LL * 16384LL;
    /// Encoded inputs larger than this many bytes are refused.
    std::int64_t maxBytes = 1LL << 30;
    /// JPEGs are decoded at the largest DCT reduction (1/2, 1/4, 1/8) whose longest side stays >= this.
    int reducedDecodeMinSide = 256;
    /// Blur, brightness and contrast are computed on the decoded image shrunk to this longest side.
    int statsMaxSide = 512;
    /// Longest side of the thumbnail in pixels; smaller images keep their size.
    int thumbnailSize = 128;
    /// JPEG quality of the thumbnail.
    int thumbnailQuality = 85;
};

/// Per-image quality statistics (ALGORITHMS.md section 10, "Quality statistics").
struct QualityStats {
    double blur = 0;        ///< variance of the 3x3 Laplacian of 8-bit luma (CV_64F)
    double brightness = 0;  ///< mean luma, 0-255
    double contrast = 0;    ///< standard deviation of luma
};

/// Everything ingest records about one image. Thread-safe to compute; no shared state.
struct Analysis {
    bool ok = false;
    std::string error;   ///< human-readable reason when !ok ("truncated or corrupt JPEG", ...)
    std::string sha512;  ///< hex SHA-512 of the input bytes (file/member bytes, or raw pixel bytes); set even when decoding fails
    std::int64_t byteSize = 0;
    int width = 0;       ///< of the original image (header or raw), not of the reduced decode
    int height = 0;
    int channels = 0;
    std::string format;  ///< "jpeg", "png", ..., or "raw" for raw pixels
    std::uint64_t phash = 0;  ///< of the stored pixels, EXIF orientation not applied (as imagededup)
    std::uint64_t dhash = 0;
    QualityStats stats;
    std::vector<std::uint8_t> thumbnail;  ///< JPEG bytes, turned upright by the EXIF orientation
    int thumbnailWidth = 0;               ///< after that rotation
    int thumbnailHeight = 0;
    int orientation = 1;  ///< EXIF orientation of the source (1-8, see HeaderInfo); 1 for raw pixels
};

/// Computes quality statistics of an image: BT.601 luma as OpenCV's cvtColor, shrunk to maxSide by area
/// averaging when larger (maxSide <= 0: never), then the Laplacian variance, mean and standard deviation.
QualityStats qualityStats(const Image& image, int maxSide);

/// Hashes, probes, decodes (reduced where possible) and measures encoded image bytes. Never throws:
/// failures come back as ok = false with error set. Order: SHA-512 of all bytes (always set), size
/// limits, header (format, original size, channels, orientation), pixel limit checked before decoding,
/// JPEG decoded at the largest DCT reduction allowed by reducedDecodeMinSide, then pHash/dHash of the
/// decoded (possibly reduced) pixels, statistics and thumbnail. Safe to call from many threads at once;
/// call configureThreads() once before doing so. Each calling thread keeps small caches (resampling
/// kernels, scratch buffers up to a few MB) for its lifetime.
Analysis analyzeEncoded(const std::uint8_t* data, std::size_t size, const AnalyzeParams& params = {});

/// Same for raw 8-bit pixels (IDX records): sha512 is over the raw bytes, format "raw".
Analysis analyzeRaw(const std::uint8_t* pixels, int width, int height, int channels,
                    const AnalyzeParams& params = {});

}  // namespace winnow::imageio
