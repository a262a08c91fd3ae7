// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "imageio/image.h"

namespace winnow::imageio {

/// SHA-512 (FIPS 180-4) through OpenSSL's EVP interface, as 128 lowercase hex characters.
std::string sha512Hex(const void* data, std::size_t size);

/// Resampling exactly as PIL's Image.resize(size, Image.LANCZOS) on 8-bit data (separable, antialiased
/// when shrinking, support 3, fixed-point rounding as in Pillow's Resample.c). Works on 1 or 3 channels.
/// Bit-identical to Pillow 9.4 on the test fixtures and to a transcription of its algorithm on random
/// sizes, on both the AVX2/FMA and the scalar code path.
Image resizeLanczos(const Image& image, int width, int height);

/// ITU-R 601 luma as PIL's convert("L"): L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16.
Image toLuma(const Image& image);

/// 64-bit pHash as imagededup (ALGORITHMS.md 2.6) from 32x32 luma, row-major: unnormalised DCT-II over
/// rows then columns, top-left 8x8 block, median of its 63 AC coefficients, bit = coefficient >= median.
/// Bit order: row-major over the 8x8 block, first coefficient in the most significant bit.
/// Caveat: when AC coefficients tie mathematically (flat images, images that vary along one axis only),
/// their bits depend on floating-point rounding in this and in any other implementation (imagededup's
/// FFT-based DCT included); hashes of such images agree only with the same implementation.
std::uint64_t phashFromLuma32(const std::uint8_t* luma32x32);

/// 64-bit dHash from 9x8 luma (9 wide, 8 high), row-major: bit = p[r][c+1] > p[r][c], MSB first.
std::uint64_t dhashFromLuma9x8(const std::uint8_t* luma9x8);

/// End-to-end hashes: to RGB semantics as PIL (gray stays gray), LANCZOS resize first, then luma.
std::uint64_t phash(const Image& image);
std::uint64_t dhash(const Image& image);

/// 16 lowercase hex characters, most significant bit first (np.packbits order).
std::string hashHex(std::uint64_t hash);

inline int hamming(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

}  // namespace winnow::imageio
