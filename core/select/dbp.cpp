// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/dbp.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "common/error.h"
#include "select/dot.h"

namespace winnow::select {
namespace {

double clip(double v, double lo, double hi) {
    return std::min(std::max(v, lo), hi);
}

double clippedSum(const std::vector<double>& y, const std::vector<double>& lo, const std::vector<double>& hi,
                  double nu) {
    double s = 0;
    for (std::size_t j = 0; j < y.size(); ++j) s += clip(y[j] + nu, lo[j], hi[j]);
    return s;
}

/// d_inter of every centroid: mean over its L nearest other centroids (largest cosine) of 1 - cosine.
std::vector<double> interDistances(const Matrix& centroids, int neighbours) {
    const std::int64_t k = centroids.rows;
    const std::vector<double> norm = detail::rowNorms(centroids);
    std::vector<double> out(static_cast<std::size_t>(k), 0.0);
    const int l = static_cast<int>(std::min<std::int64_t>(neighbours, k - 1));
    if (l < 1) return out;
    std::vector<double> sim(static_cast<std::size_t>(k));
    for (std::int64_t a = 0; a < k; ++a) {
        for (std::int64_t b = 0; b < k; ++b) {
            const double nn = norm[static_cast<std::size_t>(a)] * norm[static_cast<std::size_t>(b)];
            sim[static_cast<std::size_t>(b)] =
                nn > 0 ? detail::dot(centroids.row(a), centroids.row(b), centroids.cols) / nn : 0.0;
        }
        sim[static_cast<std::size_t>(a)] =
            -std::numeric_limits<double>::infinity();  // self excluded by index
        std::partial_sort(sim.begin(), sim.begin() + l, sim.end(), std::greater<double>());
        double s = 0;
        for (int t = 0; t < l; ++t) s += 1.0 - sim[static_cast<std::size_t>(t)];
        out[static_cast<std::size_t>(a)] = s / l;
    }
    return out;
}

}  // namespace

std::vector<double> projectCappedSimplex(const std::vector<double>& target, const std::vector<double>& lower,
                                         const std::vector<double>& upper, double total, double* nuOut) {
    const std::size_t k = target.size();
    if (lower.size() != k || upper.size() != k)
        throw std::invalid_argument("projectCappedSimplex: sizes differ");
    double sumLo = 0, sumHi = 0;
    for (std::size_t j = 0; j < k; ++j) {
        if (!std::isfinite(target[j]) || !std::isfinite(lower[j]) || !std::isfinite(upper[j]) ||
            lower[j] > upper[j])
            throw std::invalid_argument("projectCappedSimplex: bad bounds or target");
        sumLo += lower[j];
        sumHi += upper[j];
    }
    if (!(total >= sumLo && total <= sumHi))
        throw std::invalid_argument("projectCappedSimplex: total outside [sum lower, sum upper]");
    if (k == 0) {
        if (nuOut) *nuOut = 0;
        return {};
    }
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t j = 0; j < k; ++j) {
        lo = std::min(lo, lower[j] - target[j]);  // every coordinate at its lower bound
        hi = std::max(hi, upper[j] - target[j]);  // every coordinate at its upper bound
    }
    for (int it = 0; it < 200; ++it) {
        const double mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi) break;
        if (clippedSum(target, lower, upper, mid) < total)
            lo = mid;
        else
            hi = mid;
    }
    double nu = std::abs(clippedSum(target, lower, upper, lo) - total) <
                        std::abs(clippedSum(target, lower, upper, hi) - total)
                    ? lo
                    : hi;
    // Polish: with the set of free coordinates fixed, sum x = total is linear in nu.
    double fixedSum = 0, freeTarget = 0;
    std::int64_t freeCount = 0;
    for (std::size_t j = 0; j < k; ++j) {
        const double v = target[j] + nu;
        if (v > lower[j] && v < upper[j]) {
            freeTarget += target[j];
            ++freeCount;
        } else {
            fixedSum += clip(v, lower[j], upper[j]);
        }
    }
    if (freeCount > 0) {
        const double exact = (total - fixedSum - freeTarget) / static_cast<double>(freeCount);
        bool consistent = true;
        for (std::size_t j = 0; j < k && consistent; ++j) {
            const double before = target[j] + nu, after = target[j] + exact;
            const bool wasFree = before > lower[j] && before < upper[j];
            if (wasFree)
                consistent = after > lower[j] && after < upper[j];
            else
                consistent = (before <= lower[j]) == (after <= lower[j]) &&
                             (before >= upper[j]) == (after >= upper[j]);
        }
        if (consistent) nu = exact;
    }
    if (nuOut) *nuOut = nu;
    std::vector<double> x(k);
    for (std::size_t j = 0; j < k; ++j) x[j] = clip(target[j] + nu, lower[j], upper[j]);
    return x;
}

std::vector<std::int64_t> roundToTotal(const std::vector<double>& x, const std::vector<double>& upper,
                                       std::int64_t total) {
    if (x.size() != upper.size()) throw std::invalid_argument("roundToTotal: sizes differ");
    std::vector<std::int64_t> q(x.size());
    std::vector<double> frac(x.size());
    std::int64_t given = 0;
    for (std::size_t j = 0; j < x.size(); ++j) {
        const double f = std::floor(x[j]);
        q[j] = static_cast<std::int64_t>(f);
        frac[j] = x[j] - f;
        given += q[j];
    }
    std::vector<std::size_t> order;
    for (std::size_t j = 0; j < x.size(); ++j)
        if (static_cast<double>(q[j]) < upper[j]) order.push_back(j);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return frac[a] > frac[b]; });
    const std::int64_t left = total - given;
    if (left < 0 || left > static_cast<std::int64_t>(order.size()))
        throw std::invalid_argument("roundToTotal: the total cannot be met");
    for (std::int64_t r = 0; r < left; ++r) ++q[order[static_cast<std::size_t>(r)]];
    return q;
}

namespace {

/// dbpAllocation() given the rows' centroid distances (computed once by dbp()).
DbpAllocation allocate(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                       const std::vector<double>& dist, std::int64_t size, const DbpParams& params) {
    if (size < 0) throw std::invalid_argument("dbp: negative size");
    if (!(params.temperature > 0) || !std::isfinite(params.temperature))
        throw std::invalid_argument("dbp: temperature must be positive and finite");
    if (params.neighbours < 1) throw std::invalid_argument("dbp: neighbours must be at least 1");
    if (!(params.classBalanceRatio >= 0 && params.classBalanceRatio <= 1))
        throw std::invalid_argument("dbp: class balance ratio must be in [0, 1]");
    const std::int64_t k = centroids.rows;
    const auto kk = static_cast<std::size_t>(k);
    size = std::min(size, X.rows);
    DbpAllocation a;
    a.size.assign(kk, 0);
    for (int c : assignment) ++a.size[static_cast<std::size_t>(c)];
    if (k == 0) return a;
    std::vector<double> sum(kk, 0.0);
    for (std::size_t i = 0; i < dist.size(); ++i) sum[static_cast<std::size_t>(assignment[i])] += dist[i];
    a.intra.resize(kk);
    for (std::size_t j = 0; j < kk; ++j)
        a.intra[j] = a.size[j] > 0 ? sum[j] / static_cast<double>(a.size[j])
                                   : std::numeric_limits<double>::quiet_NaN();
    a.inter = interDistances(centroids, params.neighbours);
    a.complexity.resize(kk);
    double finiteSum = 0;
    std::int64_t finiteCount = 0;
    for (std::size_t j = 0; j < kk; ++j) {
        a.complexity[j] = a.inter[j] * a.intra[j];
        if (!std::isnan(a.complexity[j])) {
            finiteSum += a.complexity[j];
            ++finiteCount;
        }
    }
    for (auto& v : a.complexity)
        if (std::isnan(v)) v = finiteCount > 0 ? finiteSum / static_cast<double>(finiteCount) : 0.0;

    a.probability.resize(kk);
    switch (params.density) {
        case DbpDensity::IntraInter: {
            double m = -std::numeric_limits<double>::infinity();
            for (double v : a.complexity) m = std::max(m, v / params.temperature);
            double z = 0;
            for (std::size_t j = 0; j < kk; ++j)
                z += a.probability[j] = std::exp(a.complexity[j] / params.temperature - m);
            for (auto& p : a.probability) p /= z;
            break;
        }
        case DbpDensity::Uniform:
            for (auto& p : a.probability) p = 1.0 / static_cast<double>(k);
            break;
        case DbpDensity::ClusterSize:
            for (std::size_t j = 0; j < kk; ++j)
                a.probability[j] =
                    X.rows > 0 ? static_cast<double>(a.size[j]) / static_cast<double>(X.rows) : 0.0;
            break;
    }

    const std::int64_t minSamples =
        params.classBalanceRatio > 0
            ? static_cast<std::int64_t>(static_cast<double>(size) / static_cast<double>(k) *
                                        params.classBalanceRatio)
            : 1;
    a.lower.resize(kk);
    a.upper.resize(kk);
    std::vector<double> target(kk);
    double sumLower = 0;
    for (std::size_t j = 0; j < kk; ++j) {
        a.lower[j] = static_cast<double>(std::max<std::int64_t>(0, std::min(minSamples, a.size[j] - 1)));
        a.upper[j] = static_cast<double>(a.size[j]);
        target[j] = a.probability[j] * static_cast<double>(size);
        sumLower += a.lower[j];
    }
    if (sumLower > static_cast<double>(size))
        throw std::invalid_argument(
            "dbp: the per-cluster minimum exceeds the size (lower the class balance ratio)");
    a.continuous = projectCappedSimplex(target, a.lower, a.upper, static_cast<double>(size), &a.nu);
    a.quota = roundToTotal(a.continuous, a.upper, size);
    return a;
}

}  // namespace

DbpAllocation dbpAllocation(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                            std::int64_t size, const DbpParams& params) {
    detail::checkClusters(X, assignment, centroids, "dbp");
    return allocate(X, assignment, centroids, centroidCosineDistances(X, assignment, centroids), size,
                    params);
}

std::vector<std::int64_t> dbp(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                              std::int64_t size, const DbpParams& params, Progress& progress,
                              DbpAllocation* allocationOut) {
    if (progress.isCanceled()) throw Canceled();
    progress.report(0, 2, "DBP: allocation");
    detail::checkClusters(X, assignment, centroids, "dbp");
    const std::vector<double> dist = centroidCosineDistances(X, assignment, centroids);
    DbpAllocation a = allocate(X, assignment, centroids, dist, size, params);
    if (progress.isCanceled()) throw Canceled();
    progress.report(1, 2, "DBP: selection");
    const auto groups = detail::clusterMembers(assignment, centroids.rows, "dbp");
    std::vector<std::int64_t> out;
    for (std::size_t c = 0; c < groups.size(); ++c) {
        const auto ordered =
            detail::orderMembers(groups[c], dist, params.keep, params.seed, static_cast<std::int64_t>(c));
        out.insert(out.end(), ordered.begin(), ordered.begin() + a.quota[c]);
    }
    progress.report(2, 2, "DBP: selection");
    if (allocationOut) *allocationOut = std::move(a);
    return out;
}

}  // namespace winnow::select
