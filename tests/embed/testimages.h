// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Seeded synthetic images for test_embed: smooth colour fields with a few rectangles, any size.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "imageio/image.h"

namespace winnow::embedtest {

inline imageio::Image syntheticImage(std::uint64_t seed, int width, int height, int channels) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    imageio::Image im;
    im.width = width;
    im.height = height;
    im.channels = channels;
    im.pixels.resize(static_cast<std::size_t>(width) * height * channels);
    double a[3], b[3], phase[3];
    for (int c = 0; c < 3; ++c) {
        a[c] = (u(rng) - 0.5) * 12.0;
        b[c] = (u(rng) - 0.5) * 12.0;
        phase[c] = u(rng) * 6.0;
    }
    const int rects = 1 + static_cast<int>(rng() % 4);
    double rx0[4], ry0[4], rx1[4], ry1[4], rc[4][3];
    for (int r = 0; r < rects; ++r) {
        rx0[r] = u(rng);
        ry0[r] = u(rng);
        rx1[r] = rx0[r] + 0.1 + 0.4 * u(rng);
        ry1[r] = ry0[r] + 0.1 + 0.4 * u(rng);
        for (int c = 0; c < 3; ++c) rc[r][c] = u(rng);
    }
    const double scale = std::max(width, height);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const double fx = x / scale, fy = y / scale;
            for (int c = 0; c < channels; ++c) {
                double v = 0.5 + 0.3 * std::sin(a[c] * fx + b[c] * fy + phase[c]);
                for (int r = 0; r < rects; ++r) {
                    if (fx >= rx0[r] && fx < rx1[r] && fy >= ry0[r] && fy < ry1[r]) v = rc[r][c];
                }
                v += (u(rng) - 0.5) * 0.06;
                im.pixels[(static_cast<std::size_t>(y) * width + x) * channels + c] =
                    static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
            }
        }
    }
    return im;
}

/// n images of varied sizes (16 to 111 px a side), every fourth one luma.
inline std::vector<imageio::Image> syntheticSet(int n, std::uint64_t seed = 1) {
    std::vector<imageio::Image> out;
    for (int i = 0; i < n; ++i) {
        const std::uint64_t s = seed * 1000003u + static_cast<std::uint64_t>(i);
        out.push_back(syntheticImage(s, 16 + static_cast<int>(s * 7 % 96), 16 + static_cast<int>(s * 13 % 96),
                                     i % 4 == 3 ? 1 : 3));
    }
    return out;
}

/// The luma image replicated into three equal channels.
inline imageio::Image greyAsRgb(const imageio::Image& grey) {
    imageio::Image rgb;
    rgb.width = grey.width;
    rgb.height = grey.height;
    rgb.channels = 3;
    rgb.pixels.reserve(grey.pixels.size() * 3);
    for (std::uint8_t v : grey.pixels) rgb.pixels.insert(rgb.pixels.end(), {v, v, v});
    return rgb;
}

}  // namespace winnow::embedtest
