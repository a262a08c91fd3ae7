// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/hkmeans.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "common/error.h"
#include "common/progress.h"
#include "select/clusters.h"
#include "select/distance.h"
#include "select/random.h"
#include "select/tasks.h"

namespace winnow::select {
namespace {

/// Rows of the listed items gathered into a matrix.
Matrix gather(const Matrix& m, const std::vector<std::int64_t>& items) {
    Matrix out;
    out.rows = static_cast<std::int64_t>(items.size());
    out.cols = m.cols;
    out.data.reserve(items.size() * static_cast<std::size_t>(m.cols));
    for (auto i : items) out.data.insert(out.data.end(), m.row(i), m.row(i) + m.cols);
    return out;
}

ClusterResult checkedKMeans(const KMeansFn& kmeans, const Matrix& input, int k, std::uint64_t seed) {
    ClusterResult r = kmeans(input, k, seed);
    bool ok = r.centroids.rows == k && r.centroids.cols == input.cols &&
              r.centroids.data.size() == static_cast<std::size_t>(k) * static_cast<std::size_t>(input.cols) &&
              static_cast<std::int64_t>(r.assignment.size()) == input.rows;
    for (std::size_t i = 0; ok && i < r.assignment.size(); ++i)
        ok = r.assignment[i] >= 0 && r.assignment[i] < k;
    if (!ok) throw Error("hierarchical k-means: the k-means callback returned a result of the wrong shape");
    return r;
}

struct Sampler {
    const Hierarchy& h;
    const HierarchicalSamplingParams& params;
    std::vector<std::vector<std::int64_t>> flat;  // flat[l][c]: rows under cluster c of level l (0-based)
    std::vector<std::int64_t> out;

    std::uint64_t nodeSeed(std::int64_t level, std::int64_t c) const {
        return clusterSeed(clusterSeed(params.seed, level), c);
    }

    /// Cluster c of level l (0-based) with quota t.
    void visit(std::size_t l, std::int64_t c, std::int64_t t) {
        const auto& items = h[l].clusters[static_cast<std::size_t>(c)];
        if (l == 0) {
            const auto size = static_cast<std::int64_t>(items.size());
            if (t >= size || params.leaf == LeafStrategy::Closest) {
                out.insert(out.end(), items.begin(), items.begin() + std::min(t, size));
            } else {
                for (auto p : randomSubset(size, t, nodeSeed(1, c)))
                    out.push_back(items[static_cast<std::size_t>(p)]);
            }
            return;
        }
        std::vector<std::int64_t> sizes;
        for (auto child : items) sizes.push_back(flat[l - 1][static_cast<std::size_t>(child)]);
        const auto quota = bestCutQuotas(sizes, t, nodeSeed(static_cast<std::int64_t>(l) + 1, c));
        for (std::size_t i = 0; i < items.size(); ++i)
            if (quota[i] > 0) visit(l - 1, items[i], quota[i]);
    }
};

}  // namespace

HierarchyLevel makeLevel(const Matrix& items, Matrix centroids, std::vector<int> assignment) {
    checkShape(items);
    checkShape(centroids);
    if (static_cast<std::int64_t>(assignment.size()) != items.rows)
        throw std::invalid_argument("makeLevel: assignment size differs from the item count");
    if (centroids.rows > 0 && centroids.cols != items.cols)
        throw std::invalid_argument("makeLevel: centroids and items differ in dimension");
    HierarchyLevel level;
    level.clusters.resize(static_cast<std::size_t>(centroids.rows));
    for (std::size_t i = 0; i < assignment.size(); ++i) {
        if (assignment[i] < 0 || assignment[i] >= centroids.rows)
            throw std::invalid_argument("makeLevel: assignment outside [0, centroid rows)");
        level.clusters[static_cast<std::size_t>(assignment[i])].push_back(static_cast<std::int64_t>(i));
    }
    std::vector<double> dist(static_cast<std::size_t>(items.rows));
    for (std::int64_t i = 0; i < items.rows; ++i)
        detail::squaredDistances(centroids.row(assignment[static_cast<std::size_t>(i)]), items.row(i), 1,
                                 items.cols, &dist[static_cast<std::size_t>(i)]);
    for (auto& members : level.clusters)
        std::stable_sort(members.begin(), members.end(), [&](std::int64_t a, std::int64_t b) {
            return dist[static_cast<std::size_t>(a)] < dist[static_cast<std::size_t>(b)];
        });
    level.centroids = std::move(centroids);
    level.assignment = std::move(assignment);
    return level;
}

std::vector<int> assignNearest(const Matrix& X, const Matrix& centroids) {
    checkShape(X);
    checkShape(centroids);
    if (X.rows > 0 && centroids.rows == 0) throw std::invalid_argument("assignNearest: no centroids");
    if (centroids.rows > 0 && centroids.cols != X.cols)
        throw std::invalid_argument("assignNearest: centroids and rows differ in dimension");
    std::vector<int> out(static_cast<std::size_t>(X.rows), 0);
    constexpr std::int64_t kRows = 256;
    detail::runTasks((X.rows + kRows - 1) / kRows, nullProgress(), "assign", [&](std::int64_t t) {
        const std::int64_t begin = t * kRows, count = std::min(kRows, X.rows - begin);
        std::vector<double> best(static_cast<std::size_t>(count), std::numeric_limits<double>::infinity());
        std::vector<double> d(static_cast<std::size_t>(count));
        for (std::int64_t c = 0; c < centroids.rows; ++c) {
            detail::squaredDistances(centroids.row(c), X.row(begin), count, X.cols, d.data());
            for (std::int64_t i = 0; i < count; ++i)
                if (d[static_cast<std::size_t>(i)] < best[static_cast<std::size_t>(i)]) {
                    best[static_cast<std::size_t>(i)] = d[static_cast<std::size_t>(i)];
                    out[static_cast<std::size_t>(begin + i)] = static_cast<int>(c);
                }
        }
    });
    return out;
}

Hierarchy hierarchicalKMeans(const Matrix& X, const HKMeansParams& params, const KMeansFn& kmeans,
                             Progress& progress, const AssignFn& assign) {
    checkShape(X);
    const std::size_t levels = params.clusters.size();
    if (levels == 0 || params.resamplingSteps.size() != levels || params.sampleSize.size() != levels)
        throw std::invalid_argument(
            "hierarchicalKMeans: one k, resampling step count and sample size per level");
    if (!kmeans) throw std::invalid_argument("hierarchicalKMeans: no k-means callback");
    std::int64_t calls = 0, totalCalls = 0;
    for (std::size_t l = 0; l < levels; ++l)
        totalCalls += 1 + (params.sampleSize[l] > 1 ? std::max(0, params.resamplingSteps[l]) : 0);
    auto step = [&](const char* stage) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(calls++, totalCalls, stage);
    };
    Hierarchy h;
    for (std::size_t l = 0; l < levels; ++l) {
        const Matrix& input = l == 0 ? X : h[l - 1].centroids;
        const int k = params.clusters[l];
        if (k < 1 || k > input.rows)
            throw std::invalid_argument("hierarchicalKMeans: level " + std::to_string(l + 1) +
                                        ": k outside [1, input rows]");
        const std::uint64_t levelSeed = clusterSeed(params.seed, 2 * static_cast<std::int64_t>(l));
        step("hierarchical k-means");
        ClusterResult r = checkedKMeans(kmeans, input, k, clusterSeed(levelSeed, 0));
        const int sample = params.sampleSize[l];
        for (int s = 0; sample > 1 && s < params.resamplingSteps[l]; ++s) {
            std::vector<std::int64_t> picked;
            if (params.strategy == ResampleStrategy::Closest) {
                const HierarchyLevel sorted = makeLevel(input, r.centroids, r.assignment);
                for (const auto& members : sorted.clusters)
                    picked.insert(picked.end(), members.begin(),
                                  members.begin() + std::min<std::size_t>(members.size(),
                                                                          static_cast<std::size_t>(sample)));
            } else {
                std::vector<std::vector<std::int64_t>> members(static_cast<std::size_t>(k));
                for (std::size_t i = 0; i < r.assignment.size(); ++i)
                    members[static_cast<std::size_t>(r.assignment[i])].push_back(
                        static_cast<std::int64_t>(i));
                const std::uint64_t stepSeed =
                    clusterSeed(clusterSeed(params.seed, 2 * static_cast<std::int64_t>(l) + 1), s);
                for (std::size_t c = 0; c < members.size(); ++c)
                    for (auto p : randomSubset(static_cast<std::int64_t>(members[c].size()), sample,
                                               clusterSeed(stepSeed, static_cast<std::int64_t>(c))))
                        picked.push_back(members[c][static_cast<std::size_t>(p)]);
            }
            if (static_cast<std::int64_t>(picked.size()) < k) break;
            step("hierarchical k-means: resampling");
            const ClusterResult refit =
                checkedKMeans(kmeans, gather(input, picked), k, clusterSeed(levelSeed, s + 1));
            r.centroids = refit.centroids;
            r.assignment = assign ? assign(input, r.centroids) : assignNearest(input, r.centroids);
            if (static_cast<std::int64_t>(r.assignment.size()) != input.rows)
                throw Error(
                    "hierarchical k-means: the assignment callback returned a result of the wrong size");
        }
        h.push_back(makeLevel(input, std::move(r.centroids), std::move(r.assignment)));
    }
    progress.report(totalCalls, totalCalls, "hierarchical k-means");
    return h;
}

std::int64_t bestCut(const std::vector<std::int64_t>& sizes, std::int64_t target) {
    if (target < 0) throw std::invalid_argument("bestCut: negative target");
    std::int64_t sum = 0, largest = 0;
    for (auto s : sizes) {
        if (s < 0) throw std::invalid_argument("bestCut: negative size");
        sum += s;
        largest = std::max(largest, s);
    }
    if (sum <= target) return largest;
    auto filled = [&](std::int64_t c) {
        std::int64_t f = 0;
        for (auto s : sizes) f += std::min(c, s);
        return f;
    };
    // filled(0) = 0 <= target < filled(largest): the answer lies in [0, largest).
    std::int64_t lo = 0, hi = largest;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (filled(mid) <= target)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

std::vector<std::int64_t> bestCutQuotas(const std::vector<std::int64_t>& sizes, std::int64_t target,
                                        std::uint64_t seed) {
    const std::int64_t c = bestCut(sizes, target);
    std::int64_t sum = 0;
    for (auto s : sizes) sum += s;
    if (sum <= target) return sizes;
    std::vector<std::int64_t> quota(sizes.size());
    std::vector<std::size_t> candidates;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        quota[i] = std::min(c, sizes[i]);
        given += quota[i];
        if (sizes[i] > c) candidates.push_back(i);
    }
    for (auto p : randomSubset(static_cast<std::int64_t>(candidates.size()), target - given, seed))
        ++quota[candidates[static_cast<std::size_t>(p)]];
    return quota;
}

std::vector<std::int64_t> hierarchicalSampling(const Hierarchy& hierarchy, std::int64_t size,
                                               const HierarchicalSamplingParams& params) {
    if (size < 0) throw std::invalid_argument("hierarchicalSampling: negative size");
    if (hierarchy.empty()) return {};
    Sampler s{hierarchy, params, {}, {}};
    s.flat.resize(hierarchy.size());
    for (std::size_t l = 0; l < hierarchy.size(); ++l) {
        const auto& clusters = hierarchy[l].clusters;
        // Level 1 lists rows, every higher level the clusters below it: each exactly once.
        std::size_t below = 0;
        if (l > 0) {
            below = hierarchy[l - 1].clusters.size();
        } else {
            for (const auto& members : clusters)
                for (auto m : members)
                    below = std::max(below, static_cast<std::size_t>(std::max<std::int64_t>(m, 0)) + 1);
        }
        std::vector<unsigned char> seen(below, 0);
        for (const auto& members : clusters) {
            std::int64_t rows = 0;
            for (auto m : members) {
                if (m < 0 || static_cast<std::size_t>(m) >= below || seen[static_cast<std::size_t>(m)])
                    throw std::invalid_argument("hierarchicalSampling: level " + std::to_string(l + 1) +
                                                " lists an item twice or out of range");
                seen[static_cast<std::size_t>(m)] = 1;
                rows += l == 0 ? 1 : s.flat[l - 1][static_cast<std::size_t>(m)];
            }
            s.flat[l].push_back(rows);
        }
        if (std::find(seen.begin(), seen.end(), 0) != seen.end())
            throw std::invalid_argument("hierarchicalSampling: level " + std::to_string(l + 1) +
                                        " does not partition the clusters below it");
    }
    const std::size_t top = hierarchy.size() - 1;
    const auto quota =
        bestCutQuotas(s.flat[top], size, s.nodeSeed(static_cast<std::int64_t>(hierarchy.size()) + 1, 0));
    for (std::size_t c = 0; c < quota.size(); ++c)
        if (quota[c] > 0) s.visit(top, static_cast<std::int64_t>(c), quota[c]);
    return s.out;
}

}  // namespace winnow::select
