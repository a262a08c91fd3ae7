// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to core/imageio: the separable fixed-point resampler behind resizeLanczos, resizePil, the hashes
// and shrinkToFit, and the float (PIL mode "F") resampler behind resizePilFloat.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "imageio/internal.h"

namespace winnow::imageio::detail {

enum class Filter {
    Lanczos3,  ///< Pillow's LANCZOS: truncated sinc, support 3 scaled by the downscale factor
    Area,      ///< exact area averaging (the INTER_AREA definition); shrinking only
    Bilinear,  ///< Pillow's BILINEAR: triangle, support 1 scaled by the downscale factor
    Bicubic,   ///< Pillow's BICUBIC: cubic convolution with a = -0.5, support 2 scaled likewise
};

/// Fixed-point fraction bits of the coefficients (Pillow: 32 - 8 - 2, headroom for negative lobes).
constexpr int kResamplePrecisionBits = 22;

/// Coefficients for one axis, laid out as Pillow's precompute_coeffs does: output i reads count[i] inputs
/// from first[i] with weights coeffs[i * taps ...].
struct AxisKernel {
    int inSize = 0;
    int outSize = 0;
    int taps = 0;
    std::vector<int> first;
    std::vector<int> count;
    std::vector<std::int32_t> coeffs;  ///< fixed point, kResamplePrecisionBits fraction bits
    std::vector<float> weights;        ///< coeffs / 2^22 as floats: exact, since |coeff| < 2^24
    /// Per output, for the float path, which sums (sample - 128) * weight: 128 * sum(weights) + 1/2, so
    /// that adding it gives the value whose floor Pillow takes.
    std::vector<float> offset;
    /// Per output: a bound on the error of that float computation (products accumulated with FMA in any
    /// order, then the offset added). A result whose distance to the rounding boundary exceeds it rounds
    /// exactly as the integer sum does; otherwise the integer sum is recomputed.
    std::vector<float> tolerance;
};

/// One output of resampleMany: width x height x in.channels bytes, rows without padding.
struct ResizeRequest {
    Filter filter = Filter::Lanczos3;
    int width = 0;
    int height = 0;
    std::uint8_t* out = nullptr;
};

/// Two passes, horizontal then vertical, each rounded half up and clipped to 8 bits, exactly as Pillow's
/// ImagingResampleInner on 8-bit images (a pass whose size does not change is skipped, as in Pillow).
/// Several sizes of the same image are made in one sweep over its rows, which shares the conversion of
/// the input for the vector pass. Channels: 1 to 4. Kernels are computed once per (filter, input size,
/// output size) and kept in a small thread_local cache: a Lanczos kernel costs thousands of sin() calls.
void resampleMany(const PixelView& in, const ResizeRequest* requests, std::size_t count);

/// resampleMany with a single request.
void resample(const PixelView& in, Filter filter, int outWidth, int outHeight, std::uint8_t* out);

/// Pillow's mode "F" (float32) resampling of one plane with the Pillow filters (not Area): the same
/// coefficients, kept in double precision, each output a double sum of float samples times double weights
/// stored as float, horizontal pass first, a pass whose size does not change skipped (ImagingResample's
/// 32-bit path). in is width x height floats, out outWidth x outHeight floats, both row-major.
void resampleFloat(const float* in, int width, int height, Filter filter, int outWidth, int outHeight,
                   float* out);

/// Pillow's NEAREST resize (Image.resize with NEAREST runs an affine scale, not ImagingResample): output
/// x reads input floor(x0 + (x + 1/2) * in/out) with the position accumulated in double as Pillow does.
void resizeNearest(const PixelView& in, int outWidth, int outHeight, std::uint8_t* out);

// ---- passes (resample_passes.cpp)

/// True when the AVX2/FMA code paths (resampling, statistics) run: the CPU has AVX2 and FMA and the
/// environment variable WINNOW_IMAGEIO_SCALAR is unset (read once per process; the tests run a second time
/// with it set, so that the scalar reference paths are checked against the Python fixtures too).
bool useAvx2();

/// Horizontal pass of one request: rows [y0, y1) of the input into dst (row y0 first).
struct HorizontalJob {
    const AxisKernel* kernel = nullptr;
    int y0 = 0;
    int y1 = 0;
    std::uint8_t* dst = nullptr;
    std::size_t dstStride = 0;
};

/// Runs the horizontal passes of several requests over the same input.
void horizontalPasses(const PixelView& in, const HorizontalJob* jobs, std::size_t count);

/// Resamples along y: output row i reads rows k.first[i] - y0 ... of src, rowBytes bytes each.
void verticalPass(const std::uint8_t* src, std::size_t srcStride, int y0, int rowBytes, const AxisKernel& k,
                  std::uint8_t* dst);

}  // namespace winnow::imageio::detail
