// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/error.h"
#include "imageio/image.h"

namespace winnow::imageio {

std::vector<std::uint8_t> encodePng(const Image& image) {
    if (image.empty() || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() < static_cast<std::size_t>(image.width) * image.height * image.channels) {
        throw Error("encodePng: need a non-empty 1- or 3-channel image");
    }
    const cv::Mat view(image.height, image.width, CV_8UC(image.channels), const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat out = view;
    if (image.channels == 3) cv::cvtColor(view, out, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> bytes;
    try {
        if (!cv::imencode(".png", out, bytes)) throw Error("PNG encoding failed");
    } catch (const cv::Exception& e) {
        throw Error(std::string("PNG encoding failed: ") + e.err);
    }
    return bytes;
}

}  // namespace winnow::imageio
