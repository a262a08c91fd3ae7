// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "imageio/analyze.h"
#include "imageio/hashing.h"
#include "imageio/image.h"
#include "testutil.h"

// Conformance with the Python reference in tests/data/imageio (make_fixtures.py: PIL LANCZOS, imagededup's
// pHash/dHash with scipy.fftpack, scipy.ndimage Laplacian).

using namespace winnow::imageio;
using winnow::imageio::test::Bytes;
using winnow::imageio::test::fixturePath;
using winnow::imageio::test::fromHex;
using winnow::imageio::test::readFile;

namespace {

const nlohmann::json& reference() {
    static const nlohmann::json json = [] {
        const Bytes bytes = readFile(fixturePath("reference.json"));
        return nlohmann::json::parse(bytes.begin(), bytes.end());
    }();
    return json;
}

Image load(const nlohmann::json& entry) {
    const Bytes png = readFile(fixturePath(entry.at("file").get<std::string>()));
    return decode(png.data(), png.size());
}

std::uint64_t fromHexHash(const std::string& hex) { return std::stoull(hex, nullptr, 16); }

int maxAbsDiff(const std::vector<std::uint8_t>& a, const Bytes& b) {
    EXPECT_EQ(a.size(), b.size());
    int worst = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        worst = std::max(worst, std::abs(int(a[i]) - int(b[i])));
    }
    return worst;
}

}  // namespace

TEST(Reference, FixturesDecodeLosslessly) {
    ASSERT_EQ(reference().at("images").size(), 6u);
    for (const auto& entry : reference().at("images")) {
        const Image image = load(entry);
        EXPECT_EQ(image.width, entry.at("width").get<int>());
        EXPECT_EQ(image.height, entry.at("height").get<int>());
        EXPECT_EQ(image.channels, entry.at("channels").get<int>());
    }
}

TEST(Reference, HashBitsFromReferenceLumaAreExact) {
    for (const auto& entry : reference().at("images")) {
        SCOPED_TRACE(entry.at("file").get<std::string>());
        const Bytes luma32 = fromHex(entry.at("luma32"));
        const Bytes luma9x8 = fromHex(entry.at("luma9x8"));
        ASSERT_EQ(luma32.size(), 1024u);
        ASSERT_EQ(luma9x8.size(), 72u);
        EXPECT_EQ(hashHex(phashFromLuma32(luma32.data())), entry.at("phash").get<std::string>());
        EXPECT_EQ(hashHex(dhashFromLuma9x8(luma9x8.data())), entry.at("dhash").get<std::string>());
    }
}

TEST(Reference, ResizeLanczosMatchesPil) {
    int worst = 0;
    for (const auto& entry : reference().at("images")) {
        const Image image = load(entry);
        for (const auto& r : entry.at("resize")) {
            const int w = r.at("width");
            const int h = r.at("height");
            SCOPED_TRACE(entry.at("file").get<std::string>() + " -> " + std::to_string(w) + "x" + std::to_string(h));
            const Image resized = resizeLanczos(image, w, h);
            ASSERT_EQ(resized.channels, image.channels);
            const int diff = maxAbsDiff(resized.pixels, fromHex(r.at("pixels")));
            EXPECT_LE(diff, 1);
            worst = std::max(worst, diff);
        }
    }
    std::cout << "[ resize ] max |C++ - PIL| over all fixtures and sizes: " << worst << "\n";
    RecordProperty("resize_max_abs_diff", worst);
}

TEST(Reference, EndToEndHashesMatchImagededup) {
    int worstP = 0;
    int worstD = 0;
    for (const auto& entry : reference().at("images")) {
        SCOPED_TRACE(entry.at("file").get<std::string>());
        const Image image = load(entry);
        // The luma fed to the hashes (PIL order: resize, then L).
        EXPECT_LE(maxAbsDiff(toLuma(resizeLanczos(image, 32, 32)).pixels, fromHex(entry.at("luma32"))), 1);
        EXPECT_LE(maxAbsDiff(toLuma(resizeLanczos(image, 9, 8)).pixels, fromHex(entry.at("luma9x8"))), 1);
        const int p = hamming(phash(image), fromHexHash(entry.at("phash")));
        const int d = hamming(dhash(image), fromHexHash(entry.at("dhash")));
        EXPECT_LE(p, 2);
        EXPECT_LE(d, 2);
        worstP = std::max(worstP, p);
        worstD = std::max(worstD, d);
    }
    std::cout << "[ hashes ] max Hamming distance to the reference: pHash " << worstP << ", dHash " << worstD << "\n";
    RecordProperty("phash_max_hamming", worstP);
    RecordProperty("dhash_max_hamming", worstD);
}

TEST(Reference, QualityStatsMatchScipy) {
    for (const auto& entry : reference().at("images")) {
        SCOPED_TRACE(entry.at("file").get<std::string>());
        const auto& expected = entry.at("stats");
        const QualityStats stats = qualityStats(load(entry), 512);
        const auto near = [](double actual, double wanted) {
            EXPECT_NEAR(actual, wanted, 1e-6 * std::max(1.0, std::abs(wanted)));
        };
        near(stats.blur, expected.at("blur"));
        near(stats.brightness, expected.at("brightness"));
        near(stats.contrast, expected.at("contrast"));
    }
}

TEST(Hashing, LumaIsPilL) {
    Image rgb;
    rgb.width = 4;
    rgb.height = 1;
    rgb.channels = 3;
    rgb.pixels = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 200, 30};
    const Image luma = toLuma(rgb);
    ASSERT_EQ(luma.channels, 1);
    EXPECT_EQ(luma.pixels, (std::vector<std::uint8_t>{76, 150, 29, 124}));
}

TEST(Hashing, ResizeToSameSizeIsIdentityAndGrayEqualsGrayRgb) {
    const Image image = load(reference().at("images").at(4));  // rings, gray
    ASSERT_EQ(image.channels, 1);
    EXPECT_EQ(resizeLanczos(image, image.width, image.height).pixels, image.pixels);
    Image rgb;  // the same gray as RGB, which is what imagededup hashes
    rgb.width = image.width;
    rgb.height = image.height;
    rgb.channels = 3;
    for (std::uint8_t v : image.pixels) {
        rgb.pixels.insert(rgb.pixels.end(), {v, v, v});
    }
    EXPECT_EQ(phash(rgb), phash(image));
    EXPECT_EQ(dhash(rgb), dhash(image));
}

TEST(Hashing, DhashBitOrder) {
    std::uint8_t luma[72] = {};
    luma[1] = 1;  // row 0: p[0][1] > p[0][0] sets the most significant bit
    luma[71] = 1;  // row 7: p[7][8] > p[7][7] sets the least significant bit
    EXPECT_EQ(dhashFromLuma9x8(luma), 0x8000000000000001ULL);
}
