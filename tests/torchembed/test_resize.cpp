// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "common/error.h"
#include "fixtures.h"
#include "imageio/resize.h"
#include "torchembed/preprocess.h"

// imageio::resizePil (all four PIL filters) and resizePilFloat against Pillow 9.4, and torchBilinear against
// torch 1.13's F.interpolate, on the fixtures of make_preprocess.py.

using winnow::imageio::Image;
using winnow::imageio::ResizeFilter;
using namespace winnow::torchembed::test;

namespace {

const std::map<std::string, ResizeFilter> kFilters = {{"nearest", ResizeFilter::Nearest},
                                                      {"bilinear", ResizeFilter::Bilinear},
                                                      {"bicubic", ResizeFilter::Bicubic},
                                                      {"lanczos", ResizeFilter::Lanczos}};

/// "a/b/c/WxH" split at '/'.
std::vector<std::string> split(const std::string& key) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t slash; (slash = key.find('/', start)) != std::string::npos; start = slash + 1) {
        parts.push_back(key.substr(start, slash - start));
    }
    parts.push_back(key.substr(start));
    return parts;
}

void parseSize(const std::string& s, int& w, int& h) {
    const auto x = s.find('x');
    w = std::stoi(s.substr(0, x));
    h = std::stoi(s.substr(x + 1));
}

std::vector<float> plane0() {
    const Image image = fixtureImage("noise_rgb_97x61");
    std::vector<float> plane(static_cast<std::size_t>(image.width) * image.height);
    for (std::size_t i = 0; i < plane.size(); ++i) {
        plane[i] = image.pixels[i * 3];
    }
    return plane;
}

double filterValue(ResizeFilter f, double x) {
    x = std::abs(x);
    switch (f) {
        case ResizeFilter::Bilinear:
            return x < 1 ? 1 - x : 0;
        case ResizeFilter::Bicubic: {
            const double a = -0.5;
            return x < 1 ? ((a + 2) * x - (a + 3)) * x * x + 1 : x < 2 ? (((x - 5) * x + 8) * x - 4) * a : 0;
        }
        default: {
            const auto sinc = [](double v) { return v == 0.0 ? 1.0 : std::sin(v * M_PI) / (v * M_PI); };
            return x < 3 ? sinc(x) * sinc(x / 3) : 0;
        }
    }
}

double support(ResizeFilter f) {
    return f == ResizeFilter::Bilinear ? 1 : f == ResizeFilter::Bicubic ? 2 : 3;
}

/// One axis of Pillow's 8-bit resampling, written naively: precompute_coeffs, normalize_coeffs_8bpc, 64-bit
/// sums plus one half, arithmetic shift, clip. Resizes along x of a rows x (n * c) buffer.
std::vector<std::uint8_t> naiveAxis(const std::vector<std::uint8_t>& in, int rows, int n, int c, int out,
                                    ResizeFilter f) {
    const double scale = double(n) / out;
    const double fs = std::max(scale, 1.0);
    const double sup = support(f) * fs;
    std::vector<std::uint8_t> result(std::size_t(rows) * out * c);
    for (int i = 0; i < out; ++i) {
        const double center = (i + 0.5) * scale;
        const int lo = std::max(static_cast<int>(center - sup + 0.5), 0);
        const int hi = std::min(static_cast<int>(center + sup + 0.5), n);
        std::vector<double> w;
        double total = 0;
        for (int x = lo; x < hi; ++x) {
            w.push_back(filterValue(f, (x - center + 0.5) / fs));
            total += w.back();
        }
        std::vector<long long> k;
        for (double v : w) {
            const double normal = total != 0.0 ? v / total : v;
            k.push_back(
                static_cast<long long>(normal < 0 ? -0.5 + normal * (1 << 22) : 0.5 + normal * (1 << 22)));
        }
        for (int r = 0; r < rows; ++r) {
            for (int ch = 0; ch < c; ++ch) {
                long long sum = 1 << 21;
                for (std::size_t t = 0; t < k.size(); ++t) {
                    sum += in[(std::size_t(r) * n + lo + t) * c + ch] * k[t];
                }
                const long long v = sum >> 22;
                result[(std::size_t(r) * out + i) * c + ch] = static_cast<std::uint8_t>(v < 0     ? 0
                                                                                        : v > 255 ? 255
                                                                                                  : v);
            }
        }
    }
    return result;
}

/// Pillow's two passes (horizontal first, a pass of unchanged size skipped) built from naiveAxis.
Image naiveResize(const Image& in, int w, int h, ResizeFilter f) {
    const int c = in.channels;
    std::vector<std::uint8_t> mid = in.pixels;
    if (w != in.width) {
        mid = naiveAxis(in.pixels, in.height, in.width, c, w, f);
    }
    Image out{w, h, c, mid};
    if (h != in.height) {
        // Transpose, resize the rows, transpose back.
        std::vector<std::uint8_t> t(mid.size());
        for (int y = 0; y < in.height; ++y) {
            for (int x = 0; x < w; ++x) {
                for (int ch = 0; ch < c; ++ch) {
                    t[(std::size_t(x) * in.height + y) * c + ch] = mid[(std::size_t(y) * w + x) * c + ch];
                }
            }
        }
        const auto r = naiveAxis(t, w, in.height, c, h, f);
        out.pixels.assign(std::size_t(w) * h * c, 0);
        for (int x = 0; x < w; ++x) {
            for (int y = 0; y < h; ++y) {
                for (int ch = 0; ch < c; ++ch) {
                    out.pixels[(std::size_t(y) * w + x) * c + ch] = r[(std::size_t(x) * h + y) * c + ch];
                }
            }
        }
    }
    return out;
}

}  // namespace

TEST(ResizePil, MatchesNaivePillowTranscriptionOnRandomSizes) {
    // The fast paths (AVX2 float strips with exact fallback, or scalar under WINNOW_IMAGEIO_SCALAR) against
    // the integer definition, for the filters added to imageio's resampler.
    unsigned state = 7;
    const auto next = [&](int lo, int hi) {
        state = state * 1664525u + 1013904223u;
        return lo + static_cast<int>((state >> 8) % static_cast<unsigned>(hi - lo + 1));
    };
    int cases = 0;
    for (ResizeFilter f : {ResizeFilter::Bilinear, ResizeFilter::Bicubic}) {
        for (int i = 0; i < 24; ++i) {
            const int channels = i % 2 ? 1 : 3;
            Image im{next(1, 150), next(1, 120), channels, {}};
            im.pixels.resize(std::size_t(im.width) * im.height * channels);
            for (auto& p : im.pixels) {
                p = static_cast<std::uint8_t>(next(0, 255));
            }
            const int w = next(1, 90);
            const int h = next(1, 90);
            SCOPED_TRACE(std::to_string(im.width) + "x" + std::to_string(im.height) + "x" +
                         std::to_string(channels) + " -> " + std::to_string(w) + "x" + std::to_string(h));
            EXPECT_EQ(winnow::imageio::resizePil(im, w, h, f).pixels, naiveResize(im, w, h, f).pixels);
            ++cases;
        }
    }
    EXPECT_EQ(cases, 48);
}

TEST(ResizePil, BitIdenticalToPillowForEveryFilter) {
    const Reference ref;
    std::map<std::string, Image> images;
    int checked = 0;
    for (const auto& [key, value] : ref.entries().items()) {
        const auto parts = split(key);
        if (parts[0] != "pil") {
            continue;
        }
        const std::string& name = parts[2];
        if (!images.count(name)) {
            images[name] = fixtureImage(name);
        }
        int w = 0, h = 0;
        parseSize(parts[3], w, h);
        SCOPED_TRACE(key);
        const Image out = winnow::imageio::resizePil(images[name], w, h, kFilters.at(parts[1]));
        ASSERT_EQ(out.width, w);
        ASSERT_EQ(out.height, h);
        long long sum = 0;
        for (auto v : out.pixels) {
            sum += v;
        }
        EXPECT_EQ(sum, value.at("sum").get<long long>());
        EXPECT_EQ(sha256Hex(out.pixels.data(), out.pixels.size()), value.at("sha256").get<std::string>());
        ++checked;
    }
    EXPECT_EQ(checked, 4 * 4 * 5);
}

TEST(ResizePil, SameSizeCopiesAndRejectsBadInput) {
    const Image image = fixtureImage("noise_rgb_97x61");
    EXPECT_EQ(winnow::imageio::resizePil(image, 97, 61, ResizeFilter::Bicubic).pixels, image.pixels);
    EXPECT_THROW(winnow::imageio::resizePil(image, 0, 5, ResizeFilter::Bicubic), winnow::Error);
    EXPECT_THROW(winnow::imageio::resizePil(Image{}, 5, 5, ResizeFilter::Bicubic), winnow::Error);
}

TEST(ResizePilFloat, IdenticalToPillowModeF) {
    const Reference ref;
    const std::vector<float> plane = plane0();
    int checked = 0;
    for (const auto& [key, value] : ref.entries().items()) {
        const auto parts = split(key);
        if (parts[0] != "pilf") {
            continue;
        }
        int w = 0, h = 0;
        parseSize(parts[2], w, h);
        SCOPED_TRACE(key);
        std::vector<float> out(static_cast<std::size_t>(w) * h);
        winnow::imageio::resizePilFloat(plane.data(), 97, 61, w, h, kFilters.at(parts[1]), out.data());
        const std::vector<float> expected = ref.array<float>(value.at("values"));
        ASSERT_EQ(out.size(), expected.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            ASSERT_EQ(out[i], expected[i]) << "at " << i;  // same double sums, same float stores
        }
        ++checked;
    }
    EXPECT_EQ(checked, 3 * 2);
    std::vector<float> out(4);
    EXPECT_THROW(
        winnow::imageio::resizePilFloat(plane.data(), 97, 61, 2, 2, ResizeFilter::Nearest, out.data()),
        winnow::Error);
}

TEST(TorchBilinear, MatchesTorchInterpolate) {
    // Tolerance 2.5e-7 absolute on [0, 1] data (2 ulp near 1): libtorch's kernel rounds its products
    // differently (1 ulp differences on about a third of the samples).
    const Reference ref;
    std::vector<float> plane = plane0();
    for (float& v : plane) {
        v = v / 255.0f;
    }
    int checked = 0;
    double worst = 0;
    for (const auto& [key, value] : ref.entries().items()) {
        const auto parts = split(key);
        if (parts[0] != "torchbilinear") {
            continue;
        }
        int w = 0, h = 0;
        parseSize(parts[1], w, h);
        SCOPED_TRACE(key);
        std::vector<float> out(static_cast<std::size_t>(w) * h);
        winnow::torchembed::torchBilinear(plane.data(), 97, 61, w, h, out.data());
        const std::vector<float> expected = ref.array<float>(value.at("values"));
        ASSERT_EQ(out.size(), expected.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            worst = std::max(worst, std::abs(static_cast<double>(out[i]) - expected[i]));
            ASSERT_NEAR(out[i], expected[i], 2.5e-7) << "at " << i;
        }
        ++checked;
    }
    EXPECT_EQ(checked, 3);
    RecordProperty("max_abs_error", std::to_string(worst));
}
