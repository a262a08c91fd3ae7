// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// UMAP's graph: the curve fit, the smooth kNN kernel, the fuzzy union and its components.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "map/umapdetail.h"

namespace winnow::map {
namespace {

struct Fit {
    double cost = 0;
    double jtj[2][2] = {{0, 0}, {0, 0}};
    double jtr[2] = {0, 0};
};

/// Cost and normal equations of the curve fit at (a, b).
Fit evaluate(const std::vector<double>& xs, const std::vector<double>& ys, double a, double b,
             bool withJacobian) {
    Fit f;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double x = xs[i];
        const double u = x > 0 ? std::pow(x, 2 * b) : 0.0;
        const double denom = 1 + a * u;
        const double r = 1 / denom - ys[i];
        f.cost += r * r;
        if (!withJacobian) continue;
        const double ja = -u / (denom * denom);
        const double jb = x > 0 ? -a * u * 2 * std::log(x) / (denom * denom) : 0.0;
        f.jtj[0][0] += ja * ja;
        f.jtj[0][1] += ja * jb;
        f.jtj[1][1] += jb * jb;
        f.jtr[0] += ja * r;
        f.jtr[1] += jb * r;
    }
    f.jtj[1][0] = f.jtj[0][1];
    return f;
}

}  // namespace

UmapCurve fitUmapCurve(double minDist, double spread) {
    if (!(spread > 0) || !(minDist >= 0) || !std::isfinite(spread) || !std::isfinite(minDist))
        throw std::invalid_argument("fitUmapCurve: needs spread > 0 and minDist >= 0");
    constexpr int kPoints = 300;
    std::vector<double> xs(kPoints), ys(kPoints);
    for (int i = 0; i < kPoints; ++i) {
        xs[i] = 3 * spread * i / (kPoints - 1);
        ys[i] = xs[i] < minDist ? 1.0 : std::exp(-(xs[i] - minDist) / spread);
    }
    double a = 1, b = 1, lambda = 1e-3;
    Fit f = evaluate(xs, ys, a, b, true);
    for (int iter = 0; iter < 1000; ++iter) {
        bool accepted = false;
        for (int attempt = 0; attempt < 60 && !accepted; ++attempt) {
            const double m00 = f.jtj[0][0] * (1 + lambda), m11 = f.jtj[1][1] * (1 + lambda),
                         m01 = f.jtj[0][1];
            const double det = m00 * m11 - m01 * m01;
            if (!(det > 0)) {
                lambda *= 10;
                continue;
            }
            const double da = -(m11 * f.jtr[0] - m01 * f.jtr[1]) / det;
            const double db = -(m00 * f.jtr[1] - m01 * f.jtr[0]) / det;
            const double na = a + da, nb = b + db;
            const double cost = (na > 0 && nb > 0) ? evaluate(xs, ys, na, nb, false).cost
                                                   : std::numeric_limits<double>::infinity();
            if (cost < f.cost) {
                const bool tiny = std::abs(da) <= 1e-15 * std::abs(a) && std::abs(db) <= 1e-15 * std::abs(b);
                const double before = f.cost;
                a = na;
                b = nb;
                f = evaluate(xs, ys, a, b, true);
                lambda = std::max(lambda / 10, 1e-12);
                accepted = true;
                if (tiny || before - f.cost <= 1e-16 * before) return {a, b};
            } else {
                lambda *= 10;
            }
        }
        if (!accepted) break;  // no step lowers the cost: at the minimum to rounding
    }
    return {a, b};
}

SmoothKnn smoothKnnDistances(const select::KnnGraph& graph, int k) {
    if (k < 2 || k > graph.k + 1)
        throw std::invalid_argument("smoothKnnDistances: k must be in [2, graph.k + 1]");
    const std::int64_t n = graph.n;
    constexpr double kTolerance = 1e-5, kMinScale = 1e-3;
    const double target = std::log2(static_cast<double>(k));
    // umap-learn's rows hold the sample itself first at distance 0: k values, k-1 of them neighbours.
    double total = 0;
    for (std::int64_t i = 0; i < n; ++i)
        for (int j = 0; j < k - 1; ++j) total += graph.distances(i)[j];
    const double meanAll = n > 0 ? total / (static_cast<double>(n) * k) : 0.0;

    SmoothKnn out;
    out.sigma.assign(static_cast<std::size_t>(n), 0.0);
    out.rho.assign(static_cast<std::size_t>(n), 0.0);
    for (std::int64_t i = 0; i < n; ++i) {
        const float* d = graph.distances(i);
        double rho = 0, sum = 0;
        for (int j = 0; j < k - 1; ++j) {
            sum += d[j];
            if (rho == 0 && d[j] > 0) rho = d[j];
        }
        double lo = 0, hi = std::numeric_limits<double>::infinity(), mid = 1;
        for (int step = 0; step < 64; ++step) {
            double psum = 0;
            for (int j = 0; j < k - 1; ++j) {
                const double t = d[j] - rho;
                psum += t > 0 ? std::exp(-(t / mid)) : 1.0;
            }
            if (std::abs(psum - target) < kTolerance) break;
            if (psum > target) {
                hi = mid;
                mid = (lo + hi) / 2;
            } else {
                lo = mid;
                mid = std::isinf(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }
        const double floor = kMinScale * (rho > 0 ? sum / k : meanAll);
        out.sigma[static_cast<std::size_t>(i)] = std::max(mid, floor);
        out.rho[static_cast<std::size_t>(i)] = rho;
    }
    return out;
}

namespace detail {

SparseRows fuzzyGraph(const select::KnnGraph& graph, int k, const SmoothKnn& kernel) {
    const std::int64_t n = graph.n;
    SparseRows a;
    a.n = n;
    a.offsets.resize(static_cast<std::size_t>(n + 1));
    a.cols.reserve(static_cast<std::size_t>(n * (k - 1)));
    a.values.reserve(static_cast<std::size_t>(n * (k - 1)));
    for (std::int64_t i = 0; i < n; ++i) {
        a.offsets[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(a.cols.size());
        const double rho = kernel.rho[static_cast<std::size_t>(i)],
                     sigma = kernel.sigma[static_cast<std::size_t>(i)];
        for (int j = 0; j < k - 1; ++j) {
            const std::int64_t id = graph.neighbours(i)[j];
            if (id == i || id < 0) continue;
            const double t = graph.distances(i)[j] - rho;
            a.cols.push_back(id);
            a.values.push_back(t <= 0 || sigma == 0 ? 1.0 : std::exp(-(t / sigma)));
        }
    }
    a.offsets[static_cast<std::size_t>(n)] = static_cast<std::int64_t>(a.cols.size());
    return symmetrize(a, Union::Fuzzy);
}

void pruneWeakEdges(SparseRows& g, int epochs) {
    double maxWeight = 0;
    for (double v : g.values) maxWeight = std::max(maxWeight, v);
    const double threshold = maxWeight / epochs;
    std::size_t out = 0;
    std::int64_t begin = 0;
    for (std::int64_t i = 0; i < g.n; ++i) {
        const std::int64_t end = g.offsets[static_cast<std::size_t>(i + 1)];
        for (std::int64_t e = begin; e < end; ++e) {
            const double v = g.values[static_cast<std::size_t>(e)];
            if (v < threshold || v <= 0) continue;
            g.cols[out] = g.cols[static_cast<std::size_t>(e)];
            g.values[out] = v;
            ++out;
        }
        begin = end;
        g.offsets[static_cast<std::size_t>(i + 1)] = static_cast<std::int64_t>(out);
    }
    g.cols.resize(out);
    g.values.resize(out);
}

std::vector<std::int64_t> connectedComponents(const SparseRows& g, std::int64_t* count) {
    std::vector<std::int64_t> label(static_cast<std::size_t>(g.n), -1);
    std::vector<std::int64_t> stack;
    std::int64_t next = 0;
    for (std::int64_t s = 0; s < g.n; ++s) {
        if (label[static_cast<std::size_t>(s)] >= 0) continue;
        label[static_cast<std::size_t>(s)] = next;
        stack.push_back(s);
        while (!stack.empty()) {
            const std::int64_t v = stack.back();
            stack.pop_back();
            for (std::int64_t e = g.offsets[static_cast<std::size_t>(v)];
                 e < g.offsets[static_cast<std::size_t>(v + 1)]; ++e) {
                const std::int64_t w = g.cols[static_cast<std::size_t>(e)];
                if (label[static_cast<std::size_t>(w)] < 0) {
                    label[static_cast<std::size_t>(w)] = next;
                    stack.push_back(w);
                }
            }
        }
        ++next;
    }
    if (count) *count = next;
    return label;
}

}  // namespace detail
}  // namespace winnow::map
