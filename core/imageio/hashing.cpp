// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "imageio/hashing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include <openssl/evp.h>

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <immintrin.h>
#define WINNOW_HAVE_AVX2_DCT 1
#endif

#include "common/error.h"
#include "imageio/internal.h"
#include "imageio/resample.h"

namespace winnow::imageio {
namespace {

/// PIL's "L" conversion (Convert.c, L24): ITU-R 601-2 weights in 16-bit fixed point, rounded.
inline std::uint8_t pilLuma(std::uint32_t r, std::uint32_t g, std::uint32_t b) {
    return static_cast<std::uint8_t>((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
}

void checkImage(const Image& image, const char* what) {
    if (image.empty() || (image.channels != 1 && image.channels != 3)
        || image.pixels.size() < static_cast<std::size_t>(image.width) * image.height * image.channels) {
        throw Error(std::string(what) + ": need a non-empty 1- or 3-channel image");
    }
}

/// PIL "L" of `count` resized pixels (1 or 3 channels) into out.
void luma(const std::uint8_t* pixels, int count, int channels, detail::ChannelOrder order, std::uint8_t* out) {
    if (channels == 1) {
        std::copy(pixels, pixels + count, out);
        return;
    }
    const int r = order == detail::ChannelOrder::Rgb ? 0 : 2;
    for (int i = 0; i < count; ++i, pixels += 3) {
        out[i] = pilLuma(pixels[r], pixels[1], pixels[2 - r]);
    }
}

/// cos(pi * k * (2n + 1) / 64) for k < 8, n < 32: the DCT-II basis for the 8 lowest frequencies.
/// cos(pi k (2n+1) / 64) for the 8 lowest frequencies k, stored [n][k] so that the 8 sums of one row (or
/// column) advance together: 8 independent accumulators instead of one long dependency chain. Each sum
/// still adds its 32 terms in the order n = 0..31, so the values are the same to the bit.
const std::array<double, 32 * 8>& dctBasis() {
    static const std::array<double, 32 * 8> basis = [] {
        std::array<double, 32 * 8> b{};
        for (int n = 0; n < 32; ++n) {
            for (int k = 0; k < 8; ++k) {
                b[static_cast<std::size_t>(n) * 8 + k] = std::cos(M_PI * k * (2 * n + 1) / 64.0);
            }
        }
        return b;
    }();
    return basis;
}

}  // namespace

std::string sha512Hex(const void* data, std::size_t size) {
    static const unsigned char empty = 0;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data ? data : &empty, size, digest, &length, EVP_sha512(), nullptr) != 1 || length != 64) {
        throw Error("SHA-512 failed (OpenSSL)");
    }
    static const char* hex = "0123456789abcdef";
    std::string out(128, '0');
    for (unsigned int i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    return out;
}

Image resizeLanczos(const Image& image, int width, int height) {
    checkImage(image, "resizeLanczos");
    if (width <= 0 || height <= 0) {
        throw Error("resizeLanczos: size must be positive");
    }
    Image out;
    out.width = width;
    out.height = height;
    out.channels = image.channels;
    out.pixels.resize(static_cast<std::size_t>(width) * height * image.channels);
    detail::resample(detail::viewOf(image), detail::Filter::Lanczos3, width, height, out.pixels.data());
    return out;
}

Image toLuma(const Image& image) {
    checkImage(image, "toLuma");
    if (image.channels == 1) {
        return image;
    }
    Image out;
    out.width = image.width;
    out.height = image.height;
    out.channels = 1;
    const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
    out.pixels.resize(n);
    const std::uint8_t* p = image.pixels.data();
    for (std::size_t i = 0; i < n; ++i, p += 3) {
        out.pixels[i] = pilLuma(p[0], p[1], p[2]);
    }
    return out;
}

namespace {

/// The 8x8 lowest frequencies of the unnormalised 2-D DCT-II of a 32x32 block (scipy.fftpack's default,
/// y_k = 2 sum x_n cos(pi k (2n+1) / 2N), along the rows, then along the columns), into d[v * 8 + u].
void lowDct(const std::uint8_t* luma32x32, double* d) {
    const auto& basis = dctBasis();
    double rows[32][8];
    for (int r = 0; r < 32; ++r) {
        const std::uint8_t* p = luma32x32 + r * 32;
        double s[8] = {};
        for (int n = 0; n < 32; ++n) {
            const double x = p[n];
            const double* c = &basis[static_cast<std::size_t>(n) * 8];
            for (int k = 0; k < 8; ++k) {
                s[k] += x * c[k];
            }
        }
        for (int k = 0; k < 8; ++k) {
            rows[r][k] = 2 * s[k];
        }
    }
    for (int v = 0; v < 8; ++v) {
        double s[8] = {};
        for (int r = 0; r < 32; ++r) {
            const double c = basis[static_cast<std::size_t>(r) * 8 + v];
            for (int u = 0; u < 8; ++u) {
                s[u] += c * rows[r][u];
            }
        }
        for (int u = 0; u < 8; ++u) {
            d[v * 8 + u] = 2 * s[u];
        }
    }
}

#ifdef WINNOW_HAVE_AVX2_DCT
/// lowDct with 4 sums per instruction. Separate multiplies and adds (no FMA, which rounds once instead of
/// twice), each sum in the same order: the values equal lowDct's to the bit.
__attribute__((target("avx2"))) void lowDctAvx2(const std::uint8_t* luma32x32, double* d) {
    const auto& basis = dctBasis();
    alignas(32) double rows[32][8];
    for (int r = 0; r < 32; ++r) {
        const std::uint8_t* p = luma32x32 + r * 32;
        __m256d lo = _mm256_setzero_pd();
        __m256d hi = _mm256_setzero_pd();
        for (int n = 0; n < 32; ++n) {
            const __m256d x = _mm256_set1_pd(static_cast<double>(p[n]));
            const double* c = &basis[static_cast<std::size_t>(n) * 8];
            lo = _mm256_add_pd(lo, _mm256_mul_pd(x, _mm256_loadu_pd(c)));
            hi = _mm256_add_pd(hi, _mm256_mul_pd(x, _mm256_loadu_pd(c + 4)));
        }
        const __m256d two = _mm256_set1_pd(2.0);
        _mm256_store_pd(&rows[r][0], _mm256_mul_pd(two, lo));
        _mm256_store_pd(&rows[r][4], _mm256_mul_pd(two, hi));
    }
    for (int v = 0; v < 8; ++v) {
        __m256d lo = _mm256_setzero_pd();
        __m256d hi = _mm256_setzero_pd();
        for (int r = 0; r < 32; ++r) {
            const __m256d c = _mm256_set1_pd(basis[static_cast<std::size_t>(r) * 8 + v]);
            lo = _mm256_add_pd(lo, _mm256_mul_pd(c, _mm256_load_pd(&rows[r][0])));
            hi = _mm256_add_pd(hi, _mm256_mul_pd(c, _mm256_load_pd(&rows[r][4])));
        }
        const __m256d two = _mm256_set1_pd(2.0);
        _mm256_storeu_pd(d + v * 8, _mm256_mul_pd(two, lo));
        _mm256_storeu_pd(d + v * 8 + 4, _mm256_mul_pd(two, hi));
    }
}
#endif

}  // namespace

std::uint64_t phashFromLuma32(const std::uint8_t* luma32x32) {
    // Unnormalised DCT-II (scipy.fftpack default, y_k = 2 sum x_n cos(pi k (2n+1) / 2N)) along the rows,
    // then along the columns; only the 8x8 lowest frequencies are needed.
    std::array<double, 64> d;  // d[v * 8 + u]: v vertical, u horizontal frequency (numpy's D[v, u])
#ifdef WINNOW_HAVE_AVX2_DCT
    if (detail::useAvx2()) {
        lowDctAvx2(luma32x32, d.data());
    } else
#endif
    {
        lowDct(luma32x32, d.data());
    }
    // numpy median of the 63 AC coefficients: an odd count, so the middle value itself.
    std::array<double, 63> ac;
    std::copy(d.begin() + 1, d.end(), ac.begin());
    std::nth_element(ac.begin(), ac.begin() + 31, ac.end());
    const double median = ac[31];
    std::uint64_t hash = 0;
    for (double coefficient : d) {
        hash = (hash << 1) | (coefficient >= median ? 1u : 0u);
    }
    return hash;
}

std::uint64_t dhashFromLuma9x8(const std::uint8_t* luma9x8) {
    std::uint64_t hash = 0;
    for (int r = 0; r < 8; ++r) {
        const std::uint8_t* p = luma9x8 + r * 9;
        for (int c = 0; c < 8; ++c) {
            hash = (hash << 1) | (p[c + 1] > p[c] ? 1u : 0u);
        }
    }
    return hash;
}

namespace detail {

void hashesOf(const PixelView& in, ChannelOrder order, std::uint64_t* phash, std::uint64_t* dhash,
              const ResizeRequest* extra) {
    if (in.channels != 1 && in.channels != 3) {
        throw Error("hashing: need a 1- or 3-channel image");
    }
    // imagededup's order: resize first (LANCZOS), then "L". A gray source is resized directly, which
    // equals imagededup's gray -> RGB -> resize -> L: L of (v, v, v) is v and the channels resample alike.
    std::array<std::uint8_t, 32 * 32 * 3> resized32;
    std::array<std::uint8_t, 9 * 8 * 3> resized9x8;
    ResizeRequest requests[3];
    std::size_t n = 0;
    if (phash != nullptr) {
        requests[n++] = {Filter::Lanczos3, 32, 32, resized32.data()};
    }
    if (dhash != nullptr) {
        requests[n++] = {Filter::Lanczos3, 9, 8, resized9x8.data()};
    }
    if (extra != nullptr) {
        requests[n++] = *extra;
    }
    resampleMany(in, requests, n);
    if (phash != nullptr) {
        std::array<std::uint8_t, 32 * 32> luma32;
        luma(resized32.data(), 32 * 32, in.channels, order, luma32.data());
        *phash = phashFromLuma32(luma32.data());
    }
    if (dhash != nullptr) {
        std::array<std::uint8_t, 9 * 8> luma9x8;
        luma(resized9x8.data(), 9 * 8, in.channels, order, luma9x8.data());
        *dhash = dhashFromLuma9x8(luma9x8.data());
    }
}

}  // namespace detail

std::uint64_t phash(const Image& image) {
    checkImage(image, "phash");
    std::uint64_t hash = 0;
    detail::hashesOf(detail::viewOf(image), detail::ChannelOrder::Rgb, &hash, nullptr);
    return hash;
}

std::uint64_t dhash(const Image& image) {
    checkImage(image, "dhash");
    std::uint64_t hash = 0;
    detail::hashesOf(detail::viewOf(image), detail::ChannelOrder::Rgb, nullptr, &hash);
    return hash;
}

std::string hashHex(std::uint64_t hash) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

}  // namespace winnow::imageio
