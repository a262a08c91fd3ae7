// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "imageio/analyze.h"
#include "imageio/internal.h"
#include "imageio/hashing.h"
#include "imageio/image.h"
#include "testutil.h"

using namespace winnow::imageio;
using winnow::imageio::test::Bytes;
using winnow::imageio::test::encode;
using winnow::imageio::test::fixturePath;
using winnow::imageio::test::photoLike;
using winnow::imageio::test::readFile;

namespace {

Analysis analyze(const Bytes& bytes, const AnalyzeParams& params = {}) {
    return analyzeEncoded(bytes.data(), bytes.size(), params);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A JPEG with an Exif APP1 segment carrying the given orientation, inserted right after SOI.
Bytes withOrientation(const Bytes& jpeg, int orientation) {
    const Bytes app1 = {0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
                        'I', 'I', 42, 0, 8, 0, 0, 0,                                   // TIFF header
                        1, 0,                                                          // one entry
                        0x12, 0x01, 3, 0, 1, 0, 0, 0, std::uint8_t(orientation), 0, 0, 0,  // 274 SHORT
                        0, 0, 0, 0};
    Bytes out(jpeg.begin(), jpeg.begin() + 2);
    out.insert(out.end(), app1.begin(), app1.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

/// PNG signature and an IHDR claiming 100000 x 100000 RGB pixels (30 GB), without any image data.
Bytes pngBomb() {
    Bytes b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (int i = 0; i < 2; ++i) {
        b.insert(b.end(), {0x00, 0x01, 0x86, 0xA0});  // 100000
    }
    b.insert(b.end(), {8, 2, 0, 0, 0, 0, 0, 0, 0});
    return b;
}

}  // namespace

TEST(AnalyzeEncoded, PhotoJpeg) {
    const Bytes jpeg = encode(photoLike(640, 480, 1), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90});
    const Analysis a = analyze(jpeg);
    ASSERT_TRUE(a.ok) << a.error;
    EXPECT_EQ(a.error, "");
    EXPECT_EQ(a.format, "jpeg");
    EXPECT_EQ(a.width, 640);
    EXPECT_EQ(a.height, 480);
    EXPECT_EQ(a.channels, 3);
    EXPECT_EQ(a.orientation, 1);
    EXPECT_EQ(a.byteSize, static_cast<std::int64_t>(jpeg.size()));
    EXPECT_EQ(a.sha512, sha512Hex(jpeg.data(), jpeg.size()));
    // 1/2 keeps the longest side at 320 >= 256; 1/4 would give 160.
    const Image half = decode(jpeg.data(), jpeg.size(), 2);
    // The hashes come from the 128x96 thumbnail (analyze.cpp's hash cascade): within Hamming 2 of the
    // hashes of the half-size decode itself.
    EXPECT_LE(hamming(a.phash, phash(half)), 2);
    EXPECT_LE(hamming(a.dhash, dhash(half)), 2);
    const QualityStats stats = qualityStats(half, 512);
    EXPECT_DOUBLE_EQ(a.stats.blur, stats.blur);
    EXPECT_DOUBLE_EQ(a.stats.brightness, stats.brightness);
    EXPECT_DOUBLE_EQ(a.stats.contrast, stats.contrast);
    EXPECT_GT(a.stats.blur, 0);
    EXPECT_GT(a.stats.contrast, 10);
    ASSERT_EQ(a.thumbnailWidth, 128);
    ASSERT_EQ(a.thumbnailHeight, 96);
    const Image thumb = decode(a.thumbnail.data(), a.thumbnail.size());
    EXPECT_EQ(thumb.width, 128);
    EXPECT_EQ(thumb.height, 96);
}

TEST(AnalyzeEncoded, HashCascadeStaysCloseToTheDirectResize) {
    // 24 photo-like JPEGs of several sizes: hashes through the thumbnail against hashes of the same decode
    // resized directly (what analyze did before the cascade, and what imagededup does).
    int worst = 0;
    int total = 0;
    int count = 0;
    for (int seed = 0; seed < 24; ++seed) {
        const int width = 320 + 80 * (seed % 6);
        const int height = 200 + 60 * (seed % 4);
        const Bytes jpeg = encode(photoLike(width, height, 100 + seed), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90});
        const Analysis a = analyze(jpeg);
        ASSERT_TRUE(a.ok) << a.error;
        const int reduction = std::max(width, height) >= 512 ? 2 : 1;
        const Image decoded = decode(jpeg.data(), jpeg.size(), reduction);
        for (const int d : {hamming(a.phash, phash(decoded)), hamming(a.dhash, dhash(decoded))}) {
            worst = std::max(worst, d);
            total += d;
            ++count;
        }
    }
    std::cout << "[ cascade ] Hamming to the direct resize: max " << worst << ", mean "
              << static_cast<double>(total) / count << "\n";
    EXPECT_LE(worst, 4);
    EXPECT_LE(static_cast<double>(total) / count, 1.0);
}

TEST(AnalyzeEncoded, ReductionFollowsTheMinimumSide) {
    const Bytes jpeg = encode(photoLike(640, 480, 2), ".jpg");
    AnalyzeParams params;
    params.thumbnailSize = 4096;        // no thumbnail shrink, so the hashes are those of the decode itself
    params.reducedDecodeMinSide = 100;  // 1/8 gives 80 < 100, 1/4 gives 160
    EXPECT_EQ(analyze(jpeg, params).phash, phash(decode(jpeg.data(), jpeg.size(), 4)));
    params.reducedDecodeMinSide = 1000;  // no reduction keeps 640 >= 1000: full size
    EXPECT_EQ(analyze(jpeg, params).dhash, dhash(decode(jpeg.data(), jpeg.size(), 1)));
}

TEST(AnalyzeEncoded, ReferencePngMatchesImagededup) {
    const Bytes json = readFile(fixturePath("reference.json"));
    const auto reference = nlohmann::json::parse(json.begin(), json.end());
    for (const auto& entry : reference.at("images")) {
        SCOPED_TRACE(entry.at("file").get<std::string>());
        const Bytes png = readFile(fixturePath(entry.at("file").get<std::string>()));
        const Analysis a = analyze(png);
        ASSERT_TRUE(a.ok) << a.error;
        EXPECT_EQ(a.format, "png");
        EXPECT_EQ(a.channels, entry.at("channels").get<int>());
        EXPECT_LE(hamming(a.phash, std::stoull(entry.at("phash").get<std::string>(), nullptr, 16)), 2);
        EXPECT_LE(hamming(a.dhash, std::stoull(entry.at("dhash").get<std::string>(), nullptr, 16)), 2);
        EXPECT_NEAR(a.stats.blur, entry.at("stats").at("blur").get<double>(), 1e-6 * entry.at("stats").at("blur").get<double>());
        EXPECT_LE(std::max(a.thumbnailWidth, a.thumbnailHeight), 128);
    }
}

TEST(AnalyzeEncoded, FailuresKeepTheChecksum) {
    const Bytes empty;
    Analysis a = analyze(empty);
    EXPECT_FALSE(a.ok);
    EXPECT_EQ(a.error, "empty file");
    EXPECT_EQ(a.sha512, sha512Hex(nullptr, 0));
    EXPECT_EQ(a.byteSize, 0);

    cv::RNG rng(5);
    Bytes noise(5000);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
    noise[0] = 0;
    a = analyze(noise);
    EXPECT_FALSE(a.ok);
    EXPECT_EQ(a.error, "not an image (unrecognised header)");
    EXPECT_EQ(a.sha512, sha512Hex(noise.data(), noise.size()));

    const Bytes jpeg = encode(photoLike(300, 200, 3), ".jpg");
    const Bytes half(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(jpeg.size() / 2));
    a = analyze(half);
    EXPECT_FALSE(a.ok);
    EXPECT_TRUE(contains(a.error, "truncated or corrupt JPEG")) << a.error;
    EXPECT_EQ(a.sha512, sha512Hex(half.data(), half.size()));
    EXPECT_EQ(a.format, "jpeg");
    EXPECT_EQ(a.width, 300);  // the header was readable

    const Bytes head(jpeg.begin(), jpeg.begin() + 12);
    a = analyze(head);
    EXPECT_FALSE(a.ok);
    EXPECT_TRUE(contains(a.error, "truncated or corrupt JPEG")) << a.error;

    AnalyzeParams small;
    small.maxBytes = 100;
    a = analyze(jpeg, small);
    EXPECT_FALSE(a.ok);
    EXPECT_TRUE(contains(a.error, "file too large")) << a.error;
    EXPECT_FALSE(a.sha512.empty());
}

TEST(AnalyzeEncoded, DecompressionBombIsRefusedBeforeDecoding) {
    const Bytes bomb = pngBomb();
    const auto start = std::chrono::steady_clock::now();
    const Analysis a = analyze(bomb);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(a.ok);
    EXPECT_TRUE(contains(a.error, "100000x100000")) << a.error;
    EXPECT_TRUE(contains(a.error, std::to_string(AnalyzeParams{}.maxPixels))) << a.error;
    EXPECT_EQ(a.width, 100000);
    EXPECT_EQ(a.height, 100000);
    EXPECT_EQ(a.sha512, sha512Hex(bomb.data(), bomb.size()));
    EXPECT_LT(seconds, 0.5);

    AnalyzeParams tight;  // the limit is a parameter
    tight.maxPixels = 640 * 480 - 1;
    const Bytes jpeg = encode(photoLike(640, 480, 4), ".jpg");
    EXPECT_TRUE(contains(analyze(jpeg, tight).error, "640x480")) << analyze(jpeg, tight).error;
}

TEST(AnalyzeEncoded, ExifOrientationTurnsOnlyTheThumbnail) {
    const Bytes plain = encode(photoLike(200, 100, 5), ".jpg");
    const Analysis upright = analyze(plain);
    const Analysis turned = analyze(withOrientation(plain, 6));
    ASSERT_TRUE(turned.ok) << turned.error;
    EXPECT_EQ(turned.orientation, 6);
    EXPECT_EQ(turned.width, 200);  // stored pixels, as in the header
    EXPECT_EQ(turned.height, 100);
    EXPECT_EQ(turned.phash, upright.phash);
    EXPECT_EQ(upright.thumbnailWidth, 128);
    EXPECT_EQ(upright.thumbnailHeight, 64);
    EXPECT_EQ(turned.thumbnailWidth, 64);
    EXPECT_EQ(turned.thumbnailHeight, 128);
}

TEST(AnalyzeEncoded, GrayJpegAndSmallImages) {
    cv::Mat gray;
    cv::cvtColor(photoLike(60, 40, 6), gray, cv::COLOR_BGR2GRAY);
    const Analysis a = analyze(encode(gray, ".jpg"));
    ASSERT_TRUE(a.ok) << a.error;
    EXPECT_EQ(a.channels, 1);
    EXPECT_EQ(a.thumbnailWidth, 60);  // smaller than the thumbnail size: kept
    EXPECT_EQ(a.thumbnailHeight, 40);
    const Analysis tiny = analyze(encode(cv::Mat(1, 1, CV_8UC3, cv::Scalar(9, 99, 199)), ".png"));
    ASSERT_TRUE(tiny.ok) << tiny.error;
    EXPECT_EQ(tiny.stats.blur, 0);
    EXPECT_EQ(tiny.stats.contrast, 0);
}

TEST(AnalyzeEncoded, ConcurrentCallsAgreeWithSequentialOnes) {
    std::vector<Bytes> files;
    for (int i = 0; i < 6; ++i) {
        files.push_back(encode(photoLike(300 + 20 * i, 200 + 10 * i, 10 + i), i % 2 ? ".png" : ".jpg"));
    }
    std::vector<Analysis> sequential;
    for (const Bytes& f : files) {
        sequential.push_back(analyze(f));
    }
    std::vector<Analysis> parallel(files.size());
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = t; i < files.size(); i += 3) {
                parallel[i] = analyze(files[i]);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        EXPECT_TRUE(parallel[i].ok);
        EXPECT_EQ(parallel[i].phash, sequential[i].phash);
        EXPECT_EQ(parallel[i].dhash, sequential[i].dhash);
        EXPECT_EQ(parallel[i].stats.blur, sequential[i].stats.blur);
        EXPECT_EQ(parallel[i].thumbnail, sequential[i].thumbnail);
    }
}

TEST(Stats, MatchOpenCvLaplacianAndShrink) {
    const cv::Mat bgr = photoLike(300, 200, 21);
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    const auto opencvStats = [](const cv::Mat& g) {
        cv::Mat lap;
        cv::Laplacian(g, lap, CV_64F, 1);
        cv::Scalar mean, dev, lapMean, lapDev;
        cv::meanStdDev(g, mean, dev);
        cv::meanStdDev(lap, lapMean, lapDev);
        return QualityStats{lapDev[0] * lapDev[0], mean[0], dev[0]};
    };
    const auto near = [](double actual, double wanted, double relative) {
        EXPECT_NEAR(actual, wanted, relative * std::abs(wanted));
    };
    // No shrink: the same numbers as cv::Laplacian(CV_64F) and meanStdDev, for colour and gray input.
    const QualityStats expected = opencvStats(gray);
    for (const Image& image : {test::toImage(bgr), test::toImage(gray)}) {
        const QualityStats s = qualityStats(image, 512);
        near(s.blur, expected.blur, 1e-9);
        near(s.brightness, expected.brightness, 1e-12);
        near(s.contrast, expected.contrast, 1e-9);
    }
    // Shrunk to 128 px: close to OpenCV's INTER_AREA (area averages rounded differently by at most 1).
    cv::Mat small;
    cv::resize(gray, small, {128, 85}, 0, 0, cv::INTER_AREA);
    const QualityStats shrunk = qualityStats(test::toImage(bgr), 128);
    const QualityStats reference = opencvStats(small);
    near(shrunk.blur, reference.blur, 0.03);
    near(shrunk.brightness, reference.brightness, 0.01);
    near(shrunk.contrast, reference.contrast, 0.01);
}

TEST(Stats, LumaEqualsCvtColorAtEveryWidth) {
    // The vector luma (8 pixels per step, scalar tail) against OpenCV's, through the 1-channel path:
    // identical gray images give identical statistics to the bit.
    cv::RNG rng(7);
    for (int width : {1, 2, 7, 8, 9, 10, 11, 15, 16, 17, 31, 33, 300}) {
        for (int height : {1, 3, 20}) {
            cv::Mat bgr(height, width, CV_8UC3);
            rng.fill(bgr, cv::RNG::UNIFORM, 0, 256);
            cv::Mat gray;
            cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
            const QualityStats fromColour = qualityStats(test::toImage(bgr), 0);
            const QualityStats fromGray = qualityStats(test::toImage(gray), 0);
            EXPECT_EQ(fromColour.brightness, fromGray.brightness) << width << "x" << height;
            EXPECT_EQ(fromColour.contrast, fromGray.contrast) << width << "x" << height;
            EXPECT_EQ(fromColour.blur, fromGray.blur) << width << "x" << height;
            // The same pixels inside a wider image (rows with padding between them: converted row by row).
            cv::Mat wide(height, width + 5, CV_8UC3, cv::Scalar(1, 2, 3));
            bgr.copyTo(wide(cv::Rect(2, 0, width, height)));
            const QualityStats padded = winnow::imageio::detail::statsOf(
                winnow::imageio::detail::viewOf(wide(cv::Rect(2, 0, width, height))),
                winnow::imageio::detail::ChannelOrder::Bgr, 0);
            EXPECT_EQ(padded.brightness, fromGray.brightness) << width << "x" << height;
            EXPECT_EQ(padded.blur, fromGray.blur) << width << "x" << height;
        }
    }
}

TEST(AnalyzeRaw, GrayAndRgbRecords) {
    std::vector<std::uint8_t> gray(28 * 28);
    for (std::size_t i = 0; i < gray.size(); ++i) {
        gray[i] = static_cast<std::uint8_t>((i * 37) % 251);
    }
    const Analysis a = analyzeRaw(gray.data(), 28, 28, 1);
    ASSERT_TRUE(a.ok) << a.error;
    EXPECT_EQ(a.format, "raw");
    EXPECT_EQ(a.byteSize, 784);
    EXPECT_EQ(a.sha512, sha512Hex(gray.data(), gray.size()));
    EXPECT_EQ(a.thumbnailWidth, 28);
    Image image;
    image.width = image.height = 28;
    image.channels = 1;
    image.pixels = gray;
    EXPECT_EQ(a.phash, phash(image));
    EXPECT_EQ(a.dhash, dhash(image));

    const Image rgb = test::toImage(photoLike(32, 32, 8));
    std::vector<std::uint8_t> rgba;
    for (std::size_t i = 0; i < rgb.pixels.size(); i += 3) {
        rgba.insert(rgba.end(), {rgb.pixels[i], rgb.pixels[i + 1], rgb.pixels[i + 2], 0});
    }
    const Analysis fromRgb = analyzeRaw(rgb.pixels.data(), 32, 32, 3);
    const Analysis fromRgba = analyzeRaw(rgba.data(), 32, 32, 4);
    ASSERT_TRUE(fromRgb.ok && fromRgba.ok);
    EXPECT_EQ(fromRgb.phash, phash(rgb));
    EXPECT_EQ(fromRgba.phash, fromRgb.phash);
    EXPECT_EQ(fromRgba.stats.blur, fromRgb.stats.blur);
    EXPECT_NE(fromRgba.sha512, fromRgb.sha512);  // different raw bytes
    EXPECT_FALSE(analyzeRaw(rgb.pixels.data(), 32, 32, 2).ok);
    EXPECT_FALSE(analyzeRaw(nullptr, 32, 32, 3).ok);
}
