// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "common/error.h"
#include "fixtures.h"
#include "torchembed/preprocess.h"
#include "torchembed/sidecar.h"

// The preprocessing of every shipped sidecar (resources/models) against the upstream recipe computed with
// PIL / torchvision / torch by tests/data/torchembed/make_preprocess.py, on six fixture images.
// Tolerance, absolute, after normalisation: 1e-6. Measured: the PIL paths (8-bit and float) are
// bit-identical (the same float32 operations as torchvision / clean-fid); torch_bilinear differs from
// libtorch by at most 2.4e-7 (1 ulp before 2x - 1).

using winnow::imageio::Image;
using winnow::torchembed::Preprocessor;
using winnow::torchembed::Sidecar;
using namespace winnow::torchembed::test;

namespace {

const char* kModels[] = {"clip-vit-b32", "dinov2-vits14", "dinov2-vitl14", "inception-fid-pytorch",
                         "inception-fid-nvlabs"};
const char* kImages[] = {"photo_rgb_300x200", "rings_gray_128x96",  "stripes_rgb_33x129",
                         "noise_rgb_97x61",   "checker_gray_20x17", "smooth_rgb_520x390"};

Sidecar shipped(const std::string& model) {
    return winnow::torchembed::loadSidecar(sourcePath("resources/models/" + model + ".json"));
}

Sidecar parse(const std::string& json) {
    return winnow::torchembed::parseSidecar(json, "test.json");
}

Image solid(int w, int h, int channels, std::uint8_t base) {
    Image im;
    im.width = w;
    im.height = h;
    im.channels = channels;
    im.pixels.resize(static_cast<std::size_t>(w) * h * channels);
    for (std::size_t i = 0; i < im.pixels.size(); ++i) {
        im.pixels[i] = static_cast<std::uint8_t>(base + i * 7 % 61);
    }
    return im;
}

}  // namespace

TEST(Preprocess, ShippedSidecarsMatchUpstreamRecipes) {
    const Reference ref;
    for (const char* model : kModels) {
        const Sidecar sidecar = shipped(model);
        const Preprocessor pre(sidecar);
        const double tolerance = 1e-6;
        double worst = 0;
        for (const char* name : kImages) {
            SCOPED_TRACE(std::string(model) + " on " + name);
            const auto& entry = ref.entry(std::string("tensor/") + model + "/" + name);
            const Image image = fixtureImage(name);
            std::vector<float> out(pre.imageSize());
            pre.run(image, out.data());
            const auto shape = entry.at("shape");
            ASSERT_EQ(shape[0].get<int>(), 3);
            ASSERT_EQ(shape[1].get<int>(), sidecar.inputHeight);
            ASSERT_EQ(shape[2].get<int>(), sidecar.inputWidth);
            const auto indices = ref.array<std::int32_t>(entry.at("indices"));
            const auto values = ref.array<float>(entry.at("values"));
            for (std::size_t i = 0; i < indices.size(); ++i) {
                const double err = std::abs(static_cast<double>(out[indices[i]]) - values[i]);
                worst = std::max(worst, err);
                ASSERT_LE(err, tolerance)
                    << "at flat index " << indices[i] << ": " << out[indices[i]] << " vs " << values[i];
            }
            double sum = 0;
            double absSum = 0;
            for (float v : out) {
                sum += v;
                absSum += std::abs(v);
            }
            EXPECT_NEAR(sum, entry.at("sum").get<double>(), tolerance * out.size());
            EXPECT_NEAR(absSum, entry.at("abs_sum").get<double>(), tolerance * out.size());
        }
        std::printf("[          ] %-22s max |error| %.3g over the samples (tolerance %.0e)\n", model, worst,
                    tolerance);
    }
}

TEST(Preprocess, GreyIsReplicatedAndBgrSwaps) {
    const std::string common = R"("kind": "embedder", "input_size": [6, 5], "resize": "exact",
        "interpolation": "bilinear", "value_range": [0, 1], "output_dim": 2)";
    const Sidecar rgb =
        parse(R"({"name": "a", "mean": [0.1, 0.2, 0.3], "std": [0.5, 0.25, 0.125], )" + common + "}");
    const Sidecar bgr = parse(R"({"name": "b", "channel_order": "BGR", "mean": [0.3, 0.2, 0.1],
        "std": [0.125, 0.25, 0.5], )" +
                              common + "}");
    const Sidecar flat =
        parse(R"({"name": "c", "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], )" + common + "}");
    const Image colour = solid(11, 7, 3, 30);
    std::vector<float> a(Preprocessor(rgb).imageSize()), b(a.size());
    Preprocessor(rgb).run(colour, a.data());
    Preprocessor(bgr).run(colour, b.data());
    const std::size_t plane = 6 * 5;
    for (std::size_t i = 0; i < plane; ++i) {
        EXPECT_EQ(a[i], b[2 * plane + i]);
        EXPECT_EQ(a[plane + i], b[plane + i]);
        EXPECT_EQ(a[2 * plane + i], b[i]);
    }
    const Image grey = solid(9, 13, 1, 100);
    std::vector<float> g(a.size());
    Preprocessor(flat).run(grey, g.data());
    for (std::size_t i = 0; i < plane; ++i) {
        EXPECT_EQ(g[i], g[plane + i]);
        EXPECT_EQ(g[i], g[2 * plane + i]);
    }
}

TEST(Preprocess, HandComputedValuesCropAndPadding) {
    // No resize (the image already has the shorter side), centre crop 3x3 from 5x4: rows 0..2 +
    // int(round(0.5)) = 0 (half to even), columns 1..3. Then a crop larger than the image: zero padding
    // before normalising.
    const Sidecar s =
        parse(R"({"name": "t", "kind": "embedder", "input_size": [3, 3], "resize": "shorter_side",
        "resize_size": 4, "interpolation": "bicubic", "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25],
        "value_range": [0, 1], "output_dim": 1})");
    Image im = solid(5, 4, 1, 0);
    for (std::size_t i = 0; i < im.pixels.size(); ++i) {
        im.pixels[i] = static_cast<std::uint8_t>(10 * i);
    }
    std::vector<float> out(27);
    Preprocessor(s).run(im, out.data());
    for (int y = 0; y < 3; ++y) {
        for (int x = 0; x < 3; ++x) {
            const float v = static_cast<float>(im.pixels[y * 5 + x + 1]) / 255.0f;
            EXPECT_EQ(out[y * 3 + x], (v - 0.5f) / 0.25f) << y << "," << x;
        }
    }
    const Sidecar pad = parse(R"({"name": "p", "kind": "embedder", "input_size": [4, 7], "resize": "none",
        "crop": "center", "value_range": [0, 255], "output_dim": 1})");
    const Image small = solid(4, 2, 3, 50);
    std::vector<float> p(3 * 4 * 7);
    Preprocessor(pad).run(small, p.data());
    // torchvision pads (7 - 4) // 2 = 1 column left, (4 - 2) // 2 = 1 row on top.
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 7; ++x) {
            const bool inside = y >= 1 && y < 3 && x >= 1 && x < 5;
            const float expected = inside ? small.pixels[((y - 1) * 4 + (x - 1)) * 3 + 2] : 0.0f;
            EXPECT_EQ(p[2 * 28 + y * 7 + x], expected) << y << "," << x;
        }
    }
}

TEST(Preprocess, ShorterSideSizesFollowTorchvision) {
    const Sidecar s = shipped("dinov2-vits14");
    const Preprocessor pre(s);
    int w = 0, h = 0;
    pre.resizedSize(33, 129, w, h);
    EXPECT_EQ(w, 256);
    EXPECT_EQ(h, 1000);  // int(256 * 129 / 33) = int(1000.7)
    pre.resizedSize(300, 200, w, h);
    EXPECT_EQ(w, 384);
    EXPECT_EQ(h, 256);
    pre.resizedSize(256, 256, w, h);
    EXPECT_EQ(w, 256);
    EXPECT_EQ(h, 256);
}

TEST(Preprocess, RejectsUnusableImages) {
    const Sidecar s = parse(R"({"name": "n", "kind": "embedder", "input_size": [4, 4], "resize": "none",
        "crop": "none", "value_range": [0, 255], "output_dim": 1})");
    std::vector<float> out(48);
    EXPECT_THROW(Preprocessor(s).run(solid(5, 4, 3, 0), out.data()), winnow::Error);
    EXPECT_THROW(Preprocessor(s).run(Image{}, out.data()), winnow::Error);
    EXPECT_THROW(Preprocessor(s).run(solid(4, 4, 2, 0), out.data()), winnow::Error);
    EXPECT_NO_THROW(Preprocessor(s).run(solid(4, 4, 3, 0), out.data()));
}
