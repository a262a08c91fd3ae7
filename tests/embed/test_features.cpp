// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The raw features and the whitening against the numpy reference (tests/data/embed/make_reference.py),
// and the properties of the canonical resampling.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "embed/builtin.h"
#include "embed/features.h"
#include "testimages.h"

using namespace winnow;
using embed::detail::kRawDim;

namespace {

std::vector<std::uint8_t> fromBase64(const std::string& text) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::vector<std::uint8_t> out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(alphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(buffer >> bits));
        }
    }
    return out;
}

const nlohmann::json& reference() {
    static const nlohmann::json doc = [] {
        std::ifstream file(std::string(WINNOW_TEST_DATA_DIR) + "/embed/reference.json");
        return nlohmann::json::parse(file);
    }();
    return doc;
}

std::vector<imageio::Image> referenceImages() {
    std::vector<imageio::Image> out;
    for (const auto& j : reference()["images"]) {
        imageio::Image im;
        im.width = j["width"];
        im.height = j["height"];
        im.channels = j["channels"];
        im.pixels = fromBase64(j["pixels"].get<std::string>());
        out.push_back(std::move(im));
    }
    return out;
}

std::vector<float> rawOf(const imageio::Image& im) {
    std::vector<float> f(kRawDim);
    embed::detail::FeatureScratch scratch;
    embed::detail::rawFeatures(im, f.data(), scratch);
    return f;
}

}  // namespace

TEST(EmbedReference, RawFeaturesMatchNumpy) {
    const auto images = referenceImages();
    const auto& raw = reference()["raw"];
    ASSERT_EQ(images.size(), raw.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
        ASSERT_EQ(images[i].pixels.size(),
                  static_cast<std::size_t>(images[i].width) * images[i].height * images[i].channels);
        const std::vector<float> got = rawOf(images[i]);
        const std::vector<double> want = raw[i].get<std::vector<double>>();
        ASSERT_EQ(want.size(), static_cast<std::size_t>(kRawDim));
        double worst = 0.0;
        int at = 0;
        for (int k = 0; k < kRawDim; ++k) {
            const double d = std::abs(got[k] - want[k]);
            if (d > worst) {
                worst = d;
                at = k;
            }
        }
        // float32 against float64; square roots of values near 0 make the largest differences.
        EXPECT_LT(worst, 2e-4) << "image " << i << " (" << images[i].width << "x" << images[i].height << "x"
                               << images[i].channels << "), feature " << at << ": " << got[at] << " vs "
                               << want[at];
    }
}

TEST(EmbedReference, WhiteningMatchesNumpy) {
    const auto images = referenceImages();
    embed::BuiltinParams params;
    params.outputDim = reference()["output_dim"];
    params.shrink = reference()["shrink"];
    embed::BuiltinEmbedder e(params);
    e.beginFit();
    e.addFitImages(images);
    e.endFit();
    ASSERT_EQ(e.dim(), params.outputDim);
    std::vector<float> out(images.size() * e.dim());
    e.embed(images, out.data());
    const auto& want = reference()["embedded"];
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::vector<double> w = want[i].get<std::vector<double>>();
        for (int k = 0; k < e.dim(); ++k) EXPECT_NEAR(out[i * e.dim() + k], w[k], 2e-4) << i << "," << k;
    }
}

TEST(EmbedFeatures, IdentityResampleAtCanonicalSize) {
    const imageio::Image im = embedtest::syntheticImage(7, embed::detail::kSide, embed::detail::kSide, 3);
    std::vector<float> grid, row;
    embed::detail::resampleSquare(im, embed::detail::kSide, grid, row);
    ASSERT_EQ(grid.size(), im.pixels.size());
    for (std::size_t i = 0; i < grid.size(); ++i) ASSERT_FLOAT_EQ(grid[i], im.pixels[i] / 255.0f) << i;
}

TEST(EmbedFeatures, AreaAverageOfIntegerFactor) {
    // 128 x 128 -> 64 x 64 is the mean of 2 x 2 blocks.
    const imageio::Image im = embedtest::syntheticImage(8, 128, 128, 1);
    std::vector<float> grid, row;
    embed::detail::resampleSquare(im, 64, grid, row);
    for (int y = 0; y < 64; ++y) {
        for (int x = 0; x < 64; ++x) {
            const auto p = [&](int yy, int xx) { return im.pixels[yy * 128 + xx]; };
            const float want =
                (p(2 * y, 2 * x) + p(2 * y, 2 * x + 1) + p(2 * y + 1, 2 * x) + p(2 * y + 1, 2 * x + 1)) /
                (4.0f * 255.0f);
            ASSERT_NEAR(grid[y * 64 + x], want, 1e-6f) << y << "," << x;
        }
    }
}

TEST(EmbedFeatures, GreyEqualsReplicatedRgb) {
    for (const auto& [w, h] : {std::pair{28, 28}, {1, 1}, {300, 7}, {64, 64}}) {
        const imageio::Image grey = embedtest::syntheticImage(9, w, h, 1);
        const std::vector<float> a = rawOf(grey);
        const std::vector<float> b = rawOf(embedtest::greyAsRgb(grey));
        ASSERT_EQ(a, b) << w << "x" << h;  // bit for bit: R = G = B gives luma = R and zero chroma exactly
        // Chroma layout and hue histogram are zero for grey images.
        const int colourStart =
            embed::detail::kLumaDim + embed::detail::kHogFineDim + embed::detail::kHogCoarseDim;
        for (int k = colourStart; k < colourStart + embed::detail::kColourDim + embed::detail::kHueBins;
             ++k) {
            EXPECT_EQ(a[k], 0.0f) << k;
        }
    }
}

TEST(EmbedFeatures, ExtremeSizesGiveFiniteFeatures) {
    for (const auto& [w, h, c] :
         {std::tuple{1, 1, 3}, {1, 1, 1}, {5000, 1, 3}, {1, 4000, 1}, {2, 3000, 3}, {1500, 1100, 3}}) {
        const std::vector<float> f = rawOf(embedtest::syntheticImage(11, w, h, c));
        for (int k = 0; k < kRawDim; ++k) ASSERT_TRUE(std::isfinite(f[k])) << w << "x" << h << " " << k;
    }
    // A uniform image has no gradient: its orientation histograms are all zero.
    imageio::Image flat;
    flat.width = 40;
    flat.height = 30;
    flat.channels = 3;
    flat.pixels.assign(40 * 30 * 3, 77);
    const std::vector<float> f = rawOf(flat);
    for (int k = embed::detail::kLumaDim; k < embed::detail::kLumaDim + embed::detail::kHogFineDim; ++k) {
        ASSERT_EQ(f[k], 0.0f);
    }
    EXPECT_NEAR(f[0], 77.0f / 255.0f, 1e-6f);
}
