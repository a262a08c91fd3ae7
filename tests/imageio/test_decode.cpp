// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "imageio/image.h"
#include "testutil.h"

using winnow::Error;
using winnow::imageio::decode;
using winnow::imageio::encodeJpeg;
using winnow::imageio::Image;
using winnow::imageio::shrinkToFit;
using winnow::imageio::test::Bytes;
using winnow::imageio::test::encode;
using winnow::imageio::test::photoLike;
using winnow::imageio::test::toImage;

namespace {

std::string decodeError(const Bytes& bytes, int reduction = 1) {
    try {
        decode(bytes.data(), bytes.size(), reduction);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

int maxAbsDiff(const Image& a, const Image& b) {
    EXPECT_EQ(a.pixels.size(), b.pixels.size());
    int worst = 0;
    for (std::size_t i = 0; i < std::min(a.pixels.size(), b.pixels.size()); ++i) {
        worst = std::max(worst, std::abs(int(a.pixels[i]) - int(b.pixels[i])));
    }
    return worst;
}

}  // namespace

TEST(Decode, ErrorsSayWhatIsWrong) {
    EXPECT_EQ(decodeError({}), "empty file");

    cv::RNG rng(11);
    Bytes noise(1000);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
    noise[0] = 0;
    EXPECT_EQ(decodeError(noise), "not an image (unrecognised header)");

    const Bytes jpeg = encode(photoLike(160, 120, 3), ".jpg");
    const Bytes half(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(jpeg.size() / 2));
    EXPECT_NE(decodeError(half).find("truncated or corrupt JPEG"), std::string::npos) << decodeError(half);

    Bytes png = encode(photoLike(160, 120, 3), ".png");
    for (std::size_t i = 60; i < png.size(); ++i) {
        png[i] = static_cast<std::uint8_t>(i * 31);  // keep the signature and IHDR, ruin the data
    }
    EXPECT_EQ(decodeError(png), "truncated or corrupt PNG");

    EXPECT_NE(decodeError(jpeg, 3).find("reduction"), std::string::npos);
}

TEST(Decode, PngIsExactAndRgbOrdered) {
    cv::Mat bgr(5, 7, CV_8UC3, cv::Scalar(10, 20, 30));  // B=10, G=20, R=30
    bgr.at<cv::Vec3b>(2, 3) = cv::Vec3b(200, 100, 0);
    const Bytes png = encode(bgr, ".png");
    const Image image = decode(png.data(), png.size());
    ASSERT_EQ(image.width, 7);
    ASSERT_EQ(image.height, 5);
    ASSERT_EQ(image.channels, 3);
    ASSERT_EQ(image.pixels.size(), 7u * 5u * 3u);
    EXPECT_EQ(image.pixels[0], 30);
    EXPECT_EQ(image.pixels[1], 20);
    EXPECT_EQ(image.pixels[2], 10);
    const std::size_t at = (2 * 7 + 3) * 3;
    EXPECT_EQ(image.pixels[at], 0);
    EXPECT_EQ(image.pixels[at + 1], 100);
    EXPECT_EQ(image.pixels[at + 2], 200);
}

TEST(Decode, GraySourcesStayOneChannelAndAlphaIsDropped) {
    cv::Mat gray;
    cv::cvtColor(photoLike(64, 48, 4), gray, cv::COLOR_BGR2GRAY);
    for (const char* ext : {".png", ".jpg", ".tiff"}) {
        const Bytes bytes = encode(gray, ext);
        EXPECT_EQ(decode(bytes.data(), bytes.size()).channels, 1) << ext;
        EXPECT_EQ(decode(bytes.data(), bytes.size(), 2).channels, 1) << ext;
    }
    cv::Mat bgra(8, 8, CV_8UC4, cv::Scalar(1, 2, 3, 0));  // fully transparent
    const Bytes png = encode(bgra, ".png");
    const Image image = decode(png.data(), png.size());
    ASSERT_EQ(image.channels, 3);
    EXPECT_EQ(image.pixels[0], 3);
    EXPECT_EQ(image.pixels[2], 1);
}

TEST(Decode, SixteenBitBecomesEightBit) {
    cv::Mat deep(4, 4, CV_16UC3, cv::Scalar(0x1234, 0xABCD, 0xFFFF));
    const Bytes png = encode(deep, ".png");
    const Image image = decode(png.data(), png.size());
    ASSERT_EQ(image.channels, 3);
    EXPECT_EQ(image.pixels[0], 0xFF);  // R
    EXPECT_EQ(image.pixels[1], 0xAB);  // G
    EXPECT_EQ(image.pixels[2], 0x12);  // B
}

TEST(Decode, ReducedDimensionsRoundUp) {
    const cv::Mat m = photoLike(101, 67, 5);
    for (const char* ext : {".jpg", ".png"}) {
        const Bytes bytes = encode(m, ext);
        for (int r : {1, 2, 4, 8}) {
            const Image image = decode(bytes.data(), bytes.size(), r);
            EXPECT_EQ(image.width, (101 + r - 1) / r) << ext << " 1/" << r;
            EXPECT_EQ(image.height, (67 + r - 1) / r) << ext << " 1/" << r;
            EXPECT_EQ(image.channels, 3);
        }
    }
}

TEST(EncodeJpeg, RoundTripKeepsSizeAndColours) {
    const Image original = toImage(photoLike(90, 70, 6));
    const Bytes jpeg = encodeJpeg(original, 95);
    const Image back = decode(jpeg.data(), jpeg.size());
    ASSERT_EQ(back.width, 90);
    ASSERT_EQ(back.height, 70);
    ASSERT_EQ(back.channels, 3);
    double total = 0;
    for (std::size_t i = 0; i < back.pixels.size(); ++i) {
        total += std::abs(int(back.pixels[i]) - int(original.pixels[i]));
    }
    EXPECT_LT(total / back.pixels.size(), 4.0);  // mean absolute error at quality 95
    Image red;
    red.width = red.height = 16;
    red.channels = 3;
    for (int i = 0; i < 256; ++i) {
        red.pixels.insert(red.pixels.end(), {250, 5, 5});
    }
    const Bytes redJpeg = encodeJpeg(red, 90);
    const Image redBack = decode(redJpeg.data(), redJpeg.size());
    EXPECT_GT(redBack.pixels[0], 200);
    EXPECT_LT(redBack.pixels[2], 50);
    EXPECT_THROW(encodeJpeg(Image{}, 90), Error);
}

TEST(EncodeJpeg, SameBytesAsOpenCvImencode) {
    // The thumbnail encoder drives libjpeg-turbo itself, with imencode's settings: the files must be the
    // same to the byte, for colour and gray, several qualities and sizes, and repeated calls on one thread
    // (which reuse its compressor) must not change them.
    for (int channels : {3, 1}) {
        for (const cv::Size size : {cv::Size(128, 96), cv::Size(1, 1), cv::Size(17, 33), cv::Size(300, 7)}) {
            cv::Mat m = photoLike(size.width, size.height, 3 + size.width);
            if (channels == 1) {
                cv::cvtColor(m, m, cv::COLOR_BGR2GRAY);
            }
            for (int quality : {85, 50, 95, 100, 1}) {
                std::vector<std::uint8_t> expected;
                ASSERT_TRUE(cv::imencode(".jpg", m, expected, {cv::IMWRITE_JPEG_QUALITY, quality}));
                const Bytes ours = encodeJpeg(toImage(m), quality);
                EXPECT_EQ(ours, expected) << channels << " channels " << size << " quality " << quality;
            }
        }
    }
    Image wide;  // beyond JPEG's 65500-pixel limit: a clear error, and the thread's compressor still works
    wide.width = 70000;
    wide.height = 1;
    wide.channels = 1;
    wide.pixels.assign(70000, 9);
    EXPECT_THROW(encodeJpeg(wide, 85), Error);
    EXPECT_FALSE(encodeJpeg(toImage(photoLike(16, 16, 1)), 85).empty());
}

TEST(ShrinkToFit, FitsLongestSideAndMatchesInterArea) {
    for (int channels : {1, 3}) {
        cv::Mat m = photoLike(300, 200, 7);
        if (channels == 1) {
            cv::cvtColor(m, m, cv::COLOR_BGR2GRAY);
        }
        const Image image = toImage(m);
        for (int side : {128, 150, 199, 37}) {
            const Image small = shrinkToFit(image, side);
            ASSERT_EQ(small.width, side);
            ASSERT_EQ(small.height, static_cast<int>(std::lround(200.0 * side / 300)));
            ASSERT_EQ(small.channels, channels);
            cv::Mat expected;
            cv::resize(m, expected, {small.width, small.height}, 0, 0, cv::INTER_AREA);
            EXPECT_LE(maxAbsDiff(small, toImage(expected)), 1) << channels << " channels, side " << side;
        }
        const Image same = shrinkToFit(image, 300);
        EXPECT_EQ(same.pixels, image.pixels);
        EXPECT_EQ(shrinkToFit(image, 1000).width, 300);  // never enlarges
    }
    Image tall;
    tall.width = 3;
    tall.height = 900;
    tall.channels = 1;
    tall.pixels.assign(2700, 77);
    const Image thin = shrinkToFit(tall, 100);
    EXPECT_EQ(thin.width, 1);
    EXPECT_EQ(thin.height, 100);
    EXPECT_EQ(thin.pixels[50], 77);
    EXPECT_THROW(shrinkToFit(tall, 0), Error);
}
