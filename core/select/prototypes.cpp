// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/prototypes.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "select/clusterorder.h"
#include "select/dot.h"
#include "select/tasks.h"

namespace winnow::select {
namespace {

constexpr std::int64_t kRows = 64;        ///< rows per task
constexpr std::int64_t kCentroids = 512;  ///< centroids per pass (scratch kRows * kCentroids doubles)

}  // namespace

PrototypeScores prototypeScores(const Matrix& X, const Matrix& centroids, Progress& progress) {
    checkShape(X);
    checkShape(centroids);
    if (X.rows > 0 && centroids.rows == 0) throw std::invalid_argument("prototypeScores: no centroids");
    if (centroids.rows > 0 && centroids.cols != X.cols)
        throw std::invalid_argument("prototypeScores: centroids and rows differ in dimension");
    const std::vector<double> norm = detail::rowNorms(centroids);
    std::vector<const float*> cp(static_cast<std::size_t>(centroids.rows));
    for (std::int64_t c = 0; c < centroids.rows; ++c) cp[static_cast<std::size_t>(c)] = centroids.row(c);
    PrototypeScores s;
    s.distance.resize(static_cast<std::size_t>(X.rows));
    s.nearest.resize(static_cast<std::size_t>(X.rows));
    const std::int64_t tasks = (X.rows + kRows - 1) / kRows;
    detail::runTasks(tasks, progress, "prototypes: nearest centroid", [&](std::int64_t t) {
        const std::int64_t begin = t * kRows, count = std::min(kRows, X.rows - begin);
        std::vector<const float*> rp(static_cast<std::size_t>(count));
        for (std::int64_t i = 0; i < count; ++i) rp[static_cast<std::size_t>(i)] = X.row(begin + i);
        std::vector<double> best(static_cast<std::size_t>(count), -std::numeric_limits<double>::infinity());
        std::vector<int> arg(static_cast<std::size_t>(count), 0);
        std::vector<double> g(static_cast<std::size_t>(count * kCentroids));
        for (std::int64_t c0 = 0; c0 < centroids.rows; c0 += kCentroids) {
            const std::int64_t nc = std::min(kCentroids, centroids.rows - c0);
            detail::dotBlock(rp.data(), static_cast<int>(count), cp.data() + c0, static_cast<int>(nc), X.cols,
                             g.data(), kCentroids);
            for (std::int64_t i = 0; i < count; ++i)
                for (std::int64_t c = 0; c < nc; ++c) {
                    const double nn = norm[static_cast<std::size_t>(c0 + c)];
                    const double cosine = nn > 0 ? g[static_cast<std::size_t>(i * kCentroids + c)] / nn : 0.0;
                    if (cosine > best[static_cast<std::size_t>(i)]) {
                        best[static_cast<std::size_t>(i)] = cosine;
                        arg[static_cast<std::size_t>(i)] = static_cast<int>(c0 + c);
                    }
                }
        }
        for (std::int64_t i = 0; i < count; ++i) {
            s.distance[static_cast<std::size_t>(begin + i)] = 1.0 - best[static_cast<std::size_t>(i)];
            s.nearest[static_cast<std::size_t>(begin + i)] = arg[static_cast<std::size_t>(i)];
        }
    });
    return s;
}

std::vector<std::int64_t> prototypes(const Matrix& X, const Matrix& centroids, std::int64_t size,
                                     const PrototypeParams& params, Progress& progress,
                                     PrototypeScores* scoresOut) {
    if (size < 0) throw std::invalid_argument("prototypes: negative size");
    PrototypeScores s = prototypeScores(X, centroids, progress);
    std::vector<std::int64_t> order(static_cast<std::size_t>(X.rows));
    std::iota(order.begin(), order.end(), std::int64_t{0});
    const auto& d = s.distance;
    std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
        const double da = d[static_cast<std::size_t>(a)], db = d[static_cast<std::size_t>(b)];
        return params.keepHard ? da > db : da < db;
    });
    order.resize(static_cast<std::size_t>(std::min(size, X.rows)));
    if (scoresOut) *scoresOut = std::move(s);
    return order;
}

}  // namespace winnow::select
