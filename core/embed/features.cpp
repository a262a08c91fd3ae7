// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "embed/features.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace winnow::embed::detail {
namespace {

constexpr float kPi = 3.14159265358979323846f;

/// Resampling weights along one axis: output i reads count[i] inputs from first[i].
struct AxisKernel {
    int taps = 0;
    std::vector<int> first;
    std::vector<int> count;
    std::vector<float> weights;  ///< taps per output
};

AxisKernel axisKernel(int in, int out) {
    AxisKernel k;
    k.first.resize(out);
    k.count.resize(out);
    if (in >= out) {
        // Exact area: output i covers [i*in, (i+1)*in) in units of 1/out of an input pixel.
        k.taps = (in + out - 1) / out + 1;
        k.weights.assign(static_cast<std::size_t>(out) * k.taps, 0.0f);
        for (int i = 0; i < out; ++i) {
            const std::int64_t a = static_cast<std::int64_t>(i) * in;
            const std::int64_t b = static_cast<std::int64_t>(i + 1) * in;
            const int lo = static_cast<int>(a / out);
            const int hi = static_cast<int>(std::min<std::int64_t>(in, (b + out - 1) / out));
            k.first[i] = lo;
            k.count[i] = hi - lo;
            for (int x = lo; x < hi; ++x) {
                const std::int64_t overlap =
                    std::min<std::int64_t>(b, static_cast<std::int64_t>(x + 1) * out) -
                    std::max<std::int64_t>(a, static_cast<std::int64_t>(x) * out);
                k.weights[static_cast<std::size_t>(i) * k.taps + (x - lo)] =
                    static_cast<float>(static_cast<double>(overlap) / in);
            }
        }
    } else {
        // Linear interpolation at pixel centres: x = (i + 1/2) in/out - 1/2, clamped to [0, in-1].
        k.taps = 2;
        k.weights.assign(static_cast<std::size_t>(out) * 2, 0.0f);
        for (int i = 0; i < out; ++i) {
            double x = (static_cast<double>(2 * i + 1) * in - out) / (2.0 * out);
            x = std::clamp(x, 0.0, static_cast<double>(in - 1));
            const int x0 = std::min(static_cast<int>(std::floor(x)), in - 1);
            const double t = x - x0;
            k.first[i] = x0;
            if (x0 + 1 < in && t > 0.0) {
                k.count[i] = 2;
                k.weights[2 * i] = static_cast<float>(1.0 - t);
                k.weights[2 * i + 1] = static_cast<float>(t);
            } else {
                k.count[i] = 1;
                k.weights[2 * i] = 1.0f;
            }
        }
    }
    return k;
}

/// Bilinear spatial binning: pixel x (of n) lies between cell centres c0 and c1 with weights w0, w1.
struct CellSplit {
    int c0 = 0;
    int c1 = 0;
    float w0 = 0.0f;
    float w1 = 0.0f;
};

std::vector<CellSplit> cellSplits(int n, int cells) {
    std::vector<CellSplit> s(n);
    const double cell = static_cast<double>(n) / cells;
    for (int x = 0; x < n; ++x) {
        const double p = (x + 0.5) / cell - 0.5;
        const int k = static_cast<int>(std::floor(p));
        const double t = p - k;
        CellSplit& c = s[x];
        c.c0 = std::max(k, 0);
        c.c1 = std::min(k + 1, cells - 1);
        c.w0 = static_cast<float>(1.0 - t);
        c.w1 = static_cast<float>(t);
    }
    return s;
}

/// Adds weight w split linearly between the two nearest of `bins` circular bins at position p (in bins,
/// centres at 0.5, 1.5, ...).
inline void circularSplit(float p, float w, int bins, float* hist) {
    const float fl = std::floor(p - 0.5f);
    const float t = (p - 0.5f) - fl;
    int b0 = static_cast<int>(fl) % bins;
    if (b0 < 0) b0 += bins;
    const int b1 = b0 + 1 == bins ? 0 : b0 + 1;
    hist[b0] += w * (1.0f - t);
    hist[b1] += w * t;
}

/// atan2(y, x) in [-pi, pi] within 2e-6 rad (odd minimax polynomial for atan on [0, 1]), several times
/// faster than std::atan2; atan2(0, 0) = 0.
inline float fastAtan2(float y, float x) {
    const float ax = std::abs(x), ay = std::abs(y);
    const float hi = std::max(ax, ay), lo = std::min(ax, ay);
    if (hi == 0.0f) return 0.0f;
    const float r = lo / hi;
    const float r2 = r * r;
    float a = r * (0.99997726f +
                   r2 * (-0.33262347f +
                         r2 * (0.19354346f + r2 * (-0.11643287f + r2 * (0.05265332f + r2 * -0.01172120f)))));
    if (ay > ax) a = 0.5f * kPi - a;
    if (x < 0.0f) a = kPi - a;
    return y < 0.0f ? -a : a;
}

inline float signedSqrt(float v) {
    return v < 0.0f ? -std::sqrt(-v) : std::sqrt(v);
}

}  // namespace

void resampleSquare(const imageio::Image& image, int side, std::vector<float>& out, std::vector<float>& row) {
    const int channels = image.channels;
    const AxisKernel kx = axisKernel(image.width, side);
    const AxisKernel ky = axisKernel(image.height, side);
    const std::size_t rowFloats = static_cast<std::size_t>(side) * channels;
    out.assign(rowFloats * side, 0.0f);
    row.resize(rowFloats);
    const std::size_t stride = static_cast<std::size_t>(image.width) * channels;
    int firstOut = 0;  // first output row whose window may still contain the current input row
    for (int y = 0; y < image.height; ++y) {
        while (firstOut < side && ky.first[firstOut] + ky.count[firstOut] <= y) ++firstOut;
        if (firstOut == side || ky.first[firstOut] > y) continue;  // row read by no output
        const std::uint8_t* src = image.pixels.data() + y * stride;
        for (int i = 0; i < side; ++i) {
            const float* w = kx.weights.data() + static_cast<std::size_t>(i) * kx.taps;
            const std::uint8_t* p = src + static_cast<std::size_t>(kx.first[i]) * channels;
            float* dst = row.data() + static_cast<std::size_t>(i) * channels;
            for (int c = 0; c < channels; ++c) {
                float acc = 0.0f;
                for (int t = 0; t < kx.count[i]; ++t) acc += w[t] * static_cast<float>(p[t * channels + c]);
                dst[c] = acc * (1.0f / 255.0f);
            }
        }
        for (int i = firstOut; i < side && ky.first[i] <= y; ++i) {
            const int tap = y - ky.first[i];
            if (tap >= ky.count[i]) continue;
            const float w = ky.weights[static_cast<std::size_t>(i) * ky.taps + tap];
            float* dst = out.data() + static_cast<std::size_t>(i) * rowFloats;
            for (std::size_t j = 0; j < rowFloats; ++j) dst[j] += w * row[j];
        }
    }
}

void makePlanes(const float* grid, int channels, Planes& planes) {
    const int n = kSide * kSide;
    for (auto* v : {&planes.r, &planes.g, &planes.b, &planes.luma, &planes.o1, &planes.o2}) v->resize(n);
    const float s2 = 1.0f / std::sqrt(2.0f);
    const float s6 = 1.0f / std::sqrt(6.0f);
    for (int i = 0; i < n; ++i) {
        const float r = grid[channels == 3 ? 3 * i : i];
        const float g = channels == 3 ? grid[3 * i + 1] : r;
        const float b = channels == 3 ? grid[3 * i + 2] : r;
        planes.r[i] = r;
        planes.g[i] = g;
        planes.b[i] = b;
        planes.luma[i] = r + 0.587f * (g - r) + 0.114f * (b - r);
        planes.o1[i] = (r - g) * s2;
        planes.o2[i] = ((r - b) + (g - b)) * s6;
    }
}

void orientedGradients(const float* luma, int side, OrientedGradients& g) {
    const std::size_t n = static_cast<std::size_t>(side) * side;
    g.bin.resize(n);
    g.m0.resize(n);
    g.m1.resize(n);
    const float binScale = kHogBins / kPi;
    for (int y = 0; y < side; ++y) {
        const float* up = luma + std::max(y - 1, 0) * side;
        const float* down = luma + std::min(y + 1, side - 1) * side;
        const float* mid = luma + y * side;
        for (int x = 0; x < side; ++x) {
            const std::size_t i = static_cast<std::size_t>(y) * side + x;
            const float gx = mid[std::min(x + 1, side - 1)] - mid[std::max(x - 1, 0)];
            const float gy = down[x] - up[x];
            const float mag = std::sqrt(gx * gx + gy * gy);
            if (mag == 0.0f) {
                g.bin[i] = 0;
                g.m0[i] = g.m1[i] = 0.0f;
                continue;
            }
            float angle = fastAtan2(gy, gx);
            if (angle < 0.0f) angle += kPi;
            if (angle >= kPi) angle -= kPi;
            // Linear split between the two nearest bin centres (circular); centres at (k + 1/2) pi / bins.
            const float pos = angle * binScale - 0.5f;
            const float fl = std::floor(pos);
            const float t = pos - fl;
            int b0 = static_cast<int>(fl);
            if (b0 < 0) b0 += kHogBins;
            if (b0 >= kHogBins) b0 -= kHogBins;
            g.bin[i] = static_cast<std::uint8_t>(b0);
            g.m0[i] = mag * (1.0f - t);
            g.m1[i] = mag * t;
        }
    }
}

void histogramGrid(const OrientedGradients& g, int side, int cells, float* out, std::vector<float>& scratch) {
    const std::vector<CellSplit> split = cellSplits(side, cells);
    const int dim = cells * cells * kHogBins;
    scratch.assign(dim, 0.0f);
    float* h = scratch.data();
    for (int y = 0; y < side; ++y) {
        const CellSplit& sy = split[y];
        for (int x = 0; x < side; ++x) {
            const std::size_t i = static_cast<std::size_t>(y) * side + x;
            const float m0 = g.m0[i], m1 = g.m1[i];
            if (m0 == 0.0f && m1 == 0.0f) continue;
            const int b0 = g.bin[i];
            const int b1 = b0 + 1 == kHogBins ? 0 : b0 + 1;
            const CellSplit& sx = split[x];
            const int cy[2] = {sy.c0, sy.c1};
            const float wy[2] = {sy.w0, sy.w1};
            const int cx[2] = {sx.c0, sx.c1};
            const float wx[2] = {sx.w0, sx.w1};
            for (int a = 0; a < 2; ++a) {
                for (int b = 0; b < 2; ++b) {
                    float* cell = h + (cy[a] * cells + cx[b]) * kHogBins;
                    const float w = wy[a] * wx[b];
                    cell[b0] += w * m0;
                    cell[b1] += w * m1;
                }
            }
        }
    }
    const float area = static_cast<float>(side) * side / (static_cast<float>(cells) * cells);
    std::vector<float> energy(static_cast<std::size_t>(cells) * cells);
    for (int c = 0; c < cells * cells; ++c) {
        float e = 0.0f;
        for (int k = 0; k < kHogBins; ++k) {
            h[c * kHogBins + k] /= area;
            e += h[c * kHogBins + k] * h[c * kHogBins + k];
        }
        energy[c] = e;
    }
    for (int y = 0; y < cells; ++y) {
        for (int x = 0; x < cells; ++x) {
            float e = 0.0f;
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    const int yy = std::clamp(y + dy, 0, cells - 1);
                    const int xx = std::clamp(x + dx, 0, cells - 1);
                    e += energy[yy * cells + xx];
                }
            }
            const float scale = 1.0f / std::sqrt(e / 9.0f + kHogEpsilon * kHogEpsilon);
            const int c = y * cells + x;
            for (int k = 0; k < kHogBins; ++k) out[c * kHogBins + k] = std::sqrt(h[c * kHogBins + k] * scale);
        }
    }
}

void orientationHistograms(const float* luma, int side, int cells, float* out, std::vector<float>& scratch) {
    OrientedGradients g;
    orientedGradients(luma, side, g);
    histogramGrid(g, side, cells, out, scratch);
}

void rawFeatures(const imageio::Image& image, float* out, FeatureScratch& s) {
    resampleSquare(image, kSide, s.grid, s.row);
    makePlanes(s.grid.data(), image.channels, s.planes);
    const Planes& p = s.planes;
    float* o = out;

    // Luma thumbnail: block means.
    constexpr int lb = kSide / kLumaGrid;
    for (int gy = 0; gy < kLumaGrid; ++gy) {
        for (int gx = 0; gx < kLumaGrid; ++gx) {
            float acc = 0.0f;
            for (int y = gy * lb; y < (gy + 1) * lb; ++y)
                for (int x = gx * lb; x < (gx + 1) * lb; ++x) acc += p.luma[y * kSide + x];
            *o++ = acc / (lb * lb);
        }
    }
    // Orientation histograms, fine and coarse.
    orientedGradients(p.luma.data(), kSide, s.gradients);
    histogramGrid(s.gradients, kSide, kHogFine, o, s.hist);
    o += kHogFineDim;
    histogramGrid(s.gradients, kSide, kHogCoarse, o, s.hist);
    o += kHogCoarseDim;
    // Chroma layout: block means of the opponent channels, signed square root.
    constexpr int cb = kSide / kColourGrid;
    for (int gy = 0; gy < kColourGrid; ++gy) {
        for (int gx = 0; gx < kColourGrid; ++gx) {
            float a1 = 0.0f, a2 = 0.0f;
            for (int y = gy * cb; y < (gy + 1) * cb; ++y) {
                for (int x = gx * cb; x < (gx + 1) * cb; ++x) {
                    a1 += p.o1[y * kSide + x];
                    a2 += p.o2[y * kSide + x];
                }
            }
            *o++ = signedSqrt(a1 / (cb * cb));
            *o++ = signedSqrt(a2 / (cb * cb));
        }
    }
    // Global hue histogram weighted by chroma, and luma histogram; both square-rooted.
    float hue[kHueBins] = {};
    float lum[kLumaBins] = {};
    for (int i = 0; i < kSide * kSide; ++i) {
        const float c1 = p.o1[i], c2 = p.o2[i];
        const float chroma = std::sqrt(c1 * c1 + c2 * c2);
        if (chroma > 0.0f)
            circularSplit((fastAtan2(c2, c1) + kPi) * (kHueBins / (2.0f * kPi)), chroma, kHueBins, hue);
        const float q = p.luma[i] * kLumaBins - 0.5f;
        const float fl = std::floor(q);
        const int k = static_cast<int>(fl);
        const float t = q - fl;
        if (k < 0) {
            lum[0] += 1.0f;
        } else if (k >= kLumaBins - 1) {
            lum[kLumaBins - 1] += 1.0f;
        } else {
            lum[k] += 1.0f - t;
            lum[k + 1] += t;
        }
    }
    constexpr float inv = 1.0f / (kSide * kSide);
    for (int k = 0; k < kHueBins; ++k) *o++ = std::sqrt(hue[k] * inv);
    for (int k = 0; k < kLumaBins; ++k) *o++ = std::sqrt(lum[k] * inv);
}

}  // namespace winnow::embed::detail
