// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "imageio/image.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/error.h"
#include "imageio/internal.h"
#include "imageio/resample.h"
#include "imageio/scratch.h"

namespace winnow::imageio {
namespace detail {
namespace {

/// Offset just past the first start-of-scan marker segment header, or 0 when there is none.
std::size_t firstScanOffset(const std::uint8_t* data, std::size_t size) {
    std::size_t pos = 2;
    while (pos + 4 <= size && data[pos] == 0xFF) {
        while (pos < size && data[pos] == 0xFF) {
            ++pos;
        }
        if (pos + 3 > size) {
            return 0;
        }
        const std::uint8_t marker = data[pos++];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
            continue;
        }
        if (marker == 0xD9) {
            return 0;
        }
        const std::size_t length = (static_cast<std::size_t>(data[pos]) << 8) | data[pos + 1];
        if (marker == 0xDA) {
            return pos + length;
        }
        pos += length;
    }
    return 0;
}

/// True when an end-of-image marker follows the first scan. Entropy-coded data never contains FF D9
/// (0xFF is stuffed as FF 00), and an Exif thumbnail's own FF D9 comes before the first scan.
bool jpegIsComplete(const std::uint8_t* data, std::size_t size) {
    const std::size_t scan = firstScanOffset(data, size);
    if (scan == 0 || scan >= size) {
        return false;
    }
    for (std::size_t i = size - 1; i > scan; --i) {
        if (data[i] == 0xD9 && data[i - 1] == 0xFF) {
            return true;
        }
    }
    return false;
}

}  // namespace

PixelView viewOf(const Image& image) {
    return {image.pixels.data(), image.width, image.height, image.channels,
            static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.channels)};
}

PixelView viewOf(const cv::Mat& mat) {
    return {mat.data, mat.cols, mat.rows, mat.channels(), mat.step[0]};
}

std::string displayName(const std::string& format) {
    std::string name = format;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return name == "WEBP" ? "WebP" : name;
}

cv::Mat decodeMat(const std::uint8_t* data, std::size_t size, const HeaderInfo& header, int reduction,
                  cv::Mat* reuse) {
    if (reduction != 1 && reduction != 2 && reduction != 4 && reduction != 8) {
        throw Error("decode: reduction must be 1, 2, 4 or 8");
    }
    const std::string name = displayName(header.format);
    if (header.format == "gif") {
        throw Error("GIF images are not supported by the decoder (OpenCV 4.6)");
    }
    const bool jpeg = header.format == "jpeg";
    if (jpeg && !jpegIsComplete(data, size)) {
        throw Error("truncated or corrupt JPEG (no end-of-image marker)");
    }
    // ANYCOLOR without ANYDEPTH: 8-bit, gray stays one channel, colour becomes BGR without alpha.
    // IGNORE_ORIENTATION: stored pixels, as PIL (and hence imagededup) see them; also skips Exif parsing.
    int flags = cv::IMREAD_ANYCOLOR | cv::IMREAD_IGNORE_ORIENTATION;
    if (jpeg && reduction > 1) {
        flags |= reduction == 2 ? cv::IMREAD_REDUCED_GRAYSCALE_2
                                : reduction == 4 ? cv::IMREAD_REDUCED_GRAYSCALE_4 : cv::IMREAD_REDUCED_GRAYSCALE_8;
    }
    if (size > static_cast<std::size_t>(INT_MAX)) {
        throw Error(name + " file too large to decode (over 2 GB)");
    }
    cv::Mat mat;
    try {
        const cv::Mat buffer(1, static_cast<int>(size), CV_8UC1, const_cast<std::uint8_t*>(data));
        mat = cv::imdecode(buffer, flags, reuse);
    } catch (const cv::Exception&) {
        mat.release();
    }
    if (mat.empty()) {
        throw Error("truncated or corrupt " + name);
    }
    if (mat.depth() != CV_8U || (mat.channels() != 1 && mat.channels() != 3)) {
        throw Error("unsupported pixel format in " + name);
    }
    if (!jpeg && reduction > 1) {
        cv::Mat shrunk;
        shrinkArea(viewOf(mat), (mat.cols + reduction - 1) / reduction, (mat.rows + reduction - 1) / reduction, shrunk);
        return shrunk;
    }
    return mat;
}

void fitInside(int width, int height, int maxSide, int& outWidth, int& outHeight) {
    const int longest = std::max(width, height);
    if (longest <= maxSide) {
        outWidth = width;
        outHeight = height;
        return;
    }
    const double scale = static_cast<double>(maxSide) / longest;
    outWidth = width >= height ? maxSide : std::max(1, static_cast<int>(std::lround(width * scale)));
    outHeight = height >= width ? maxSide : std::max(1, static_cast<int>(std::lround(height * scale)));
}

void shrinkArea(const PixelView& in, int outWidth, int outHeight, cv::Mat& out) {
    out.create(outHeight, outWidth, CV_8UC(in.channels));
    resample(in, Filter::Area, outWidth, outHeight, out.data);
}

void trimScratch(cv::Mat& mat) {
    if (mat.total() * mat.elemSize() > kScratchKeepBytes) {
        mat.release();
    }
}

}  // namespace detail

Image decode(const std::uint8_t* data, std::size_t size, int reduction) {
    if (size == 0) {
        throw Error("empty file");
    }
    const auto header = probeHeader(data, size);
    if (!header) {
        throw Error("not an image (unrecognised header)");
    }
    const cv::Mat mat = detail::decodeMat(data, size, *header, reduction);
    Image image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.channels = mat.channels();
    image.pixels.resize(mat.total() * mat.elemSize());
    cv::Mat rgb(mat.rows, mat.cols, mat.type(), image.pixels.data());
    if (mat.channels() == 3) {
        cv::cvtColor(mat, rgb, cv::COLOR_BGR2RGB);
    } else {
        mat.copyTo(rgb);
    }
    return image;
}

std::vector<std::uint8_t> encodeJpeg(const Image& image, int quality) {
    if (image.empty() || (image.channels != 1 && image.channels != 3)
        || image.pixels.size() < static_cast<std::size_t>(image.width) * image.height * image.channels) {
        throw Error("encodeJpeg: need a non-empty 1- or 3-channel image");
    }
    const cv::Mat view(image.height, image.width, CV_8UC(image.channels), const_cast<std::uint8_t*>(image.pixels.data()));
    if (image.channels == 1) {
        return detail::encodeJpegMat(view, quality);
    }
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    return detail::encodeJpegMat(bgr, quality);
}

Image shrinkToFit(const Image& image, int maxSide) {
    if (maxSide <= 0) {
        throw Error("shrinkToFit: maxSide must be positive");
    }
    if (image.empty() || image.channels < 1 || image.channels > 4
        || image.pixels.size() < static_cast<std::size_t>(image.width) * image.height * image.channels) {
        throw Error("shrinkToFit: invalid image");
    }
    Image out;
    out.channels = image.channels;
    detail::fitInside(image.width, image.height, maxSide, out.width, out.height);
    if (out.width == image.width && out.height == image.height) {
        return image;
    }
    out.pixels.resize(static_cast<std::size_t>(out.width) * out.height * out.channels);
    detail::resample(detail::viewOf(image), detail::Filter::Area, out.width, out.height, out.pixels.data());
    return out;
}

void configureThreads() { cv::setNumThreads(1); }

}  // namespace winnow::imageio
