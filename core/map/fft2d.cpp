// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Stockham autosort FFT (Govindaraju et al. 2008, "High performance discrete Fourier transforms on graphics
// processors", the FftIteration formulation) applied to blocks of columns.
#include "map/fft2d.h"

#include <algorithm>
#include <cmath>

namespace winnow::map::detail {
namespace {

constexpr int kColumnBlock = 64;  // columns per task: rows x 64 x 2 planes x 2 buffers stay in cache
constexpr double kTwoPi = 6.283185307179586;

// The radix kernels: inputs x_r = in[r] twiddled by (cos_r, sin_r) (sin already signed), small DFT with
// e^{sign 2 pi i r k / p}, outputs out[k]; every array holds `count` consecutive columns. Separate
// functions with restrict parameters, so that GCC vectorises the loops over columns.
__attribute__((noinline)) void radix2(const double* __restrict a0, const double* __restrict b0,
                                      const double* __restrict a1, const double* __restrict b1,
                                      double* __restrict y0r, double* __restrict y0i, double* __restrict y1r,
                                      double* __restrict y1i, double c1, double s1, int count) {
    for (int c = 0; c < count; ++c) {
        const double xr = a1[c] * c1 - b1[c] * s1, xi = a1[c] * s1 + b1[c] * c1;
        y0r[c] = a0[c] + xr;
        y0i[c] = b0[c] + xi;
        y1r[c] = a0[c] - xr;
        y1i[c] = b0[c] - xi;
    }
}

__attribute__((noinline)) void radix3(const double* __restrict a0, const double* __restrict b0,
                                      const double* __restrict a1, const double* __restrict b1,
                                      const double* __restrict a2, const double* __restrict b2,
                                      double* __restrict y0r, double* __restrict y0i, double* __restrict y1r,
                                      double* __restrict y1i, double* __restrict y2r, double* __restrict y2i,
                                      const double* tw, double sign, int count) {
    const double c1 = tw[0], s1 = tw[1], c2 = tw[2], s2 = tw[3];
    constexpr double h = 0.8660254037844386;  // sin(2 pi / 3)
    for (int c = 0; c < count; ++c) {
        const double x1r = a1[c] * c1 - b1[c] * s1, x1i = a1[c] * s1 + b1[c] * c1;
        const double x2r = a2[c] * c2 - b2[c] * s2, x2i = a2[c] * s2 + b2[c] * c2;
        const double sr = x1r + x2r, si = x1i + x2i;
        const double mr = a0[c] - 0.5 * sr, mi = b0[c] - 0.5 * si;
        const double dr = h * (x1r - x2r), di = h * (x1i - x2i);  // y1 = m + sign i d, y2 = m - sign i d
        y0r[c] = a0[c] + sr;
        y0i[c] = b0[c] + si;
        y1r[c] = mr - sign * di;
        y1i[c] = mi + sign * dr;
        y2r[c] = mr + sign * di;
        y2i[c] = mi - sign * dr;
    }
}

__attribute__((noinline)) void radix4(const double* __restrict a0, const double* __restrict b0,
                                      const double* __restrict a1, const double* __restrict b1,
                                      const double* __restrict a2, const double* __restrict b2,
                                      const double* __restrict a3, const double* __restrict b3,
                                      double* __restrict y0r, double* __restrict y0i, double* __restrict y1r,
                                      double* __restrict y1i, double* __restrict y2r, double* __restrict y2i,
                                      double* __restrict y3r, double* __restrict y3i, const double* tw,
                                      double sign, int count) {
    const double c1 = tw[0], s1 = tw[1], c2 = tw[2], s2 = tw[3], c3 = tw[4], s3 = tw[5];
    for (int c = 0; c < count; ++c) {
        const double x0r = a0[c], x0i = b0[c];
        const double x1r = a1[c] * c1 - b1[c] * s1, x1i = a1[c] * s1 + b1[c] * c1;
        const double x2r = a2[c] * c2 - b2[c] * s2, x2i = a2[c] * s2 + b2[c] * c2;
        const double x3r = a3[c] * c3 - b3[c] * s3, x3i = a3[c] * s3 + b3[c] * c3;
        const double t0r = x0r + x2r, t0i = x0i + x2i, t1r = x0r - x2r, t1i = x0i - x2i;
        const double t2r = x1r + x3r, t2i = x1i + x3i, t3r = x1r - x3r, t3i = x1i - x3i;
        // y1 = t1 + sign i t3, y3 = t1 - sign i t3 (the forward transform rotates t3 by -i).
        y0r[c] = t0r + t2r;
        y0i[c] = t0i + t2i;
        y2r[c] = t0r - t2r;
        y2i[c] = t0i - t2i;
        y1r[c] = t1r - sign * t3i;
        y1i[c] = t1i + sign * t3r;
        y3r[c] = t1r + sign * t3i;
        y3i[c] = t1i - sign * t3r;
    }
}

/// Any radix p: twiddle into temp rows, then the direct p-point DFT (O(p^2) per column).
void radixAny(int p, const double* const* inRe, const double* const* inIm, double* const* outRe,
              double* const* outIm, const double* tw, double sign, const double* rootCos,
              const double* rootSin, int count, double* tempRe, double* tempIm) {
    for (int r = 0; r < p; ++r) {
        const double cr = tw[2 * r], sr = tw[2 * r + 1];
        const double* a = inRe[r];
        const double* b = inIm[r];
        double* tr = tempRe + static_cast<std::size_t>(r) * count;
        double* ti = tempIm + static_cast<std::size_t>(r) * count;
        for (int c = 0; c < count; ++c) {
            tr[c] = a[c] * cr - b[c] * sr;
            ti[c] = a[c] * sr + b[c] * cr;
        }
    }
    for (int k = 0; k < p; ++k) {
        double* yr = outRe[k];
        double* yi = outIm[k];
        std::fill(yr, yr + count, 0.0);
        std::fill(yi, yi + count, 0.0);
        for (int r = 0; r < p; ++r) {
            const int e = (r * k) % p;
            const double wr = rootCos[e], wi = sign * rootSin[e];
            const double* tr = tempRe + static_cast<std::size_t>(r) * count;
            const double* ti = tempIm + static_cast<std::size_t>(r) * count;
            for (int c = 0; c < count; ++c) {
                yr[c] += tr[c] * wr - ti[c] * wi;
                yi[c] += tr[c] * wi + ti[c] * wr;
            }
        }
    }
}

}  // namespace

Fft2d::Fft2d(int n) : m_n(n) {
    // Radices: 4s first, then 2, 3, 5 and any larger primes.
    std::vector<int> radices;
    int rest = n;
    while (rest % 4 == 0) {
        radices.push_back(4);
        rest /= 4;
    }
    for (int f = 2; rest > 1; ++f)
        while (rest % f == 0) {
            radices.push_back(f);
            rest /= f;
        }
    // An even number of stages leaves every column pass's result in the grid itself (no copy back).
    if (radices.size() % 2 == 1) {
        const auto four = std::find(radices.begin(), radices.end(), 4);
        if (four != radices.end()) {
            *four = 2;
            radices.insert(four, 2);
        }
    }
    int span = 1;
    for (int p : radices) {
        Stage s;
        s.radix = p;
        s.span = span;
        s.cosine.resize(static_cast<std::size_t>(span) * p);
        s.sine.resize(s.cosine.size());
        for (int k = 0; k < span; ++k)
            for (int r = 0; r < p; ++r) {
                const double angle = kTwoPi * static_cast<double>(k) * r / (static_cast<double>(span) * p);
                s.cosine[static_cast<std::size_t>(k * p + r)] = std::cos(angle);
                s.sine[static_cast<std::size_t>(k * p + r)] = std::sin(angle);
            }
        m_stages.push_back(std::move(s));
        span *= p;
    }
    m_scratch.clear(n, n);
}

void Fft2d::columns(Grid& g, int count, bool inverse, WorkerPool& pool) {
    const int n = m_n;
    const double sign = inverse ? 1.0 : -1.0;  // e^{sign i angle}
    const int blocks = (count + kColumnBlock - 1) / kColumnBlock;
    pool.run(blocks, 1, [&](std::int64_t begin, std::int64_t end, int) {
        int maxRadix = 2;
        for (const Stage& s : m_stages) maxRadix = std::max(maxRadix, s.radix);
        std::vector<double> tempRe(static_cast<std::size_t>(maxRadix) * kColumnBlock), tempIm(tempRe.size());
        std::vector<double> rootCos(static_cast<std::size_t>(maxRadix)), rootSin(rootCos.size());
        std::vector<const double*> inRe(static_cast<std::size_t>(maxRadix)), inIm(inRe.size());
        std::vector<double*> outRe(static_cast<std::size_t>(maxRadix)), outIm(outRe.size());
        std::vector<double> twiddle(static_cast<std::size_t>(2 * maxRadix)), allTwiddles(twiddle.size() + 2);
        for (std::int64_t b = begin; b < end; ++b) {
            const int c0 = static_cast<int>(b) * kColumnBlock, width = std::min(kColumnBlock, count - c0);
            Grid* src = &g;
            Grid* dst = &m_scratch;
            for (const Stage& s : m_stages) {
                const int p = s.radix, stride = n / p;
                for (int e = 0; e < p; ++e) {
                    rootCos[static_cast<std::size_t>(e)] = std::cos(kTwoPi * e / p);
                    rootSin[static_cast<std::size_t>(e)] = std::sin(kTwoPi * e / p);
                }
                for (int j = 0; j < stride; ++j) {
                    const int k = j % s.span;
                    const int target = (j / s.span) * s.span * p + k;
                    for (int r = 0; r < p; ++r) {
                        const std::size_t in = static_cast<std::size_t>(j + r * stride) * n + c0;
                        const std::size_t out = static_cast<std::size_t>(target + r * s.span) * n + c0;
                        inRe[static_cast<std::size_t>(r)] = src->re.data() + in;
                        inIm[static_cast<std::size_t>(r)] = src->im.data() + in;
                        outRe[static_cast<std::size_t>(r)] = dst->re.data() + out;
                        outIm[static_cast<std::size_t>(r)] = dst->im.data() + out;
                    }
                    // Twiddles e^{sign i 2 pi k r / (span p)} for r >= 1 as (cos, signed sin) pairs.
                    for (int r = 1; r < p; ++r) {
                        twiddle[static_cast<std::size_t>(2 * (r - 1))] =
                            s.cosine[static_cast<std::size_t>(k * p + r)];
                        twiddle[static_cast<std::size_t>(2 * (r - 1) + 1)] =
                            sign * s.sine[static_cast<std::size_t>(k * p + r)];
                    }
                    if (p == 2) {
                        radix2(inRe[0], inIm[0], inRe[1], inIm[1], outRe[0], outIm[0], outRe[1], outIm[1],
                               twiddle[0], twiddle[1], width);
                    } else if (p == 3) {
                        radix3(inRe[0], inIm[0], inRe[1], inIm[1], inRe[2], inIm[2], outRe[0], outIm[0],
                               outRe[1], outIm[1], outRe[2], outIm[2], twiddle.data(), sign, width);
                    } else if (p == 4) {
                        radix4(inRe[0], inIm[0], inRe[1], inIm[1], inRe[2], inIm[2], inRe[3], inIm[3],
                               outRe[0], outIm[0], outRe[1], outIm[1], outRe[2], outIm[2], outRe[3], outIm[3],
                               twiddle.data(), sign, width);
                    } else {
                        allTwiddles[0] = 1;
                        allTwiddles[1] = 0;
                        std::copy(twiddle.begin(), twiddle.begin() + 2 * (p - 1), allTwiddles.begin() + 2);
                        radixAny(p, inRe.data(), inIm.data(), outRe.data(), outIm.data(), allTwiddles.data(),
                                 sign, rootCos.data(), rootSin.data(), width, tempRe.data(), tempIm.data());
                    }
                }
                std::swap(src, dst);
            }
            if (src != &g)  // an odd number of stages (n = 2 p^k with p odd): copy back
                for (int r = 0; r < n; ++r) {
                    const std::size_t at = static_cast<std::size_t>(r) * n + c0;
                    std::copy_n(src->re.data() + at, width, g.re.data() + at);
                    std::copy_n(src->im.data() + at, width, g.im.data() + at);
                }
        }
    });
}

void Fft2d::transpose(Grid& g, int rows, int cols, WorkerPool& pool) {
    const int n = m_n;
    constexpr int kTile = 32;
    const int tiles = (cols + kTile - 1) / kTile;
    pool.run(tiles, 1, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t t = begin; t < end; ++t) {
            const int c0 = static_cast<int>(t) * kTile, c1 = std::min(cols, c0 + kTile);
            for (int r0 = 0; r0 < rows; r0 += kTile) {
                const int r1 = std::min(rows, r0 + kTile);
                for (int c = c0; c < c1; ++c)
                    for (int r = r0; r < r1; ++r) {
                        m_scratch.re[static_cast<std::size_t>(c) * n + r] =
                            g.re[static_cast<std::size_t>(r) * n + c];
                        m_scratch.im[static_cast<std::size_t>(c) * n + r] =
                            g.im[static_cast<std::size_t>(r) * n + c];
                    }
            }
        }
    });
    std::swap(g.re, m_scratch.re);
    std::swap(g.im, m_scratch.im);
}

void Fft2d::forward(Grid& g, int used, WorkerPool& pool) {
    columns(g, used, false, pool);  // along r for the columns c < used: [u][c]
    transpose(g, m_n, used, pool);  // [c][u] for c < used
    pool.run(m_n - used, 64, [&](std::int64_t begin, std::int64_t end, int) {  // rows c >= used: zero
        const auto from = static_cast<std::ptrdiff_t>((used + begin) * m_n),
                   to = static_cast<std::ptrdiff_t>((used + end) * m_n);
        std::fill(g.re.begin() + from, g.re.begin() + to, 0.0);
        std::fill(g.im.begin() + from, g.im.begin() + to, 0.0);
    });
    columns(g, m_n, false, pool);  // along c: [v][u]
}

void Fft2d::inverse(Grid& g, int used, WorkerPool& pool) {
    columns(g, m_n, true, pool);    // along v: [c][u]
    transpose(g, used, m_n, pool);  // [u][c] for c < used
    columns(g, used, true, pool);   // along u: [r][c]
}

}  // namespace winnow::map::detail
