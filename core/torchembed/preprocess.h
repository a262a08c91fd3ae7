// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

#include "imageio/image.h"
#include "torchembed/sidecar.h"

namespace winnow::torchembed {

/// Turns decoded images into a model's input tensor as the sidecar says, in plain C++ (no torch):
///   1. grey images are processed as one channel and replicated to 3 at the end (as PIL's convert("RGB"));
///   2. resize (shorter_side: the shorter side to resize_size, the longer int(size * long / short), as
///      torchvision; exact: to resize_size), with the sidecar's interpolation:
///        - PIL filters, resize_precision "uint8": imageio::resizePil on the 8-bit image (torchvision
///          Resize on a PIL image), then ToTensor's float(v) / 255;
///        - PIL filters, resize_precision "float": imageio::resizePilFloat per channel on 0..255 floats,
///          clipped to [0, 255] (clean-fid's "clean" resize), then / 255 for value_range [0, 1];
///        - torch_bilinear: the float tensor (ToTensor first) through torchBilinear (pytorch-fid);
///   3. centre crop to input_size as torchvision's CenterCrop (top = int(round((h - ch) / 2.0)), Python's
///      round half to even; zero padding where the image is smaller);
///   4. (v - mean) / std in float32 per channel (torchvision's Normalize), channel order RGB or BGR.
/// Output: 3 x input_height x input_width floats per image, CHW (planes in channel order).
/// Thread affinity: const methods may run concurrently.
class Preprocessor {
public:
    explicit Preprocessor(const Sidecar& sidecar);

    /// Floats per image: 3 * input_height * input_width.
    std::size_t imageSize() const { return m_imageSize; }

    /// Writes one image's tensor to out (imageSize() floats). Throws winnow::Error for an empty image, a
    /// channel count other than 1 or 3, or (resize "none" without crop) an image not of input_size.
    /// Cost: the resize, O(output pixels x taps), plus O(input_height x input_width).
    void run(const imageio::Image& image, float* out) const;

    /// run() on every image: out holds images.size() * imageSize() floats.
    void runBatch(const std::vector<imageio::Image>& images, float* out) const;

    /// Size after the resize step for an image of width x height (before the crop).
    void resizedSize(int width, int height, int& outWidth, int& outHeight) const;

private:
    Sidecar m_sidecar;
    std::size_t m_imageSize = 0;
};

/// torch.nn.functional.interpolate(x, size=(outHeight, outWidth), mode="bilinear", align_corners=False,
/// antialias=False) on one float plane, with PyTorch 1.13's CPU arithmetic: scale = float(in) / out in
/// float, source index max(scale * (i + 0.5) - 0.5, 0) in double, neighbours i0 = trunc and
/// min(i0 + 1, in - 1), the fraction stored as float; interpolated along x, then y, in float. Agrees with
/// libtorch to 1 ulp (its vectorised kernel rounds differently). No antialiasing, so shrinking aliases (as
/// pytorch-fid does). Cost: O(outWidth * outHeight).
void torchBilinear(const float* in, int width, int height, int outWidth, int outHeight, float* out);

}  // namespace winnow::torchembed
