// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cmath>
#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "common/error.h"
#include "imageio/analyze.h"
#include "imageio/internal.h"
#include "imageio/resample.h"

// Quality statistics (ALGORITHMS.md section 10). Luma is OpenCV's BT.601 conversion (cvtColor *2GRAY; on
// 8-bit data OpenCV 4.6 computes (9798 R + 19235 G + 3735 B + 16384) >> 15 exactly, which the Python
// reference replicates); it is not PIL's "L" of the hashes and may differ from it by 1. The Laplacian is
// OpenCV's ksize 1 kernel [0 1 0; 1 -4 1; 0 1 0] with BORDER_REFLECT_101, as cv::Laplacian(gray, CV_64F, 1)
// computes it; here it is fused with the sums in one integer pass (AVX2 where the CPU has it), so its
// variance is exact up to the final division: cheaper and more accurate than a CV_64F image and
// meanStdDev.

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <immintrin.h>
#define WINNOW_HAVE_AVX2_STATS 1
#endif

namespace winnow::imageio {
namespace detail {
namespace {

struct Sums {
    std::int64_t lap = 0;      // sum of Laplacian values
    std::int64_t lap2 = 0;     // sum of their squares
    std::int64_t luma = 0;
    std::int64_t luma2 = 0;
};

inline int reflect101(int i, int n) {
    if (n == 1) {
        return 0;
    }
    return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
}

inline void addPixel(Sums& s, const std::uint8_t* up, const std::uint8_t* row, const std::uint8_t* down, int x,
                     int width) {
    const int c = row[x];
    const int lap = row[reflect101(x - 1, width)] + row[reflect101(x + 1, width)] + up[x] + down[x] - 4 * c;
    s.lap += lap;
    s.lap2 += static_cast<std::int64_t>(lap) * lap;
    s.luma += c;
    s.luma2 += c * c;
}

/// Handles columns [1, end) of one row and returns end; the rest of the row is summed by addPixel.
using InteriorSums = int (*)(Sums&, const std::uint8_t* up, const std::uint8_t* row, const std::uint8_t* down,
                             int width);

int noInterior(Sums&, const std::uint8_t*, const std::uint8_t*, const std::uint8_t*, int) { return 1; }

Sums laplacianSumsWith(const PixelView& g, InteriorSums interior) {
    Sums s;
    const int w = g.width;
    for (int y = 0; y < g.height; ++y) {
        const std::uint8_t* up = g.row(reflect101(y - 1, g.height));
        const std::uint8_t* row = g.row(y);
        const std::uint8_t* down = g.row(reflect101(y + 1, g.height));
        addPixel(s, up, row, down, 0, w);
        for (int x = w > 1 ? interior(s, up, row, down, w) : 1; x < w; ++x) {
            addPixel(s, up, row, down, x, w);
        }
    }
    return s;
}

#ifdef WINNOW_HAVE_AVX2_STATS

__attribute__((target("avx2"))) inline __m256i load16(const std::uint8_t* p) {
    return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

__attribute__((target("avx2"))) inline std::int64_t laneSum(__m256i v) {
    alignas(32) std::int32_t lanes[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), v);
    std::int64_t total = 0;
    for (std::int32_t lane : lanes) {
        total += lane;
    }
    return total;
}

/// 16 pixels per step in 16-bit lanes (|Laplacian| <= 1020); pmaddwd folds pairs into 32-bit lane sums,
/// flushed every 8192 columns, long before they could overflow (squares: 512 * 2 * 1020^2 < 2^31).
__attribute__((target("avx2"))) int interiorAvx2(Sums& sums, const std::uint8_t* up, const std::uint8_t* row,
                                                 const std::uint8_t* down, int w) {
    const __m256i ones = _mm256_set1_epi16(1);
    int x = 1;
    while (x + 16 <= w - 1) {
        __m256i sl = _mm256_setzero_si256();
        __m256i sl2 = _mm256_setzero_si256();
        __m256i sy = _mm256_setzero_si256();
        __m256i sy2 = _mm256_setzero_si256();
        for (const int end = std::min(w - 1, x + 8192); x + 16 <= end; x += 16) {
            const __m256i c = load16(row + x);
            const __m256i around = _mm256_add_epi16(_mm256_add_epi16(load16(row + x - 1), load16(row + x + 1)),
                                                    _mm256_add_epi16(load16(up + x), load16(down + x)));
            const __m256i lap = _mm256_sub_epi16(around, _mm256_slli_epi16(c, 2));
            sl = _mm256_add_epi32(sl, _mm256_madd_epi16(lap, ones));
            sl2 = _mm256_add_epi32(sl2, _mm256_madd_epi16(lap, lap));
            sy = _mm256_add_epi32(sy, _mm256_madd_epi16(c, ones));
            sy2 = _mm256_add_epi32(sy2, _mm256_madd_epi16(c, c));
        }
        sums.lap += laneSum(sl);
        sums.lap2 += laneSum(sl2);
        sums.luma += laneSum(sy);
        sums.luma2 += laneSum(sy2);
    }
    // The last (w - 1 - x) < 16 interior pixels: one more vector ending at column w - 2, with the lanes
    // summed already masked off (zero adds nothing to any of the four sums). Saves the scalar tail,
    // which on a 320-wide image was as costly as the vector loop.
    const int start = w - 1 - 16;
    if (x < w - 1 && start >= 1) {
        alignas(32) static const std::int16_t kMask[32] = {0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
                                                          0,  0,  0,  0,  0,  -1, -1, -1, -1, -1, -1,
                                                          -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        const __m256i keep = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMask + 16 - (x - start)));
        const __m256i c = _mm256_and_si256(load16(row + start), keep);
        const __m256i around = _mm256_add_epi16(_mm256_add_epi16(load16(row + start - 1), load16(row + start + 1)),
                                                _mm256_add_epi16(load16(up + start), load16(down + start)));
        const __m256i lap =
            _mm256_and_si256(_mm256_sub_epi16(around, _mm256_slli_epi16(load16(row + start), 2)), keep);
        sums.lap += laneSum(_mm256_madd_epi16(lap, ones));
        sums.lap2 += laneSum(_mm256_madd_epi16(lap, lap));
        sums.luma += laneSum(_mm256_madd_epi16(c, ones));
        sums.luma2 += laneSum(_mm256_madd_epi16(c, c));
        x = w - 1;
    }
    return x;
}

/// 8 luma sums of lumaAvx2, in 32 bits: pixels 0-3 from p, 4-7 from p + 12.
__attribute__((target("avx2"))) inline __m256i lumaOf8(const std::uint8_t* p, __m256i shuffleBg, __m256i shuffleR,
                                                       __m256i weightsBg, __m256i weightR, __m256i round) {
    const __m256i px =
        _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))),
                                _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 12)), 1);
    const __m256i sum = _mm256_add_epi32(_mm256_madd_epi16(_mm256_shuffle_epi8(px, shuffleBg), weightsBg),
                                         _mm256_madd_epi16(_mm256_shuffle_epi8(px, shuffleR), weightR));
    return _mm256_srli_epi32(_mm256_add_epi32(sum, round), 15);
}

/// pshufb tables of lumaAvx2 for one channel order: per 128-bit lane, 4 pixels at bytes 0..11 widened to
/// (B, G) and (R, 0) 16-bit pairs; -1 (0x80) zeroes a byte.
struct LumaShuffles {
    alignas(32) std::int8_t bg[32];
    alignas(32) std::int8_t r0[32];
};

LumaShuffles makeLumaShuffles(int bOffset) {
    LumaShuffles t{};
    for (int lane = 0; lane < 2; ++lane) {
        for (int px = 0; px < 4; ++px) {
            std::int8_t* pair = t.bg + lane * 16 + px * 4;
            pair[0] = static_cast<std::int8_t>(px * 3 + bOffset);
            pair[1] = -1;
            pair[2] = static_cast<std::int8_t>(px * 3 + 1);
            pair[3] = -1;
            std::int8_t* single = t.r0 + lane * 16 + px * 4;
            single[0] = static_cast<std::int8_t>(px * 3 + 2 - bOffset);
            single[1] = single[2] = single[3] = -1;
        }
    }
    return t;
}

/// OpenCV 4.6's 8-bit BT.601 luma, (9798 R + 19235 G + 3735 B + 16384) >> 15, of `count` pixels of
/// 3 channels; bOffset is 0 for BGR, 2 for RGB. 16 pixels per step: each 128-bit lane is loaded with 4
/// pixels (12 of its 16 bytes), byte shuffles widen (B, G) and (R, 0) pairs to 16 bits and pmaddwd
/// weighs them. Returns how many pixels it did (a multiple of 16, never reading past the last pixel).
__attribute__((target("avx2"))) int lumaAvx2(const std::uint8_t* in, int count, int bOffset, std::uint8_t* out) {
    static const LumaShuffles kShuffles[3] = {makeLumaShuffles(0), {}, makeLumaShuffles(2)};  // by bOffset
    const LumaShuffles& t = kShuffles[bOffset];
    const __m256i shuffleBg = _mm256_load_si256(reinterpret_cast<const __m256i*>(t.bg));
    const __m256i shuffleR = _mm256_load_si256(reinterpret_cast<const __m256i*>(t.r0));
    const __m256i weightsBg = _mm256_set1_epi32((19235 << 16) | 3735);  // (B, G) pairs: 3735 B + 19235 G
    const __m256i weightR = _mm256_set1_epi32(9798);                     // (R, 0) pairs
    const __m256i round = _mm256_set1_epi32(1 << 14);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);  // undoes the packs' lane interleave
    int i = 0;
    // The last load of a step reads bytes 36..51 of its 48: stop while 4 more bytes remain.
    for (; (std::int64_t{i} + 16) * 3 + 4 <= std::int64_t{count} * 3; i += 16) {
        const std::uint8_t* p = in + static_cast<std::size_t>(i) * 3;
        const __m256i words = _mm256_packus_epi32(lumaOf8(p, shuffleBg, shuffleR, weightsBg, weightR, round),
                                                  lumaOf8(p + 24, shuffleBg, shuffleR, weightsBg, weightR, round));
        const __m256i bytes = _mm256_packus_epi16(words, words);
        const __m256i ordered = _mm256_permutevar8x32_epi32(bytes, order);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm256_castsi256_si128(ordered));
    }
    return i;
}

#endif

/// cvtColor(*2GRAY) of a 3-channel view into gray (same values; the AVX2 loop takes 8 us on 320x240 where
/// cvtColor takes 17.5).
void toGray(const PixelView& in, ChannelOrder order, cv::Mat& gray) {
#ifdef WINNOW_HAVE_AVX2_STATS
    if (useAvx2()) {
        gray.create(in.height, in.width, CV_8UC1);
        const int bOffset = order == ChannelOrder::Bgr ? 0 : 2;
        // Rows without padding are one long row: the scalar tail (up to 16 pixels) then comes once per
        // image instead of once per row, where it cost as much as the vector loop on 320-wide images.
        const bool packed = in.stride == static_cast<std::size_t>(in.width) * 3 && gray.isContinuous();
        const int rows = packed ? 1 : in.height;
        const int width = packed ? in.width * in.height : in.width;
        for (int y = 0; y < rows; ++y) {
            const std::uint8_t* p = in.row(y);
            std::uint8_t* out = gray.ptr<std::uint8_t>(y);
            for (int x = lumaAvx2(p, width, bOffset, out); x < width; ++x) {
                const std::uint32_t b = p[x * 3 + bOffset];
                const std::uint32_t g = p[x * 3 + 1];
                const std::uint32_t r = p[x * 3 + 2 - bOffset];
                out[x] = static_cast<std::uint8_t>((9798 * r + 19235 * g + 3735 * b + 16384) >> 15);
            }
        }
        return;
    }
#endif
    const cv::Mat colour(in.height, in.width, CV_8UC3, const_cast<std::uint8_t*>(in.data), in.stride);
    cv::cvtColor(colour, gray, order == ChannelOrder::Bgr ? cv::COLOR_BGR2GRAY : cv::COLOR_RGB2GRAY);
}

Sums laplacianSums(const PixelView& g) {
#ifdef WINNOW_HAVE_AVX2_STATS
    if (useAvx2()) {
        return laplacianSumsWith(g, interiorAvx2);
    }
#endif
    return laplacianSumsWith(g, noInterior);
}

/// Population variance n * sum(v^2) - sum(v)^2 over n^2, in 128-bit integers until the division.
double variance(std::int64_t sum, std::int64_t sumSquares, std::int64_t n) {
    const __int128 numerator = static_cast<__int128>(n) * sumSquares - static_cast<__int128>(sum) * sum;
    return static_cast<double>(numerator) / (static_cast<double>(n) * static_cast<double>(n));
}

}  // namespace

QualityStats statsOf(const PixelView& in, ChannelOrder order, int maxSide) {
    if (in.width <= 0 || in.height <= 0 || (in.channels != 1 && in.channels != 3)) {
        throw Error("qualityStats: need a non-empty 1- or 3-channel image");
    }
    // Per-thread scratch matrices (see Scratch): reused while the image size repeats.
    thread_local cv::Mat grayScratch;
    thread_local cv::Mat shrunkScratch;
    PixelView gray = in;
    if (in.channels == 3) {
        toGray(in, order, grayScratch);
        gray = viewOf(grayScratch);
    }
    if (maxSide > 0 && std::max(gray.width, gray.height) > maxSide) {
        int w = 0;
        int h = 0;
        fitInside(gray.width, gray.height, maxSide, w, h);
        shrinkArea(gray, w, h, shrunkScratch);
        gray = viewOf(shrunkScratch);
    }
    const Sums s = laplacianSums(gray);
    const std::int64_t n = static_cast<std::int64_t>(gray.width) * gray.height;
    QualityStats stats;
    stats.blur = variance(s.lap, s.lap2, n);
    stats.brightness = static_cast<double>(s.luma) / static_cast<double>(n);
    stats.contrast = std::sqrt(variance(s.luma, s.luma2, n));
    trimScratch(grayScratch);
    trimScratch(shrunkScratch);
    return stats;
}

}  // namespace detail

QualityStats qualityStats(const Image& image, int maxSide) {
    if (image.pixels.size() < static_cast<std::size_t>(std::max(image.width, 0)) * std::max(image.height, 0)
                                  * std::max(image.channels, 0)) {
        throw Error("qualityStats: pixel buffer too small");
    }
    return detail::statsOf(detail::viewOf(image), detail::ChannelOrder::Rgb, maxSide);
}

}  // namespace winnow::imageio
