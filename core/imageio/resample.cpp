// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "imageio/resample.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "common/error.h"
#include "imageio/resize.h"
#include "imageio/scratch.h"

// Pillow compatibility: coefficients, bounds, the 22-bit fixed point, the horizontal-then-vertical order
// and the rounding between the passes follow Pillow's src/libImaging/Resample.c (8-bit path), so that
// resizeLanczos reproduces Image.resize(size, Image.LANCZOS) bit for bit.
//
// This file computes coefficients, caches them per thread and drives the two passes; the passes
// themselves (scalar and AVX2/FMA) live in resample_passes.cpp.

namespace winnow::imageio::detail {
namespace {

// ---------------------------------------------------------------- coefficients

double sinc(double x) {
    if (x == 0.0) {
        return 1.0;
    }
    x = x * M_PI;
    return std::sin(x) / x;
}

double lanczos3(double x) {
    if (-3.0 <= x && x < 3.0) {
        return sinc(x) * sinc(x / 3);
    }
    return 0.0;
}

double triangle(double x) {
    // Pillow's bilinear_filter.
    if (x < 0.0) {
        x = -x;
    }
    return x < 1.0 ? 1.0 - x : 0.0;
}

double cubic(double x) {
    // Pillow's bicubic_filter: Keys' cubic convolution with a = -0.5 (Pillow's choice, as in Catmull-Rom).
    constexpr double a = -0.5;
    if (x < 0.0) {
        x = -x;
    }
    if (x < 1.0) {
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
        return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
}

/// Pillow's filter table: function and support (before scaling by the downscale factor).
struct PillowFilter {
    double (*function)(double);
    double support;
};

PillowFilter pillowFilter(Filter filter) {
    switch (filter) {
    case Filter::Bilinear: return {triangle, 1.0};
    case Filter::Bicubic: return {cubic, 2.0};
    case Filter::Lanczos3: return {lanczos3, 3.0};
    case Filter::Area: break;
    }
    throw Error("resample: not a Pillow filter");
}

/// Pillow's precompute_coeffs for one axis (whole input, no box): output i reads count[i] inputs from
/// first[i] with the normalised weights w[i * taps ...] (double, as Pillow keeps them before converting to
/// fixed point). Returns taps.
int pillowCoefficients(Filter filter, int inSize, int outSize, std::vector<int>& first,
                       std::vector<int>& count, std::vector<double>& weights) {
    const PillowFilter f = pillowFilter(filter);
    const double scale = static_cast<double>(inSize) / outSize;
    const double filterscale = scale < 1.0 ? 1.0 : scale;
    const double support = f.support * filterscale;
    const int taps = static_cast<int>(std::ceil(support)) * 2 + 1;
    first.assign(outSize, 0);
    count.assign(outSize, 0);
    weights.assign(static_cast<std::size_t>(outSize) * taps, 0.0);
    const double ss = 1.0 / filterscale;
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        int xmin = static_cast<int>(center - support + 0.5);
        xmin = std::max(xmin, 0);
        int xmax = static_cast<int>(center + support + 0.5);
        xmax = std::min(xmax, inSize) - xmin;
        double* w = &weights[static_cast<std::size_t>(xx) * taps];
        double ww = 0.0;
        for (int x = 0; x < xmax; ++x) {
            w[x] = f.function((x + xmin - center + 0.5) * ss);
            ww += w[x];
        }
        for (int x = 0; x < xmax; ++x) {
            if (ww != 0.0) {
                w[x] /= ww;
            }
        }
        first[xx] = xmin;
        count[xx] = std::max(xmax, 0);
    }
    return taps;
}

std::int32_t toFixed(double w) {
    // Pillow's normalize_coeffs_8bpc: round half away from zero, then truncate.
    if (w < 0) {
        return static_cast<std::int32_t>(-0.5 + w * (1 << kResamplePrecisionBits));
    }
    return static_cast<std::int32_t>(0.5 + w * (1 << kResamplePrecisionBits));
}

/// Rounding error bound, in units of 128 * 2^-24, of summing the products of centred samples (|s| <= 128)
/// and weights w[0..n) with FMA into `chains` accumulators (tap t into chain t % chains), then adding the
/// chains pairwise. Each operation errs by at most 2^-24 times the magnitude of its result, which is at
/// most 128 times the absolute weights accumulated so far in that chain.
double chainedSumBound(const float* w, int n, int chains) {
    double cumulative[4] = {0, 0, 0, 0};
    double bound = 0;
    double absSum = 0;
    for (int t = 0; t < n; ++t) {
        cumulative[t % chains] += std::abs(static_cast<double>(w[t]));
        bound += cumulative[t % chains];
        absSum += std::abs(static_cast<double>(w[t]));
    }
    return bound + (chains - 1) * absSum;
}

/// Fills the float weights, offsets and rounding tolerances of the float path (see AxisKernel).
void addFloatWeights(AxisKernel& k) {
    k.weights.resize(k.coeffs.size());
    k.offset.resize(k.outSize);
    k.tolerance.resize(k.outSize);
    for (std::size_t i = 0; i < k.coeffs.size(); ++i) {
        k.weights[i] = std::ldexp(static_cast<float>(k.coeffs[i]), -kResamplePrecisionBits);
    }
    for (int xx = 0; xx < k.outSize; ++xx) {
        const float* w = &k.weights[static_cast<std::size_t>(xx) * k.taps];
        double sum = 0;  // exact: multiples of 2^-22 below 2^10
        double absSum = 0;
        for (int t = 0; t < k.count[xx]; ++t) {
            sum += w[t];
            absSum += std::abs(static_cast<double>(w[t]));
        }
        k.offset[xx] = static_cast<float>(128 * sum + 0.5);
        // The passes use two chains per channel (RGB) or four (gray); the offset is then added (result at
        // most 128 * sum |w| + 129) after its own conversion to float (error at most 129 * 2^-24).
        const double products = 128 * std::max(chainedSumBound(w, k.count[xx], 2), chainedSumBound(w, k.count[xx], 4));
        const double bound = (products + 128 * absSum + 129 + 129) * std::ldexp(1.0, -24);
        k.tolerance[xx] = static_cast<float>(1.01 * bound);  // margin for the rounding of the bound itself
    }
}

AxisKernel pillowKernel(Filter filter, int inSize, int outSize) {
    AxisKernel k;
    k.inSize = inSize;
    k.outSize = outSize;
    std::vector<double> w;
    k.taps = pillowCoefficients(filter, inSize, outSize, k.first, k.count, w);
    k.coeffs.resize(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        k.coeffs[i] = toFixed(w[i]);
    }
    addFloatWeights(k);
    return k;
}

AxisKernel areaKernel(int inSize, int outSize) {
    // Output i averages the input interval [i * scale, (i + 1) * scale), each input pixel weighted by its
    // overlap with it: the definition of OpenCV's INTER_AREA when shrinking.
    AxisKernel k;
    k.inSize = inSize;
    k.outSize = outSize;
    const double scale = static_cast<double>(inSize) / outSize;
    k.taps = static_cast<int>(std::ceil(scale)) + 2;
    k.first.resize(outSize);
    k.count.resize(outSize);
    k.coeffs.assign(static_cast<std::size_t>(outSize) * k.taps, 0);
    for (int xx = 0; xx < outSize; ++xx) {
        const double x0 = xx * scale;
        const double x1 = std::min((xx + 1) * scale, static_cast<double>(inSize));
        const int first = std::min(static_cast<int>(std::floor(x0)), inSize - 1);
        const int last = std::min(static_cast<int>(std::ceil(x1)), inSize);
        std::int32_t* out = &k.coeffs[static_cast<std::size_t>(xx) * k.taps];
        int n = 0;
        for (int x = first; x < last && n < k.taps; ++x, ++n) {
            const double overlap = std::min(x + 1.0, x1) - std::max(static_cast<double>(x), x0);
            out[n] = toFixed(std::max(overlap, 0.0) / (x1 - x0));
        }
        k.first[xx] = first;
        k.count[xx] = n;
    }
    addFloatWeights(k);
    return k;
}

// ---------------------------------------------------------------- per-thread cache

struct KernelEntry {
    Filter filter;
    AxisKernel kernel;
};

constexpr std::size_t kCacheCapacity = 16;

std::shared_ptr<KernelEntry> cachedEntry(Filter filter, int inSize, int outSize) {
    // Per thread, most recently used first. Ingest decodes in a pool of worker threads; a thread_local
    // cache needs no locking and datasets usually repeat a handful of image sizes.
    thread_local std::vector<std::shared_ptr<KernelEntry>> cache;
    for (std::size_t i = 0; i < cache.size(); ++i) {
        const auto& e = cache[i];
        if (e->filter == filter && e->kernel.inSize == inSize && e->kernel.outSize == outSize) {
            std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(i),
                        cache.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            return cache.front();
        }
    }
    auto entry = std::make_shared<KernelEntry>();
    entry->filter = filter;
    entry->kernel =
        filter == Filter::Area ? areaKernel(inSize, outSize) : pillowKernel(filter, inSize, outSize);
    if (cache.size() >= kCacheCapacity) {
        cache.pop_back();
    }
    cache.insert(cache.begin(), entry);
    return entry;
}

/// Area shrinks in both axes run vertical pass first, unlike Pillow's order (which the Pillow filters keep,
/// to match Pillow to the bit): the horizontal pass, the costly one (it transposes its input), then runs
/// on the output rows only. For the 320x240 -> 128x96 ingest thumbnail that is 2.5x fewer rows, and the
/// shrink costs about 31 us instead of 64 (with the 32-byte vertical pass). Each pass still rounds to 8 bits, so the result stays within
/// 1 of cv::resize INTER_AREA (tests/imageio).
void areaVerticalFirst(const PixelView& in, const ResizeRequest& r, Scratch<std::uint8_t>& temp) {
    const auto vertical = cachedEntry(Filter::Area, in.height, r.height);
    const auto horizontal = cachedEntry(Filter::Area, in.width, r.width);
    const int rowBytes = in.width * in.channels;
    std::uint8_t* rows = temp.get(static_cast<std::size_t>(rowBytes) * r.height);
    const int y0 = vertical->kernel.first.front();
    verticalPass(in.row(y0), in.stride, y0, rowBytes, vertical->kernel, rows);
    const PixelView shrunk{rows, in.width, r.height, in.channels, static_cast<std::size_t>(rowBytes)};
    const HorizontalJob job{&horizontal->kernel, 0, r.height, r.out, static_cast<std::size_t>(r.width) * in.channels};
    horizontalPasses(shrunk, &job, 1);
    temp.trim();
}

}  // namespace

void resampleMany(const PixelView& in, const ResizeRequest* requests, std::size_t count) {
    if (in.width <= 0 || in.height <= 0 || in.channels < 1 || in.channels > 4) {
        throw Error("resample: empty image or unsupported channel count");
    }
    struct Plan {
        std::shared_ptr<KernelEntry> horizontal;  // held: a later lookup may evict it from the cache
        std::shared_ptr<KernelEntry> vertical;
        int y0 = 0;
        int y1 = 0;
        std::uint8_t* temp = nullptr;  // horizontal result when a vertical pass follows
        bool done = false;             // made already (areaVerticalFirst)
    };
    // Per-thread temporaries, one per request (see Scratch).
    thread_local std::vector<Scratch<std::uint8_t>> temps;
    if (temps.size() < count) {
        temps.resize(count);
    }
    const int c = in.channels;
    std::vector<Plan> plans(count);
    std::vector<HorizontalJob> jobs;
    for (std::size_t i = 0; i < count; ++i) {
        const ResizeRequest& r = requests[i];
        if (r.width <= 0 || r.height <= 0 || r.out == nullptr) {
            throw Error("resample: empty output size");
        }
        Plan& p = plans[i];
        const std::size_t outRowBytes = static_cast<std::size_t>(r.width) * c;
        p.y1 = in.height;
        if (r.filter == Filter::Area && r.width != in.width && r.height != in.height) {
            areaVerticalFirst(in, r, temps[i]);
            p.done = true;
            continue;
        }
        if (r.height != in.height) {
            p.vertical = cachedEntry(r.filter, in.height, r.height);
            // Only the rows some output reads, as Pillow's trimmed temporary.
            p.y0 = p.vertical->kernel.first.front();
            p.y1 = p.vertical->kernel.first.back() + p.vertical->kernel.count.back();
        }
        if (r.width != in.width) {
            p.horizontal = cachedEntry(r.filter, in.width, r.width);
            std::uint8_t* dst = r.out;
            if (p.vertical) {
                p.temp = temps[i].get(static_cast<std::size_t>(p.y1 - p.y0) * outRowBytes);
                dst = p.temp;
            }
            jobs.push_back({&p.horizontal->kernel, p.y0, p.y1, dst, outRowBytes});
        }
    }
    horizontalPasses(in, jobs.data(), jobs.size());
    for (std::size_t i = 0; i < count; ++i) {
        const ResizeRequest& r = requests[i];
        Plan& p = plans[i];
        if (p.done) {
            continue;
        }
        const std::size_t outRowBytes = static_cast<std::size_t>(r.width) * c;
        if (p.vertical) {
            const std::uint8_t* src = p.horizontal ? p.temp : in.row(p.y0);
            const std::size_t stride = p.horizontal ? outRowBytes : in.stride;
            verticalPass(src, stride, p.y0, static_cast<int>(outRowBytes), p.vertical->kernel, r.out);
        } else if (!p.horizontal) {
            for (int y = 0; y < in.height; ++y) {
                std::memcpy(r.out + static_cast<std::size_t>(y) * outRowBytes, in.row(y), outRowBytes);
            }
        }
        temps[i].trim();
    }
}

void resample(const PixelView& in, Filter filter, int outWidth, int outHeight, std::uint8_t* out) {
    ResizeRequest request{filter, outWidth, outHeight, out};
    resampleMany(in, &request, 1);
}

}  // namespace winnow::imageio::detail

namespace winnow::imageio::detail {

void resampleFloat(const float* in, int width, int height, Filter filter, int outWidth, int outHeight,
                   float* out) {
    if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
        throw Error("resample: empty image or output size");
    }
    // Pillow's ImagingResampleInner on a mode "F" image: horizontal pass over the rows the vertical pass
    // reads (ybox_first .. ybox_last), then the vertical pass; sums in double, each pass stored as float.
    std::vector<int> firstX, countX, firstY, countY;
    std::vector<double> wx, wy;
    const bool horizontal = outWidth != width;
    const bool vertical = outHeight != height;
    int y0 = 0;
    int y1 = height;
    int tapsY = 0;
    if (vertical) {
        tapsY = pillowCoefficients(filter, height, outHeight, firstY, countY, wy);
        y0 = firstY.front();
        y1 = firstY.back() + countY.back();
    }
    std::vector<float> temp;
    const float* src = in + static_cast<std::size_t>(y0) * width;  // rows y0.. of the vertical pass input
    int srcWidth = width;
    if (horizontal) {
        const int tapsX = pillowCoefficients(filter, width, outWidth, firstX, countX, wx);
        float* dst = out;
        if (vertical) {
            temp.resize(static_cast<std::size_t>(y1 - y0) * outWidth);
            dst = temp.data();
        }
        for (int y = y0; y < y1; ++y) {
            const float* row = in + static_cast<std::size_t>(y) * width;
            float* o = dst + static_cast<std::size_t>(y - y0) * outWidth;
            for (int xx = 0; xx < outWidth; ++xx) {
                const double* k = &wx[static_cast<std::size_t>(xx) * tapsX];
                const float* p = row + firstX[xx];
                double ss = 0.0;
                for (int x = 0; x < countX[xx]; ++x) {
                    ss += p[x] * k[x];
                }
                o[xx] = static_cast<float>(ss);
            }
        }
        src = dst;
        srcWidth = outWidth;
    }
    if (vertical) {
        for (int yy = 0; yy < outHeight; ++yy) {
            const double* k = &wy[static_cast<std::size_t>(yy) * tapsY];
            const float* base = src + static_cast<std::size_t>(firstY[yy] - y0) * srcWidth;
            float* o = out + static_cast<std::size_t>(yy) * srcWidth;
            for (int x = 0; x < srcWidth; ++x) {
                double ss = 0.0;
                for (int t = 0; t < countY[yy]; ++t) {
                    ss += base[static_cast<std::size_t>(t) * srcWidth + x] * k[t];
                }
                o[x] = static_cast<float>(ss);
            }
        }
    } else if (!horizontal) {
        std::memcpy(out, in, static_cast<std::size_t>(width) * height * sizeof(float));
    }
}

void resizeNearest(const PixelView& in, int outWidth, int outHeight, std::uint8_t* out) {
    if (in.width <= 0 || in.height <= 0 || outWidth <= 0 || outHeight <= 0) {
        throw Error("resample: empty image or output size");
    }
    // Pillow's ImagingScaleAffine: positions start at half a step and are accumulated step by step in
    // double (not recomputed per pixel), then truncated; sizes that do not change are copied.
    const int c = in.channels;
    const double stepX = static_cast<double>(in.width) / outWidth;
    const double stepY = static_cast<double>(in.height) / outHeight;
    const auto coord = [](double v) { return v < 0.0 ? -1 : static_cast<int>(v); };
    std::vector<int> xin(outWidth);
    double xo = stepX * 0.5;
    for (int x = 0; x < outWidth; ++x) {
        xin[x] = std::min(std::max(coord(xo), 0), in.width - 1);
        xo += stepX;
    }
    double yo = stepY * 0.5;
    for (int y = 0; y < outHeight; ++y) {
        const int yi = std::min(std::max(coord(yo), 0), in.height - 1);
        yo += stepY;
        const std::uint8_t* row = in.row(yi);
        std::uint8_t* o = out + static_cast<std::size_t>(y) * outWidth * c;
        for (int x = 0; x < outWidth; ++x) {
            std::memcpy(o + static_cast<std::size_t>(x) * c, row + static_cast<std::size_t>(xin[x]) * c, c);
        }
    }
}

}  // namespace winnow::imageio::detail

namespace winnow::imageio {

namespace {

detail::Filter toDetail(ResizeFilter filter) {
    switch (filter) {
    case ResizeFilter::Bilinear: return detail::Filter::Bilinear;
    case ResizeFilter::Bicubic: return detail::Filter::Bicubic;
    case ResizeFilter::Lanczos: return detail::Filter::Lanczos3;
    case ResizeFilter::Nearest: break;
    }
    throw Error("resize: nearest has no resampling filter");
}

}  // namespace

Image resizePil(const Image& image, int width, int height, ResizeFilter filter) {
    if (image.empty() || (image.channels != 1 && image.channels != 3)
        || image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * image.channels) {
        throw Error("resizePil: empty image or unsupported channel count");
    }
    if (width <= 0 || height <= 0) {
        throw Error("resizePil: size must be positive");
    }
    Image out;
    out.width = width;
    out.height = height;
    out.channels = image.channels;
    out.pixels.resize(static_cast<std::size_t>(width) * height * image.channels);
    if (width == image.width && height == image.height) {
        out.pixels = image.pixels;  // Pillow copies
    } else if (filter == ResizeFilter::Nearest) {
        detail::resizeNearest(detail::viewOf(image), width, height, out.pixels.data());
    } else {
        detail::resample(detail::viewOf(image), toDetail(filter), width, height, out.pixels.data());
    }
    return out;
}

void resizePilFloat(const float* plane, int width, int height, int outWidth, int outHeight,
                    ResizeFilter filter, float* out) {
    if (plane == nullptr || out == nullptr || width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
        throw Error("resizePilFloat: empty plane or output size");
    }
    if (filter == ResizeFilter::Nearest) {
        throw Error("resizePilFloat: nearest is not supported on float planes");
    }
    detail::resampleFloat(plane, width, height, toDetail(filter), outWidth, outHeight, out);
}

}  // namespace winnow::imageio
