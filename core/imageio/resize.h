// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "imageio/image.h"

namespace winnow::imageio {

/// Pillow's resampling filters, as PIL.Image.Resampling names them.
enum class ResizeFilter {
    Nearest,   ///< NEAREST: Pillow's affine nearest-neighbour scale (no antialiasing)
    Bilinear,  ///< BILINEAR: triangle filter, support 1, widened by the downscale factor (antialiased)
    Bicubic,   ///< BICUBIC: cubic convolution a = -0.5, support 2, widened likewise
    Lanczos,   ///< LANCZOS: Lanczos-3, support 3, widened likewise (same as resizeLanczos)
};

/// Resizes exactly as PIL's Image.resize((width, height), filter) on an 8-bit "L" (1 channel) or "RGB"
/// (3 channels) image, which is what torchvision's Resize does to PIL images: separable, horizontal pass
/// first, 22-bit fixed-point coefficients, each pass rounded and clipped to 8 bits (Pillow 9.4's
/// Resample.c); NEAREST follows Pillow's affine scale. The same size gives a copy.
/// Throws winnow::Error for an empty image, another channel count or a non-positive size.
/// Cost: O(width * inHeight + width * height) times the filter's taps. Thread-safe (per-thread caches).
Image resizePil(const Image& image, int width, int height, ResizeFilter filter);

/// Resizes one float plane exactly as PIL's Image.resize on a mode "F" image (32-bit float samples,
/// unclipped): the filter's coefficients in double, double sums stored as float after each pass. clean-fid
/// resizes each channel this way ("clean" mode). plane is width x height floats, out outWidth x outHeight
/// floats, row-major. Throws winnow::Error for empty sizes or Nearest (not offered on float planes).
void resizePilFloat(const float* plane, int width, int height, int outWidth, int outHeight,
                    ResizeFilter filter, float* out);

}  // namespace winnow::imageio
