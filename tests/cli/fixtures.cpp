// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixtures.h"

#include <fstream>
#include <random>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace winnow::test {

void writePhoto(const std::filesystem::path& path, int width, int height, int seed, int jpegQuality) {
    cv::Mat img(height, width, CV_8UC3);
    std::mt19937 rng(static_cast<unsigned>(seed));
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double fx = 1 + 4 * u(rng), fy = 1 + 4 * u(rng), phase = 6.28 * u(rng);
    const double cx = width * u(rng), cy = height * u(rng), r = (0.1 + 0.3 * u(rng)) * std::min(width, height);
    std::normal_distribution<double> noise(0.0, 6.0);
    for (int y = 0; y < height; ++y) {
        auto* row = img.ptr<cv::Vec3b>(y);
        for (int x = 0; x < width; ++x) {
            const double gx = static_cast<double>(x) / width, gy = static_cast<double>(y) / height;
            double b = 128 + 90 * std::sin(fx * gx * 6.28 + phase) * std::cos(fy * gy * 6.28);
            double g = 60 + 150 * gy;
            double red = 60 + 150 * gx;
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                b = 255 - b;
                red = 30;
            }
            row[x] = cv::Vec3b(cv::saturate_cast<uchar>(b + noise(rng)), cv::saturate_cast<uchar>(g + noise(rng)),
                               cv::saturate_cast<uchar>(red + noise(rng)));
        }
    }
    std::vector<int> params;
    if (path.extension() == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, jpegQuality};
    cv::imwrite(path.string(), img, params);
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace winnow::test
