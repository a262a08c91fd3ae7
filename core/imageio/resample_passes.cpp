// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "imageio/resample.h"
#include "imageio/scratch.h"

// The two resampling passes. Results are always those of Pillow's integer arithmetic (sums of 8-bit
// samples times 22-bit weights, plus one half, shifted right and clipped); the scalar loops below are that
// definition.
//
// Cost: each input sample feeds about six Lanczos taps, so hashing a 320x240 RGB image (pHash and dHash)
// takes about 2.8 million multiply-adds, more than the rest of the analysis besides decoding. With AVX2
// and FMA (checked at run time) the horizontal pass therefore works on strips of 8 rows transposed to
// single-precision floats, one row per vector lane: a tap is one broadcast weight and one FMA per channel
// for 8 rows, with no horizontal reductions, and the conversion is shared by all sizes requested at once.
// Single precision is not exact by itself, but the error of a sum is bounded (AxisKernel::tolerance): a
// float result that lies farther than that bound from a rounding boundary rounds as the integer sum does,
// and the rare ones that do not (about 0.1 % of them) are recomputed in integers. The vertical pass works on
// 8 output bytes at a time in 32-bit integers.

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <immintrin.h>
#define WINNOW_HAVE_AVX2_PASSES 1
#define WINNOW_AVX2 __attribute__((target("avx2,fma")))
#endif

namespace winnow::imageio::detail {
namespace {

constexpr std::uint32_t kHalf = 1u << (kResamplePrecisionBits - 1);

inline std::uint8_t clip8(std::uint32_t sum) {
    // Pillow's clip8: arithmetic shift of the signed sum, clamped to 0..255. Sums are accumulated as
    // unsigned (wrapping, no undefined behaviour) and reinterpreted: the true sum always fits 32 bits.
    const int v = static_cast<std::int32_t>(sum) >> kResamplePrecisionBits;
    return static_cast<std::uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
}

/// Channel c of horizontal output xx of one row, in integers: the reference semantics.
template <int C>
inline std::uint8_t horizontalSample(const std::uint8_t* row, const AxisKernel& k, int xx, int c) {
    std::uint32_t sum = kHalf;
    const std::uint8_t* p = row + static_cast<std::size_t>(k.first[xx]) * C + c;
    const std::int32_t* w = &k.coeffs[static_cast<std::size_t>(xx) * k.taps];
    for (int x = 0; x < k.count[xx]; ++x) {
        sum += static_cast<std::uint32_t>(p[x * C]) * static_cast<std::uint32_t>(w[x]);
    }
    return clip8(sum);
}

template <int C>
void horizontalScalar(const PixelView& in, const HorizontalJob& job) {
    for (int y = job.y0; y < job.y1; ++y) {
        std::uint8_t* out = job.dst + static_cast<std::size_t>(y - job.y0) * job.dstStride;
        for (int xx = 0; xx < job.kernel->outSize; ++xx) {
            for (int c = 0; c < C; ++c) {
                out[xx * C + c] = horizontalSample<C>(in.row(y), *job.kernel, xx, c);
            }
        }
    }
}

void horizontalScalar(const PixelView& in, const HorizontalJob& job) {
    switch (in.channels) {
    case 1: horizontalScalar<1>(in, job); break;
    case 2: horizontalScalar<2>(in, job); break;
    case 3: horizontalScalar<3>(in, job); break;
    default: horizontalScalar<4>(in, job); break;
    }
}

void verticalScalar(const std::uint8_t* src, std::size_t srcStride, int y0, int rowBytes, const AxisKernel& k,
                    std::uint8_t* dst, int fromByte) {
    for (int yy = 0; yy < k.outSize; ++yy) {
        const std::int32_t* w = &k.coeffs[static_cast<std::size_t>(yy) * k.taps];
        const std::uint8_t* base = src + static_cast<std::size_t>(k.first[yy] - y0) * srcStride;
        std::uint8_t* out = dst + static_cast<std::size_t>(yy) * rowBytes;
        for (int i = fromByte; i < rowBytes; ++i) {
            std::uint32_t sum = kHalf;
            const std::uint8_t* p = base + i;
            for (int t = 0; t < k.count[yy]; ++t, p += srcStride) {
                sum += static_cast<std::uint32_t>(*p) * static_cast<std::uint32_t>(w[t]);
            }
            out[i] = clip8(sum);
        }
    }
}

#ifdef WINNOW_HAVE_AVX2_PASSES

constexpr int kStripRows = 8;

/// The 8 input rows of a strip and, for the job being run, where each of them goes (null: not needed).
struct Strip {
    const std::uint8_t* source[kStripRows];
    std::uint8_t* target[kStripRows];
    bool full = false;  ///< every target is set
};

/// f[j * 8 + r] = byte j of row r minus 128, as float, for j < bytes: the strip transposed, one row per
/// lane, centred so that partial sums stay small (which tightens the error bound).
WINNOW_AVX2 void transposeStrip(const Strip& strip, int bytes, float* f) {
    int j = 0;
    for (; j + 16 <= bytes; j += 16) {
        __m128i r[kStripRows];
        for (int i = 0; i < kStripRows; ++i) {
            r[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(strip.source[i] + j));
        }
        // Interleave bytes, then 16- and 32-bit units: c[i] ends up holding columns 2i and 2i + 1, each
        // as 8 bytes ordered by row.
        const __m128i a0 = _mm_unpacklo_epi8(r[0], r[1]), a1 = _mm_unpackhi_epi8(r[0], r[1]);
        const __m128i a2 = _mm_unpacklo_epi8(r[2], r[3]), a3 = _mm_unpackhi_epi8(r[2], r[3]);
        const __m128i a4 = _mm_unpacklo_epi8(r[4], r[5]), a5 = _mm_unpackhi_epi8(r[4], r[5]);
        const __m128i a6 = _mm_unpacklo_epi8(r[6], r[7]), a7 = _mm_unpackhi_epi8(r[6], r[7]);
        const __m128i b0 = _mm_unpacklo_epi16(a0, a2), b1 = _mm_unpackhi_epi16(a0, a2);
        const __m128i b2 = _mm_unpacklo_epi16(a1, a3), b3 = _mm_unpackhi_epi16(a1, a3);
        const __m128i b4 = _mm_unpacklo_epi16(a4, a6), b5 = _mm_unpackhi_epi16(a4, a6);
        const __m128i b6 = _mm_unpacklo_epi16(a5, a7), b7 = _mm_unpackhi_epi16(a5, a7);
        const __m128i c[8] = {_mm_unpacklo_epi32(b0, b4), _mm_unpackhi_epi32(b0, b4),
                              _mm_unpacklo_epi32(b1, b5), _mm_unpackhi_epi32(b1, b5),
                              _mm_unpacklo_epi32(b2, b6), _mm_unpackhi_epi32(b2, b6),
                              _mm_unpacklo_epi32(b3, b7), _mm_unpackhi_epi32(b3, b7)};
        float* out = f + static_cast<std::size_t>(j) * kStripRows;
        const __m256i centre = _mm256_set1_epi32(128);
        for (int i = 0; i < 8; ++i) {
            const __m256i lo = _mm256_sub_epi32(_mm256_cvtepu8_epi32(c[i]), centre);
            const __m256i hi = _mm256_sub_epi32(_mm256_cvtepu8_epi32(_mm_srli_si128(c[i], 8)), centre);
            _mm256_storeu_ps(out + 16 * i, _mm256_cvtepi32_ps(lo));
            _mm256_storeu_ps(out + 16 * i + 8, _mm256_cvtepi32_ps(hi));
        }
    }
    for (; j < bytes; ++j) {
        for (int i = 0; i < kStripRows; ++i) {
            f[static_cast<std::size_t>(j) * kStripRows + i] = static_cast<float>(strip.source[i][j] - 128);
        }
    }
}

/// Rounds the float sums of 8 rows to clipped integers; `unsure` gets the lanes whose sum lies too close
/// to a rounding boundary for the float error bound (they must be recomputed in integers).
WINNOW_AVX2 inline __m256i roundSums(__m256 sum, float offset, float tolerance, int& unsure) {
    const __m256 y = _mm256_add_ps(sum, _mm256_set1_ps(offset));
    const __m256 floor = _mm256_floor_ps(y);
    const __m256 fraction = _mm256_sub_ps(y, floor);
    unsure = _mm256_movemask_ps(_mm256_or_ps(_mm256_cmp_ps(fraction, _mm256_set1_ps(tolerance), _CMP_LT_OQ),
                                             _mm256_cmp_ps(fraction, _mm256_set1_ps(1 - tolerance), _CMP_GT_OQ)));
    return _mm256_min_epi32(_mm256_max_epi32(_mm256_cvttps_epi32(floor), _mm256_setzero_si256()),
                            _mm256_set1_epi32(255));
}

/// Stores output xx (C channels, values packed in the low bytes of each lane's word) of the strip's rows.
template <int C>
WINNOW_AVX2 inline void store(__m256i packed, int unsure, const AxisKernel& k, int xx, const Strip& strip) {
    alignas(32) std::uint32_t words[kStripRows];
    _mm256_store_si256(reinterpret_cast<__m256i*>(words), packed);
    if (C == 3 && strip.full && unsure == 0 && xx + 1 < k.outSize) {
        // The common case: four-byte stores whose last byte the next output overwrites.
        for (int r = 0; r < kStripRows; ++r) {
            std::memcpy(strip.target[r] + xx * 3, &words[r], 4);
        }
        return;
    }
    for (int r = 0; r < kStripRows; ++r) {
        if (strip.target[r] == nullptr) {
            continue;
        }
        for (int c = 0; c < C; ++c) {
            strip.target[r][xx * C + c] = (unsure >> r) & 1 ? horizontalSample<C>(strip.source[r], k, xx, c)
                                                             : static_cast<std::uint8_t>(words[r] >> (8 * c));
        }
    }
}

/// RGB: per tap, one broadcast weight and three FMAs (one per channel, each covering 8 rows); two chains
/// per channel (even and odd taps, as AxisKernel::tolerance assumes) hide the FMA latency.
WINNOW_AVX2 void stripRgb(const float* f, const AxisKernel& k, const Strip& strip) {
    for (int xx = 0; xx < k.outSize; ++xx) {
        const float* w = &k.weights[static_cast<std::size_t>(xx) * k.taps];
        const float* p = f + static_cast<std::size_t>(k.first[xx]) * 3 * kStripRows;
        const int n = k.count[xx];
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps();
        __m256 b0 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps(), b2 = _mm256_setzero_ps();
        int t = 0;
        // Four taps per step: one 16-byte weight load shuffled into four broadcasts keeps the load ports
        // (which limit this loop) for the samples.
        for (; t + 4 <= n; t += 4, p += 12 * kStripRows) {
            const __m256 w4 = _mm256_broadcast_ps(reinterpret_cast<const __m128*>(w + t));
            const __m256 w0 = _mm256_shuffle_ps(w4, w4, 0x00);
            const __m256 w1 = _mm256_shuffle_ps(w4, w4, 0x55);
            const __m256 w2 = _mm256_shuffle_ps(w4, w4, 0xAA);
            const __m256 w3 = _mm256_shuffle_ps(w4, w4, 0xFF);
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p), w0, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 8), w0, a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 16), w0, a2);
            b0 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 24), w1, b0);
            b1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 32), w1, b1);
            b2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 40), w1, b2);
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 48), w2, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 56), w2, a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 64), w2, a2);
            b0 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 72), w3, b0);
            b1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 80), w3, b1);
            b2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 88), w3, b2);
        }
        for (; t + 2 <= n; t += 2, p += 6 * kStripRows) {
            const __m256 w0 = _mm256_broadcast_ss(w + t);
            const __m256 w1 = _mm256_broadcast_ss(w + t + 1);
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p), w0, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 8), w0, a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 16), w0, a2);
            b0 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 24), w1, b0);
            b1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 32), w1, b1);
            b2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 40), w1, b2);
        }
        if (t < n) {
            const __m256 w0 = _mm256_broadcast_ss(w + t);
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p), w0, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 8), w0, a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 16), w0, a2);
        }
        int unsure0 = 0, unsure1 = 0, unsure2 = 0;
        const float offset = k.offset[xx];
        const float tolerance = k.tolerance[xx];
        const __m256i v0 = roundSums(_mm256_add_ps(a0, b0), offset, tolerance, unsure0);
        const __m256i v1 = roundSums(_mm256_add_ps(a1, b1), offset, tolerance, unsure1);
        const __m256i v2 = roundSums(_mm256_add_ps(a2, b2), offset, tolerance, unsure2);
        const __m256i packed = _mm256_or_si256(_mm256_or_si256(v0, _mm256_slli_epi32(v1, 8)), _mm256_slli_epi32(v2, 16));
        store<3>(packed, unsure0 | unsure1 | unsure2, k, xx, strip);
    }
}

/// Gray: four chains (tap t into chain t % 4, as AxisKernel::tolerance assumes).
WINNOW_AVX2 void stripGray(const float* f, const AxisKernel& k, const Strip& strip) {
    for (int xx = 0; xx < k.outSize; ++xx) {
        const float* w = &k.weights[static_cast<std::size_t>(xx) * k.taps];
        const float* p = f + static_cast<std::size_t>(k.first[xx]) * kStripRows;
        const int n = k.count[xx];
        __m256 a[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
        int t = 0;
        for (; t + 4 <= n; t += 4, p += 4 * kStripRows) {
            const __m256 w4 = _mm256_broadcast_ps(reinterpret_cast<const __m128*>(w + t));
            a[0] = _mm256_fmadd_ps(_mm256_loadu_ps(p), _mm256_shuffle_ps(w4, w4, 0x00), a[0]);
            a[1] = _mm256_fmadd_ps(_mm256_loadu_ps(p + 8), _mm256_shuffle_ps(w4, w4, 0x55), a[1]);
            a[2] = _mm256_fmadd_ps(_mm256_loadu_ps(p + 16), _mm256_shuffle_ps(w4, w4, 0xAA), a[2]);
            a[3] = _mm256_fmadd_ps(_mm256_loadu_ps(p + 24), _mm256_shuffle_ps(w4, w4, 0xFF), a[3]);
        }
        for (int i = 0; t < n; ++t, ++i, p += kStripRows) {
            a[i] = _mm256_fmadd_ps(_mm256_loadu_ps(p), _mm256_broadcast_ss(w + t), a[i]);
        }
        int unsure = 0;
        const __m256 sum = _mm256_add_ps(_mm256_add_ps(a[0], a[1]), _mm256_add_ps(a[2], a[3]));
        const __m256i rounded = roundSums(sum, k.offset[xx], k.tolerance[xx], unsure);  // sets unsure first
        store<1>(rounded, unsure, k, xx, strip);
    }
}

WINNOW_AVX2 void horizontalStrips(const PixelView& in, const HorizontalJob* jobs, std::size_t count) {
    int first = in.height;
    int last = 0;
    for (std::size_t i = 0; i < count; ++i) {
        first = std::min(first, jobs[i].y0);
        last = std::max(last, jobs[i].y1);
    }
    const int bytes = in.width * in.channels;
    thread_local Scratch<float> scratch;
    float* transposed = scratch.get(static_cast<std::size_t>(bytes) * kStripRows);
    for (int s = first; s < last; s += kStripRows) {
        Strip strip;
        for (int r = 0; r < kStripRows; ++r) {
            strip.source[r] = in.row(std::min(s + r, in.height - 1));  // rows past the end: never stored
        }
        transposeStrip(strip, bytes, transposed);
        for (std::size_t i = 0; i < count; ++i) {
            const HorizontalJob& job = jobs[i];
            if (s + kStripRows <= job.y0 || s >= job.y1) {
                continue;
            }
            strip.full = true;
            for (int r = 0; r < kStripRows; ++r) {
                const int y = s + r;
                strip.target[r] = y >= job.y0 && y < job.y1
                                      ? job.dst + static_cast<std::size_t>(y - job.y0) * job.dstStride
                                      : nullptr;
                strip.full = strip.full && strip.target[r] != nullptr;
            }
            if (in.channels == 3) {
                stripRgb(transposed, *job.kernel, strip);
            } else {
                stripGray(transposed, *job.kernel, strip);
            }
        }
    }
    scratch.trim();
}

/// 8 bytes widened to 32-bit lanes.
WINNOW_AVX2 inline __m256i bytes8(const std::uint8_t* p) {
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}

/// 32 output bytes at a time in four independent accumulators, then 8 at a time; the tail is scalar. The
/// sums are the scalar pass's to the bit. The packs saturate instead of clamping: a sum shifted down is at
/// most about 1.3 * 255 (the largest positive-coefficient total, Lanczos) and so never reaches 32768,
/// where the signed 16-to-8-bit pack would read it as negative.
WINNOW_AVX2 void verticalAvx2(const std::uint8_t* src, std::size_t srcStride, int y0, int rowBytes,
                              const AxisKernel& k, std::uint8_t* dst) {
    const __m256i half = _mm256_set1_epi32(static_cast<int>(kHalf));
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);  // undoes the packs' lane interleave
    const int wideBytes = rowBytes / 32 * 32;
    const int vectorBytes = rowBytes / 8 * 8;
    for (int yy = 0; yy < k.outSize; ++yy) {
        const std::int32_t* w = &k.coeffs[static_cast<std::size_t>(yy) * k.taps];
        const std::uint8_t* base = src + static_cast<std::size_t>(k.first[yy] - y0) * srcStride;
        const int n = k.count[yy];
        std::uint8_t* out = dst + static_cast<std::size_t>(yy) * rowBytes;
        int i = 0;
        for (; i < wideBytes; i += 32) {
            __m256i a0 = half;
            __m256i a1 = half;
            __m256i a2 = half;
            __m256i a3 = half;
            const std::uint8_t* p = base + i;
            for (int t = 0; t < n; ++t, p += srcStride) {
                const __m256i c = _mm256_set1_epi32(w[t]);
                a0 = _mm256_add_epi32(a0, _mm256_mullo_epi32(bytes8(p), c));
                a1 = _mm256_add_epi32(a1, _mm256_mullo_epi32(bytes8(p + 8), c));
                a2 = _mm256_add_epi32(a2, _mm256_mullo_epi32(bytes8(p + 16), c));
                a3 = _mm256_add_epi32(a3, _mm256_mullo_epi32(bytes8(p + 24), c));
            }
            const __m256i lo = _mm256_packus_epi32(_mm256_srai_epi32(a0, kResamplePrecisionBits),
                                                   _mm256_srai_epi32(a1, kResamplePrecisionBits));
            const __m256i hi = _mm256_packus_epi32(_mm256_srai_epi32(a2, kResamplePrecisionBits),
                                                   _mm256_srai_epi32(a3, kResamplePrecisionBits));
            const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_packus_epi16(lo, hi), order);
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), packed);
        }
        for (; i < vectorBytes; i += 8) {
            __m256i acc = half;
            const std::uint8_t* p = base + i;
            for (int t = 0; t < n; ++t, p += srcStride) {
                acc = _mm256_add_epi32(acc, _mm256_mullo_epi32(bytes8(p), _mm256_set1_epi32(w[t])));
            }
            const __m256i v = _mm256_srai_epi32(acc, kResamplePrecisionBits);
            const __m128i words = _mm_packus_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
            _mm_storel_epi64(reinterpret_cast<__m128i*>(out + i), _mm_packus_epi16(words, words));
        }
    }
    if (vectorBytes < rowBytes) {
        verticalScalar(src, srcStride, y0, rowBytes, k, dst, vectorBytes);
    }
}

#endif  // WINNOW_HAVE_AVX2_PASSES

}  // namespace

bool useAvx2() {
#ifdef WINNOW_HAVE_AVX2_PASSES
    static const bool enabled = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                                && std::getenv("WINNOW_IMAGEIO_SCALAR") == nullptr;
    return enabled;
#else
    return false;
#endif
}

void horizontalPasses(const PixelView& in, const HorizontalJob* jobs, std::size_t count) {
    if (count == 0) {
        return;
    }
#ifdef WINNOW_HAVE_AVX2_PASSES
    if (useAvx2() && (in.channels == 1 || in.channels == 3)) {
        horizontalStrips(in, jobs, count);
        return;
    }
#endif
    for (std::size_t i = 0; i < count; ++i) {
        horizontalScalar(in, jobs[i]);
    }
}

void verticalPass(const std::uint8_t* src, std::size_t srcStride, int y0, int rowBytes, const AxisKernel& k,
                  std::uint8_t* dst) {
#ifdef WINNOW_HAVE_AVX2_PASSES
    if (useAvx2()) {
        verticalAvx2(src, srcStride, y0, rowBytes, k, dst);
        return;
    }
#endif
    verticalScalar(src, srcStride, y0, rowBytes, k, dst, 0);
}

}  // namespace winnow::imageio::detail
