// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// t-SNE's repulsive forces: exact, and FFT-accelerated interpolation (Linderman et al. 2019, FIt-SNE).
#include <algorithm>
#include <cmath>

#include "map/tsnedetail.h"

namespace winnow::map::detail {

double exactRepulsion(const std::vector<double>& y, std::vector<double>& rep, WorkerPool& pool) {
    const auto n = static_cast<std::int64_t>(y.size() / 2);
    rep.assign(y.size(), 0.0);
    std::vector<double> z(static_cast<std::size_t>(n));
    pool.run(n, 64, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t i = begin; i < end; ++i) {
            const double xi = y[static_cast<std::size_t>(2 * i)], yi = y[static_cast<std::size_t>(2 * i + 1)];
            double rx = 0, ry = 0, zi = 0;
            for (std::int64_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const double dx = xi - y[static_cast<std::size_t>(2 * j)],
                             dy = yi - y[static_cast<std::size_t>(2 * j + 1)];
                const double q = 1 / (1 + dx * dx + dy * dy);
                zi += q;
                rx += q * q * dx;
                ry += q * q * dy;
            }
            rep[static_cast<std::size_t>(2 * i)] = rx;
            rep[static_cast<std::size_t>(2 * i + 1)] = ry;
            z[static_cast<std::size_t>(i)] = zi;
        }
    });
    return deterministicSum(pool, n, [&](std::int64_t i) { return z[static_cast<std::size_t>(i)]; });
}

namespace {

/// True for 2^a 3^b: FFT lengths 2 p v then have fast radices only (for p = 3 or 4).
bool threeSmooth(int v) {
    for (int f : {2, 3})
        while (v % f == 0) v /= f;
    return v == 1;
}

}  // namespace

FftRepulsion::FftRepulsion(int interpolationPoints, int minIntervals, double intervalsPerUnit)
    : m_points(std::max(2, interpolationPoints)),
      m_minIntervals(std::max(1, minIntervals)),
      m_perUnit(intervalsPerUnit > 0 ? intervalsPerUnit : 1) {}

FftRepulsion::~FftRepulsion() = default;

double FftRepulsion::compute(const std::vector<double>& y, std::vector<double>& rep, WorkerPool& pool) {
    const auto n = static_cast<std::int64_t>(y.size() / 2);
    const int p = m_points;
    rep.assign(y.size(), 0.0);
    if (n == 0) return 0;
    double lo = y[0], hi = y[0];
    for (double v : y) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    // The grid covers the square [m_lo, m_lo + m_extent]^2 with 10 % slack and is kept, with its kernel
    // spectrum, while every point stays inside and the layout spans more than 4/5 of it.
    const bool regrid = m_intervals == 0 || lo < m_lo || hi > m_lo + m_extent || (hi - lo) < 0.8 * m_extent;
    if (regrid) {
        m_extent = std::max(hi - lo, 1e-12) * 1.1;
        m_lo = 0.5 * (lo + hi) - 0.5 * m_extent;
        int intervals = std::max(m_minIntervals, static_cast<int>(std::ceil(m_extent * m_perUnit)));
        while (!threeSmooth(intervals)) ++intervals;
        m_intervals = intervals;
    }
    const int intervals = m_intervals;
    const double centre = m_lo + 0.5 * m_extent;
    lo = m_lo;
    const double box = m_extent / intervals;
    const double spacing = box / p;
    const int nodes = intervals * p;  // per dimension
    const int size = 2 * nodes;       // zero-padded FFT length

    // Lagrange weights at the nodes (t + 0.5) / p of the unit interval, per point and dimension.
    std::vector<double> denominators(static_cast<std::size_t>(p));
    for (int t = 0; t < p; ++t) {
        double d = 1;
        for (int s = 0; s < p; ++s)
            if (s != t) d *= static_cast<double>(t - s) / p;
        denominators[static_cast<std::size_t>(t)] = d;
    }
    m_weights.resize(static_cast<std::size_t>(n * 2 * p));
    m_box.resize(static_cast<std::size_t>(n));
    pool.run(n, 1024, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t i = begin; i < end; ++i) {
            int cell[2];
            for (int dim = 0; dim < 2; ++dim) {
                const double u = (y[static_cast<std::size_t>(2 * i + dim)] - lo) / box;
                cell[dim] = std::min(intervals - 1, std::max(0, static_cast<int>(u)));  // u in [0, intervals]
                const double local = u - cell[dim];
                double* w = m_weights.data() + (i * 2 + dim) * p;
                for (int t = 0; t < p; ++t) {
                    double num = 1;
                    for (int s = 0; s < p; ++s)
                        if (s != t) num *= local - (s + 0.5) / p;
                    w[t] = num / denominators[static_cast<std::size_t>(t)];
                }
            }
            m_box[static_cast<std::size_t>(i)] = cell[1] * intervals + cell[0];
        }
    });
    // Points grouped by box, in index order within a box (counting sort).
    const std::int64_t boxes = static_cast<std::int64_t>(intervals) * intervals;
    m_boxStart.assign(static_cast<std::size_t>(boxes + 1), 0);
    for (std::int32_t b : m_box) ++m_boxStart[static_cast<std::size_t>(b + 1)];
    for (std::int64_t b = 0; b < boxes; ++b)
        m_boxStart[static_cast<std::size_t>(b + 1)] += m_boxStart[static_cast<std::size_t>(b)];
    m_order.resize(static_cast<std::size_t>(n));
    {
        std::vector<std::int64_t> fill(m_boxStart.begin(), m_boxStart.end() - 1);
        for (std::int64_t i = 0; i < n; ++i)
            m_order[static_cast<std::size_t>(
                fill[static_cast<std::size_t>(m_box[static_cast<std::size_t>(i)])]++)] = i;
    }

    // Charges 1, x, y, x^2 + y^2 (coordinates relative to the centre), packed two per complex grid.
    if (!m_fft || m_fft->size() != size) m_fft = std::make_unique<Fft2d>(size);
    for (Grid& g : m_charges) g.clear(size, nodes);
    pool.run(intervals, 1, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t by = begin; by < end; ++by) {
            for (std::int64_t s = m_boxStart[static_cast<std::size_t>(by * intervals)];
                 s < m_boxStart[static_cast<std::size_t>((by + 1) * intervals)]; ++s) {
                const std::int64_t i = m_order[static_cast<std::size_t>(s)];
                const int bx = m_box[static_cast<std::size_t>(i)] % intervals;
                const double px = y[static_cast<std::size_t>(2 * i)] - centre,
                             py = y[static_cast<std::size_t>(2 * i + 1)] - centre;
                const double charge[4] = {1.0, px, py, px * px + py * py};
                const double* wx = m_weights.data() + (i * 2) * p;
                const double* wy = wx + p;
                for (int ty = 0; ty < p; ++ty)
                    for (int tx = 0; tx < p; ++tx) {
                        const std::size_t node = static_cast<std::size_t>((by * p + ty) * size + bx * p + tx);
                        const double w = wy[ty] * wx[tx];
                        m_charges[0].re[node] += w * charge[0];
                        m_charges[0].im[node] += w * charge[1];
                        m_charges[1].re[node] += w * charge[2];
                        m_charges[1].im[node] += w * charge[3];
                    }
            }
        }
    });
    // The kernel at every grid offset, wrapped for circular convolution; it is symmetric in (dx, dy) and even
    // in each, so its transform is real and equal to its transpose. Recomputed only with the grid.
    if (regrid) {
        m_kernel.clear(size, size);
        pool.run(size, 16, [&](std::int64_t begin, std::int64_t end, int) {
            for (std::int64_t r = begin; r < end; ++r) {
                const double dy = static_cast<double>(r < nodes ? r : r - size) * spacing;
                for (int c = 0; c < size; ++c) {
                    const double dx = static_cast<double>(c < nodes ? c : c - size) * spacing;
                    const double q = 1 / (1 + dx * dx + dy * dy);
                    m_kernel.re[static_cast<std::size_t>(r * size + c)] = q * q;
                }
            }
        });
        m_fft->forward(m_kernel, size, pool);
    }
    for (Grid& g : m_charges) m_fft->forward(g, nodes, pool);
    const double scale = 1.0 / (static_cast<double>(size) * size);
    pool.run(static_cast<std::int64_t>(size) * size, 1 << 14, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t t = begin; t < end; ++t) {
            const double k = m_kernel.re[static_cast<std::size_t>(t)] * scale;
            for (Grid& g : m_charges) {
                g.re[static_cast<std::size_t>(t)] *= k;
                g.im[static_cast<std::size_t>(t)] *= k;
            }
        }
    });
    for (Grid& g : m_charges) m_fft->inverse(g, nodes, pool);

    // Potentials back at the points; the per-point terms of Z.
    std::vector<double> zTerm(static_cast<std::size_t>(n));
    pool.run(n, 1024, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t i = begin; i < end; ++i) {
            const int b = m_box[static_cast<std::size_t>(i)];
            const int bx = b % intervals, by = b / intervals;
            const double* wx = m_weights.data() + (i * 2) * p;
            const double* wy = wx + p;
            double phi0 = 0, phiX = 0, phiY = 0, phiR = 0;
            for (int ty = 0; ty < p; ++ty)
                for (int tx = 0; tx < p; ++tx) {
                    const std::size_t node = static_cast<std::size_t>((by * p + ty) * size + bx * p + tx);
                    const double w = wy[ty] * wx[tx];
                    phi0 += w * m_charges[0].re[node];
                    phiX += w * m_charges[0].im[node];
                    phiY += w * m_charges[1].re[node];
                    phiR += w * m_charges[1].im[node];
                }
            const double px = y[static_cast<std::size_t>(2 * i)] - centre,
                         py = y[static_cast<std::size_t>(2 * i + 1)] - centre;
            rep[static_cast<std::size_t>(2 * i)] = px * phi0 - phiX;
            rep[static_cast<std::size_t>(2 * i + 1)] = py * phi0 - phiY;
            zTerm[static_cast<std::size_t>(i)] =
                (1 + px * px + py * py) * phi0 - 2 * (px * phiX + py * phiY) + phiR;
        }
    });
    return deterministicSum(pool, n, [&](std::int64_t i) { return zTerm[static_cast<std::size_t>(i)]; }) -
           static_cast<double>(n);
}

}  // namespace winnow::map::detail
