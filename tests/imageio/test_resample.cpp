// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "imageio/hashing.h"
#include "imageio/image.h"
#include "testutil.h"

// resizeLanczos against a deliberately naive transcription of Pillow's 8-bit resampling (one loop nest per
// pass, 64-bit sums), over many sizes: strip boundaries, rows fewer than a strip, rows narrower than a
// vector, up- and downscaling. The library's fast path (float strips with an exact fallback) and, in the
// scalar ctest run, its scalar path must both agree with it exactly.

using winnow::imageio::Image;
using winnow::imageio::resizeLanczos;

namespace {

double lanczos(double x) {
    const auto sinc = [](double v) { return v == 0.0 ? 1.0 : std::sin(v * M_PI) / (v * M_PI); };
    return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
}

/// Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis.
void naiveCoefficients(int in, int out, std::vector<int>& first, std::vector<std::vector<long long>>& weights) {
    const double scale = double(in) / out;
    const double filterscale = std::max(scale, 1.0);
    const double support = 3.0 * filterscale;
    first.assign(out, 0);
    weights.assign(out, {});
    for (int i = 0; i < out; ++i) {
        const double center = (i + 0.5) * scale;
        const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
        const int hi = std::min(static_cast<int>(center + support + 0.5), in);
        std::vector<double> w;
        double total = 0;
        for (int x = lo; x < hi; ++x) {
            w.push_back(lanczos((x - center + 0.5) / filterscale));
            total += w.back();
        }
        first[i] = lo;
        for (double v : w) {
            const double normal = total != 0.0 ? v / total : v;
            weights[i].push_back(static_cast<long long>(normal < 0 ? -0.5 + normal * (1 << 22) : 0.5 + normal * (1 << 22)));
        }
    }
}

std::uint8_t clip(long long sum) {
    const long long v = sum >> 22;  // floor, as Pillow's arithmetic shift
    return static_cast<std::uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
}

Image naiveResize(const Image& in, int width, int height) {
    const int c = in.channels;
    Image mid = in;
    if (width != in.width) {
        std::vector<int> first;
        std::vector<std::vector<long long>> w;
        naiveCoefficients(in.width, width, first, w);
        mid.width = width;
        mid.pixels.assign(std::size_t(width) * in.height * c, 0);
        for (int y = 0; y < in.height; ++y) {
            for (int x = 0; x < width; ++x) {
                for (int ch = 0; ch < c; ++ch) {
                    long long sum = 1 << 21;
                    for (std::size_t t = 0; t < w[x].size(); ++t) {
                        sum += in.pixels[(std::size_t(y) * in.width + first[x] + t) * c + ch] * w[x][t];
                    }
                    mid.pixels[(std::size_t(y) * width + x) * c + ch] = clip(sum);
                }
            }
        }
    }
    Image out = mid;
    if (height != in.height) {
        std::vector<int> first;
        std::vector<std::vector<long long>> w;
        naiveCoefficients(in.height, height, first, w);
        out.height = height;
        out.pixels.assign(std::size_t(mid.width) * height * c, 0);
        for (int y = 0; y < height; ++y) {
            for (int i = 0; i < mid.width * c; ++i) {
                long long sum = 1 << 21;
                for (std::size_t t = 0; t < w[y].size(); ++t) {
                    sum += mid.pixels[(first[y] + t) * std::size_t(mid.width) * c + i] * w[y][t];
                }
                out.pixels[std::size_t(y) * mid.width * c + i] = clip(sum);
            }
        }
    }
    return out;
}

Image randomImage(cv::RNG& rng, int width, int height, int channels, bool smooth) {
    cv::Mat m(height, width, CV_8UC(channels));
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    if (smooth && width > 2 && height > 2) {
        cv::blur(m, m, {3, 3});
    }
    Image image;
    image.width = width;
    image.height = height;
    image.channels = channels;
    image.pixels.assign(m.data, m.data + m.total() * m.elemSize());
    return image;
}

}  // namespace

TEST(ResizeLanczos, MatchesNaivePillowTranscriptionOnManySizes) {
    cv::RNG rng(2026);
    struct Size {
        int w, h;
    };
    const std::vector<std::pair<Size, Size>> fixed = {
        {{320, 240}, {32, 32}}, {{320, 240}, {9, 8}},  {{1, 1}, {32, 32}},   {{5, 3}, {9, 8}},
        {{7, 200}, {32, 32}},   {{300, 9}, {9, 8}},    {{17, 17}, {17, 40}}, {{64, 64}, {64, 63}},
        {{2000, 1}, {9, 8}},    {{33, 129}, {23, 19}}, {{16, 8}, {3, 2}},    {{100, 37}, {250, 91}},
    };
    int cases = 0;
    for (int channels : {1, 3}) {
        std::vector<std::pair<Size, Size>> sizes = fixed;
        for (int i = 0; i < 20; ++i) {
            sizes.push_back({{rng.uniform(1, 180), rng.uniform(1, 140)}, {rng.uniform(1, 70), rng.uniform(1, 70)}});
        }
        for (const auto& [from, to] : sizes) {
            for (bool smooth : {false, true}) {
                SCOPED_TRACE(std::to_string(from.w) + "x" + std::to_string(from.h) + "x" + std::to_string(channels)
                             + " -> " + std::to_string(to.w) + "x" + std::to_string(to.h));
                const Image image = randomImage(rng, from.w, from.h, channels, smooth);
                const Image fast = resizeLanczos(image, to.w, to.h);
                const Image naive = naiveResize(image, to.w, to.h);
                ASSERT_EQ(fast.pixels.size(), naive.pixels.size());
                EXPECT_EQ(fast.pixels, naive.pixels);
                ++cases;
            }
        }
    }
    EXPECT_EQ(cases, 2 * 2 * (12 + 20));
}
