// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/clusterorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "select/clusters.h"
#include "select/dot.h"
#include "select/random.h"

namespace winnow::select {
namespace detail {

std::vector<std::vector<std::int64_t>> clusterMembers(const std::vector<int>& assignment,
                                                      std::int64_t clusters, const char* who) {
    std::vector<std::vector<std::int64_t>> out(static_cast<std::size_t>(std::max<std::int64_t>(clusters, 0)));
    for (std::size_t i = 0; i < assignment.size(); ++i) {
        const int a = assignment[i];
        if (a < 0 || a >= clusters)
            throw std::invalid_argument(std::string(who) + ": cluster assignment outside [0, centroid rows)");
        out[static_cast<std::size_t>(a)].push_back(static_cast<std::int64_t>(i));
    }
    return out;
}

void checkClusters(const Matrix& X, const std::vector<int>& assignment, const Matrix& centroids,
                   const char* who) {
    checkShape(X);
    checkShape(centroids);
    if (static_cast<std::int64_t>(assignment.size()) != X.rows)
        throw std::invalid_argument(std::string(who) + ": assignment size differs from the row count");
    if (centroids.rows > 0 && centroids.cols != X.cols)
        throw std::invalid_argument(std::string(who) + ": centroids and rows differ in dimension");
    for (int a : assignment)
        if (a < 0 || a >= centroids.rows)
            throw std::invalid_argument(std::string(who) + ": cluster assignment outside [0, centroid rows)");
}

std::vector<std::int64_t> orderMembers(const std::vector<std::int64_t>& members,
                                       const std::vector<double>& dist, ClusterKeep keep, std::uint64_t seed,
                                       std::int64_t c) {
    const auto m = static_cast<std::int64_t>(members.size());
    std::vector<std::int64_t> out;
    out.reserve(members.size());
    if (keep == ClusterKeep::Random) {
        for (auto p : randomSubset(m, m, clusterSeed(seed, c)))
            out.push_back(members[static_cast<std::size_t>(p)]);
        return out;
    }
    out = members;  // increasing row order: the stable sort keeps the lowest row first on ties
    const bool hard = keep == ClusterKeep::Hard;
    std::stable_sort(out.begin(), out.end(), [&](std::int64_t a, std::int64_t b) {
        const double da = dist[static_cast<std::size_t>(a)], db = dist[static_cast<std::size_t>(b)];
        return hard ? da > db : da < db;
    });
    return out;
}

std::vector<double> rowNorms(const Matrix& m) {
    std::vector<double> out(static_cast<std::size_t>(m.rows));
    for (std::int64_t i = 0; i < m.rows; ++i)
        out[static_cast<std::size_t>(i)] = std::sqrt(dot(m.row(i), m.row(i), m.cols));
    return out;
}

}  // namespace detail

std::vector<double> centroidCosineDistances(const Matrix& X, const std::vector<int>& assignment,
                                            const Matrix& centroids) {
    detail::checkClusters(X, assignment, centroids, "centroidCosineDistances");
    const std::vector<double> norm = detail::rowNorms(centroids);
    std::vector<double> out(static_cast<std::size_t>(X.rows));
    for (std::int64_t i = 0; i < X.rows; ++i) {
        const int c = assignment[static_cast<std::size_t>(i)];
        const double nc = norm[static_cast<std::size_t>(c)];
        out[static_cast<std::size_t>(i)] =
            nc > 0 ? 1.0 - detail::dot(X.row(i), centroids.row(c), X.cols) / nc : 1.0;
    }
    return out;
}

}  // namespace winnow::select
