// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to core/imageio's .cpp files: not part of the public API (it includes OpenCV).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "imageio/analyze.h"
#include "imageio/image.h"

namespace winnow::imageio::detail {

/// Order of the colour channels of 3-channel pixels: OpenCV hands out BGR, the public API speaks RGB.
enum class ChannelOrder { Rgb, Bgr };

/// Read-only view of 8-bit interleaved pixels; rows may be padded (stride >= width * channels).
struct PixelView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int channels = 0;
    std::size_t stride = 0;  ///< bytes from one row to the next

    const std::uint8_t* row(int y) const { return data + static_cast<std::size_t>(y) * stride; }
};

PixelView viewOf(const Image& image);
PixelView viewOf(const cv::Mat& mat);  ///< mat must be CV_8UC1 or CV_8UC3

/// "JPEG", "PNG", ... for messages.
std::string displayName(const std::string& format);

/// Decodes to CV_8UC1 (grayscale sources) or CV_8UC3 (BGR), alpha dropped, EXIF orientation ignored
/// (as PIL and imagededup do). reduction 2/4/8 is done in the DCT domain for JPEG and with area
/// averaging otherwise; the result is ceil(width / reduction) x ceil(height / reduction).
/// `reuse`, when given, is decoded into (its buffer is reused when the size matches) and the result shares
/// its pixels.
cv::Mat decodeMat(const std::uint8_t* data, std::size_t size, const HeaderInfo& header, int reduction,
                  cv::Mat* reuse = nullptr);

/// JPEG bytes of a CV_8UC1 or CV_8UC3 (BGR) matrix.
std::vector<std::uint8_t> encodeJpegMat(const cv::Mat& mat, int quality);

/// Dimensions that fit width x height into maxSide on the longest side, keeping the aspect ratio
/// (never enlarging, never below 1 pixel).
void fitInside(int width, int height, int maxSide, int& outWidth, int& outHeight);

/// Area-average shrink of any view to outWidth x outHeight (see shrinkToFit) into out, which is
/// (re)allocated only when its size or type differs.
void shrinkArea(const PixelView& in, int outWidth, int outHeight, cv::Mat& out);

/// Releases a per-thread scratch matrix that is too large to keep for the next call (see Scratch).
void trimScratch(cv::Mat& mat);

struct ResizeRequest;

/// pHash and/or dHash (null pointers are skipped) of a 1- or 3-channel view: Pillow LANCZOS resize first,
/// then PIL "L" luma. `extra`, when given, is one more resize of the same view made in the same sweep
/// (the thumbnail during analysis), which shares the resampler's conversion of the input.
void hashesOf(const PixelView& in, ChannelOrder order, std::uint64_t* phash, std::uint64_t* dhash,
              const ResizeRequest* extra = nullptr);

/// Quality statistics of a 1- or 3-channel view (see qualityStats).
QualityStats statsOf(const PixelView& in, ChannelOrder order, int maxSide);

}  // namespace winnow::imageio::detail
