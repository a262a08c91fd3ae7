// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the imageio tests: fixture paths, in-memory encoding with OpenCV, synthetic images.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imageio/image.h"

namespace winnow::imageio::test {

using Bytes = std::vector<std::uint8_t>;

inline std::string fixturePath(const std::string& name) {
    return std::string(WINNOW_TEST_DATA_DIR) + "/imageio/" + name;
}

inline Bytes readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Encodes with OpenCV (ext ".png", ".jpg", ...); an empty result means the codec is not built in.
inline Bytes encode(const cv::Mat& mat, const std::string& ext, const std::vector<int>& params = {}) {
    Bytes out;
    try {
        if (!cv::imencode(ext, mat, out, params)) {
            out.clear();
        }
    } catch (const cv::Exception&) {
        out.clear();
    }
    return out;
}

/// Smooth gradients, soft discs and mild noise: compresses and decodes like a photograph. BGR.
inline cv::Mat photoLike(int width, int height, int seed) {
    cv::RNG rng(static_cast<std::uint64_t>(seed) * 7919 + 17);
    cv::Mat m(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<std::uint8_t>(128 + 100 * std::sin(x * 0.02 + seed)),
                                              static_cast<std::uint8_t>(x * 255 / width),
                                              static_cast<std::uint8_t>(y * 255 / height));
        }
    }
    for (int i = 0; i < 25; ++i) {
        cv::circle(m, {rng.uniform(0, width), rng.uniform(0, height)}, rng.uniform(4, std::max(5, width / 8)),
                   cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), -1, cv::LINE_AA);
    }
    cv::GaussianBlur(m, m, {3, 3}, 0);
    cv::Mat noise(height, width, CV_8UC3);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 12);
    cv::add(m, noise, m);
    return m;
}

inline Image toImage(const cv::Mat& bgrOrGray) {
    Image image;
    image.width = bgrOrGray.cols;
    image.height = bgrOrGray.rows;
    image.channels = bgrOrGray.channels();
    cv::Mat rgb;
    if (image.channels == 3) {
        cv::cvtColor(bgrOrGray, rgb, cv::COLOR_BGR2RGB);
    } else {
        rgb = bgrOrGray.clone();
    }
    image.pixels.assign(rgb.data, rgb.data + rgb.total() * rgb.elemSize());
    return image;
}

inline Bytes fromHex(const std::string& hex) {
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    }
    return out;
}

}  // namespace winnow::imageio::test
