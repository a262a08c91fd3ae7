// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchembed/preprocess.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "common/error.h"
#include "imageio/resize.h"

// Arithmetic here is deliberately float32 step by step, in torchvision's order (ToTensor's v / 255, then
// (v - mean) / std), so that the PIL paths give the very floats torchvision gives; nothing here may be
// contracted into fused multiply-adds (the module is built with -ffp-contract=off).

namespace winnow::torchembed {
namespace {

imageio::ResizeFilter pilFilter(Interpolation interpolation) {
    switch (interpolation) {
        case Interpolation::Nearest:
            return imageio::ResizeFilter::Nearest;
        case Interpolation::Bilinear:
            return imageio::ResizeFilter::Bilinear;
        case Interpolation::Bicubic:
            return imageio::ResizeFilter::Bicubic;
        case Interpolation::Lanczos:
            return imageio::ResizeFilter::Lanczos;
        case Interpolation::TorchBilinear:
            break;
    }
    throw Error("preprocess: torch_bilinear is not a PIL filter");
}

/// Planes of an 8-bit image as floats: v / 255 (ToTensor) when scale is true, else v.
std::vector<float> toPlanes(const imageio::Image& image, bool scale) {
    const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
    const int c = image.channels;
    std::vector<float> planes(n * c);
    for (int ch = 0; ch < c; ++ch) {
        float* plane = planes.data() + n * ch;
        const std::uint8_t* p = image.pixels.data() + ch;
        for (std::size_t i = 0; i < n; ++i) {
            const float v = static_cast<float>(p[i * c]);
            plane[i] = scale ? v / 255.0f : v;
        }
    }
    return planes;
}

/// Offset of the crop along one axis, in the unpadded image: torchvision's CenterCrop pads (crop - size) // 2
/// in front when the crop is larger, else starts at int(round((size - crop) / 2.0)) (half to even).
int cropOffset(int size, int crop) {
    if (crop > size) {
        return -((crop - size) / 2);
    }
    const int diff = size - crop;
    int half = diff / 2;
    if (diff % 2 == 1 && half % 2 == 1) {
        ++half;  // k + 0.5 rounds to the even one of k, k + 1
    }
    return half;
}

}  // namespace

void torchBilinear(const float* in, int width, int height, int outWidth, int outHeight, float* out) {
    if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
        throw Error("torchBilinear: empty plane or output size");
    }
    struct Tap {
        int i0, i1;
        float l0, l1;
    };
    const auto taps = [](int inSize, int outSize) {
        // As libtorch 1.13's CPU kernel (measured against it): the scale in float, the source index and its
        // fraction in double (the accumulate type of float), the fraction then stored as float.
        const float scale = static_cast<float>(inSize) / static_cast<float>(outSize);
        std::vector<Tap> t(outSize);
        for (int i = 0; i < outSize; ++i) {
            double real = static_cast<double>(scale) * (i + 0.5) - 0.5;
            if (real < 0.0) {
                real = 0.0;
            }
            const int i0 = static_cast<int>(real);
            const int offset = i0 < inSize - 1 ? 1 : 0;
            const float l1 = static_cast<float>(std::min(std::max(real - i0, 0.0), 1.0));
            t[i] = {i0, i0 + offset, 1.0f - l1, l1};
        }
        return t;
    };
    const std::vector<Tap> tx = taps(width, outWidth);
    const std::vector<Tap> ty = taps(height, outHeight);
    for (int y = 0; y < outHeight; ++y) {
        const float* r0 = in + static_cast<std::size_t>(ty[y].i0) * width;
        const float* r1 = in + static_cast<std::size_t>(ty[y].i1) * width;
        float* o = out + static_cast<std::size_t>(y) * outWidth;
        for (int x = 0; x < outWidth; ++x) {
            const Tap& t = tx[x];
            const float a = r0[t.i0] * t.l0 + r0[t.i1] * t.l1;
            const float b = r1[t.i0] * t.l0 + r1[t.i1] * t.l1;
            o[x] = a * ty[y].l0 + b * ty[y].l1;
        }
    }
}

Preprocessor::Preprocessor(const Sidecar& sidecar)
    : m_sidecar(sidecar),
      m_imageSize(static_cast<std::size_t>(3) * sidecar.inputHeight * sidecar.inputWidth) {}

void Preprocessor::resizedSize(int width, int height, int& outWidth, int& outHeight) const {
    switch (m_sidecar.resize) {
        case ResizeMode::ShorterSide: {
            // torchvision's _compute_resized_output_size: the longer side is int(size * long / short).
            const int size = m_sidecar.resizeShorter;
            const int shorter = std::min(width, height);
            const int longer = std::max(width, height);
            const int newLong = static_cast<int>(static_cast<double>(size) * longer / shorter);
            outWidth = width <= height ? size : newLong;
            outHeight = width <= height ? newLong : size;
            break;
        }
        case ResizeMode::Exact:
            outWidth = m_sidecar.resizeWidth;
            outHeight = m_sidecar.resizeHeight;
            break;
        case ResizeMode::None:
            outWidth = width;
            outHeight = height;
            break;
    }
}

void Preprocessor::run(const imageio::Image& image, float* out) const {
    const Sidecar& s = m_sidecar;
    if (image.empty() || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * image.channels) {
        throw Error("model " + s.name + ": cannot use an empty image or one with " +
                    std::to_string(image.channels) + " channels (1 or 3 expected)");
    }
    const int c = image.channels;
    const bool toUnit = s.valueMax == 1.0;
    int rw = 0;
    int rh = 0;
    resizedSize(image.width, image.height, rw, rh);
    if (s.crop == CropMode::None && (rw != s.inputWidth || rh != s.inputHeight)) {
        throw Error("model " + s.name + " takes " + std::to_string(s.inputWidth) + "x" +
                    std::to_string(s.inputHeight) + " images (its sidecar resizes nothing), got " +
                    std::to_string(image.width) + "x" + std::to_string(image.height));
    }

    // Resize into planes of values already in the model's value range (ToTensor semantics).
    std::vector<float> planes;
    const bool sameSize = rw == image.width && rh == image.height;
    if (sameSize) {
        planes = toPlanes(image, toUnit);
    } else if (s.interpolation == Interpolation::TorchBilinear) {
        const std::vector<float> full = toPlanes(image, toUnit);
        const std::size_t inPlane = static_cast<std::size_t>(image.width) * image.height;
        planes.resize(static_cast<std::size_t>(rw) * rh * c);
        for (int ch = 0; ch < c; ++ch) {
            torchBilinear(full.data() + inPlane * ch, image.width, image.height, rw, rh,
                          planes.data() + static_cast<std::size_t>(rw) * rh * ch);
        }
    } else if (s.resizePrecision == ResizePrecision::Float) {
        const std::vector<float> full = toPlanes(image, false);
        const std::size_t inPlane = static_cast<std::size_t>(image.width) * image.height;
        const std::size_t outPlane = static_cast<std::size_t>(rw) * rh;
        planes.resize(outPlane * c);
        for (int ch = 0; ch < c; ++ch) {
            float* plane = planes.data() + outPlane * ch;
            imageio::resizePilFloat(full.data() + inPlane * ch, image.width, image.height, rw, rh,
                                    pilFilter(s.interpolation), plane);
            for (std::size_t i = 0; i < outPlane; ++i) {
                const float v = std::min(std::max(plane[i], 0.0f), 255.0f);
                plane[i] = toUnit ? v / 255.0f : v;
            }
        }
    } else {
        planes = toPlanes(imageio::resizePil(image, rw, rh, pilFilter(s.interpolation)), toUnit);
    }

    // Crop (with torchvision's zero padding), normalise, order the channels.
    const int ih = s.inputHeight;
    const int iw = s.inputWidth;
    const int top = s.crop == CropMode::Center ? cropOffset(rh, ih) : 0;
    const int left = s.crop == CropMode::Center ? cropOffset(rw, iw) : 0;
    const std::size_t plane = static_cast<std::size_t>(rw) * rh;
    for (int oc = 0; oc < 3; ++oc) {
        const int sc = c == 1 ? 0 : (s.channelOrder == ChannelOrder::Rgb ? oc : 2 - oc);
        const float* src = planes.data() + plane * sc;
        const float mean = static_cast<float>(s.mean[oc]);
        const float stdev = static_cast<float>(s.std[oc]);
        float* dst = out + static_cast<std::size_t>(oc) * ih * iw;
        for (int y = 0; y < ih; ++y) {
            const int sy = y + top;
            float* o = dst + static_cast<std::size_t>(y) * iw;
            for (int x = 0; x < iw; ++x) {
                const int sx = x + left;
                const float v = sy >= 0 && sy < rh && sx >= 0 && sx < rw
                                    ? src[static_cast<std::size_t>(sy) * rw + sx]
                                    : 0.0f;
                o[x] = (v - mean) / stdev;
            }
        }
    }
}

void Preprocessor::runBatch(const std::vector<imageio::Image>& images, float* out) const {
    for (std::size_t i = 0; i < images.size(); ++i) {
        run(images[i], out + i * m_imageSize);
    }
}

}  // namespace winnow::torchembed
