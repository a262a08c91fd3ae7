// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "imageio/image.h"
#include "testutil.h"

using winnow::imageio::HeaderInfo;
using winnow::imageio::probeHeader;
using winnow::imageio::test::Bytes;
using winnow::imageio::test::encode;
using winnow::imageio::test::photoLike;

namespace {

HeaderInfo probe(const Bytes& bytes) {
    const auto info = probeHeader(bytes.data(), bytes.size());
    EXPECT_TRUE(info.has_value());
    return info.value_or(HeaderInfo{});
}

void append(Bytes& b, std::initializer_list<int> values) {
    for (int v : values) {
        b.push_back(static_cast<std::uint8_t>(v));
    }
}
void append(Bytes& b, const std::string& text) { b.insert(b.end(), text.begin(), text.end()); }
void le16(Bytes& b, unsigned v) { append(b, {int(v & 255), int(v >> 8 & 255)}); }
void le32(Bytes& b, unsigned v) { append(b, {int(v & 255), int(v >> 8 & 255), int(v >> 16 & 255), int(v >> 24)}); }
void le64(Bytes& b, unsigned long long v) {
    le32(b, static_cast<unsigned>(v));
    le32(b, static_cast<unsigned>(v >> 32));
}
void be16(Bytes& b, unsigned v) { append(b, {int(v >> 8 & 255), int(v & 255)}); }
void be32(Bytes& b, unsigned v) { append(b, {int(v >> 24), int(v >> 16 & 255), int(v >> 8 & 255), int(v & 255)}); }

struct Case {
    const char* ext;
    int type;
    std::vector<int> params;
    const char* format;
    int channels;
};

}  // namespace

TEST(ProbeHeader, ImagesEncodedByOpenCv) {
    const cv::Mat colour = photoLike(37, 23, 1);
    const std::vector<Case> cases = {
        {".jpg", CV_8UC3, {}, "jpeg", 3},
        {".jpg", CV_8UC1, {}, "jpeg", 1},
        {".jpg", CV_8UC3, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}, "jpeg", 3},
        {".png", CV_8UC3, {}, "png", 3},
        {".png", CV_8UC1, {}, "png", 1},
        {".png", CV_8UC4, {}, "png", 4},
        {".png", CV_16UC3, {}, "png", 3},
        {".bmp", CV_8UC3, {}, "bmp", 3},
        {".bmp", CV_8UC1, {}, "bmp", 0},  // palette: the header does not say gray
        {".webp", CV_8UC3, {cv::IMWRITE_WEBP_QUALITY, 80}, "webp", 3},    // VP8
        {".webp", CV_8UC3, {cv::IMWRITE_WEBP_QUALITY, 101}, "webp", 3},   // VP8L
        {".webp", CV_8UC4, {cv::IMWRITE_WEBP_QUALITY, 101}, "webp", 4},   // VP8L with alpha
        {".webp", CV_8UC4, {cv::IMWRITE_WEBP_QUALITY, 80}, "webp", 4},    // VP8X + ALPH
        {".tiff", CV_8UC3, {}, "tiff", 3},
        {".tiff", CV_8UC1, {}, "tiff", 1},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.ext) + " type " + std::to_string(c.type));
        cv::Mat m;
        if (CV_MAT_CN(c.type) == 1) {
            cv::cvtColor(colour, m, cv::COLOR_BGR2GRAY);
        } else if (CV_MAT_CN(c.type) == 4) {
            cv::cvtColor(colour, m, cv::COLOR_BGR2BGRA);
            m(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar(0, 0, 0, 0));  // some transparency (WebP drops opaque alpha)
        } else {
            m = colour;
        }
        if (CV_MAT_DEPTH(c.type) == CV_16U) {
            m.convertTo(m, CV_16U, 257);
        }
        const Bytes bytes = encode(m, c.ext, c.params);
        if (bytes.empty()) {
            ADD_FAILURE() << "OpenCV cannot encode " << c.ext;
            continue;
        }
        const HeaderInfo info = probe(bytes);
        EXPECT_EQ(info.format, c.format);
        EXPECT_EQ(info.width, 37);
        EXPECT_EQ(info.height, 23);
        EXPECT_EQ(info.channels, c.channels);
        EXPECT_EQ(info.orientation, 1);
    }
}

TEST(ProbeHeader, HandMadeGifAndBmp) {
    Bytes gif;
    append(gif, "GIF89a");
    le16(gif, 300);
    le16(gif, 200);
    append(gif, {0xF7, 0, 0});
    HeaderInfo info = probe(gif);
    EXPECT_EQ(info.format, "gif");
    EXPECT_EQ(info.width, 300);
    EXPECT_EQ(info.height, 200);

    Bytes core;  // OS/2 BITMAPCOREHEADER: 16-bit dimensions
    append(core, "BM");
    le32(core, 26 + 40 * 30 * 3);
    le32(core, 0);
    le32(core, 26);
    le32(core, 12);
    le16(core, 40);
    le16(core, 30);
    le16(core, 1);
    le16(core, 24);
    info = probe(core);
    EXPECT_EQ(info.format, "bmp");
    EXPECT_EQ(info.width, 40);
    EXPECT_EQ(info.height, 30);
    EXPECT_EQ(info.channels, 3);

    Bytes v5;  // BITMAPV5HEADER, top-down rows (negative height), 32 bits per pixel
    append(v5, "BM");
    le32(v5, 0);
    le32(v5, 0);
    le32(v5, 14 + 124);
    le32(v5, 124);
    le32(v5, 640);
    le32(v5, static_cast<unsigned>(-480));
    le16(v5, 1);
    le16(v5, 32);
    v5.resize(14 + 124, 0);
    info = probe(v5);
    EXPECT_EQ(info.width, 640);
    EXPECT_EQ(info.height, 480);
    EXPECT_EQ(info.channels, 4);
}

TEST(ProbeHeader, HandMadeWebpExtended) {
    Bytes b;
    append(b, "RIFF");
    le32(b, 4 + 18);
    append(b, "WEBPVP8X");
    le32(b, 10);
    append(b, {0x10, 0, 0, 0});  // alpha flag
    const unsigned w = 5000 - 1;
    const unsigned h = 3000 - 1;
    append(b, {int(w & 255), int(w >> 8 & 255), int(w >> 16)});
    append(b, {int(h & 255), int(h >> 8 & 255), int(h >> 16)});
    const HeaderInfo info = probe(b);
    EXPECT_EQ(info.format, "webp");
    EXPECT_EQ(info.width, 5000);
    EXPECT_EQ(info.height, 3000);
    EXPECT_EQ(info.channels, 4);
}

TEST(ProbeHeader, HandMadeTiffBigEndianAndBigTiff) {
    Bytes mm;
    append(mm, "MM");
    be16(mm, 42);
    be32(mm, 8);
    be16(mm, 4);
    be16(mm, 256), be16(mm, 3), be32(mm, 1), be16(mm, 1234), be16(mm, 0);  // width, SHORT
    be16(mm, 257), be16(mm, 4), be32(mm, 1), be32(mm, 567);                // height, LONG
    be16(mm, 274), be16(mm, 3), be32(mm, 1), be16(mm, 8), be16(mm, 0);     // orientation
    be16(mm, 277), be16(mm, 3), be32(mm, 1), be16(mm, 3), be16(mm, 0);     // samples per pixel
    be32(mm, 0);
    HeaderInfo info = probe(mm);
    EXPECT_EQ(info.format, "tiff");
    EXPECT_EQ(info.width, 1234);
    EXPECT_EQ(info.height, 567);
    EXPECT_EQ(info.channels, 3);
    EXPECT_EQ(info.orientation, 8);

    Bytes big;
    append(big, "II");
    le16(big, 43);
    le16(big, 8);
    le16(big, 0);
    le64(big, 16);
    le64(big, 2);
    le16(big, 256), le16(big, 16), le64(big, 1), le64(big, 70000);  // LONG8
    le16(big, 257), le16(big, 4), le64(big, 1), le32(big, 80000), le32(big, 0);
    le64(big, 0);
    info = probe(big);
    EXPECT_EQ(info.format, "tiff");
    EXPECT_EQ(info.width, 70000);
    EXPECT_EQ(info.height, 80000);
    EXPECT_EQ(info.channels, 1);  // SamplesPerPixel defaults to 1
}

TEST(ProbeHeader, HandMadeJpegWithExifAndProgressiveFrame) {
    Bytes b;
    append(b, {0xFF, 0xD8});
    append(b, {0xFF, 0xE0});  // APP0 JFIF
    be16(b, 16);
    append(b, "JFIF");
    append(b, {0, 1, 1, 0, 0, 1, 0, 1, 0, 0});
    Bytes tiff;
    append(tiff, "II");
    le16(tiff, 42);
    le32(tiff, 8);
    le16(tiff, 1);
    le16(tiff, 274), le16(tiff, 3), le32(tiff, 1), le16(tiff, 6), le16(tiff, 0);
    le32(tiff, 0);
    append(b, {0xFF, 0xE1});
    be16(b, static_cast<unsigned>(2 + 6 + tiff.size()));
    b.insert(b.end(), {'E', 'x', 'i', 'f', 0, 0});
    b.insert(b.end(), tiff.begin(), tiff.end());
    append(b, {0xFF, 0xFF, 0xC2});  // a fill byte, then SOF2 (progressive)
    be16(b, 17);
    append(b, {8});
    be16(b, 480);
    be16(b, 640);
    append(b, {3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
    const HeaderInfo info = probe(b);
    EXPECT_EQ(info.format, "jpeg");
    EXPECT_EQ(info.width, 640);
    EXPECT_EQ(info.height, 480);
    EXPECT_EQ(info.channels, 3);
    EXPECT_EQ(info.orientation, 6);
}

TEST(ProbeHeader, TruncatedHeadersKeepTheFormatButNoSize) {
    const Bytes jpeg = encode(photoLike(50, 40, 2), ".jpg");
    const Bytes png = encode(photoLike(50, 40, 2), ".png");
    for (std::size_t n : {3u, 10u, 20u}) {
        const HeaderInfo info = probe(Bytes(jpeg.begin(), jpeg.begin() + n));
        EXPECT_EQ(info.format, "jpeg");
        EXPECT_EQ(info.width, 0);
        EXPECT_EQ(info.height, 0);
    }
    const HeaderInfo info = probe(Bytes(png.begin(), png.begin() + 20));
    EXPECT_EQ(info.format, "png");
    EXPECT_EQ(info.width, 0);
}

TEST(ProbeHeader, UnknownBytes) {
    const Bytes text = {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '\n'};
    EXPECT_FALSE(probeHeader(text.data(), text.size()));
    EXPECT_FALSE(probeHeader(nullptr, 0));
    EXPECT_FALSE(probeHeader(text.data(), 0));
    const Bytes bm = {'B', 'M', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99, 0, 0, 0};  // bad DIB size
    EXPECT_FALSE(probeHeader(bm.data(), bm.size()));
    const Bytes mm = {'M', 'M', 'x', 'y', 0, 0, 0, 8};
    EXPECT_FALSE(probeHeader(mm.data(), mm.size()));
    cv::RNG rng(7);
    Bytes noise(4096);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 256);
    noise[0] = 0x00;  // not 0xFF, 'B', 'G', 'I', 'M', 'R' or 0x89
    EXPECT_FALSE(probeHeader(noise.data(), noise.size()));
}
