// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/kmeans.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>
#include <faiss/utils/distances.h>
#include <faiss/utils/random.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <stdexcept>

#include "common/error.h"
#include "index/faisserror.h"
#include "index/threads.h"

namespace winnow::index {
namespace {

using select::Matrix;

/// Rows per FAISS search call in the final assignment (progress and cancel between calls).
constexpr std::int64_t kAssignBatch = 65536;

/// FAISS keeps its seed in an int: seeds below 2^31 are used as they are, larger ones are folded.
int faissSeed(std::uint64_t seed) {
    if (seed <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())) return static_cast<int>(seed);
    return static_cast<int>((seed ^ (seed >> 31)) & 0x7fffffffu);
}

/// Uniform double in [0, 1) from the top 53 bits of one mt19937_64 output.
double uniform01(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

void requireFinite(const Matrix& X, const char* who) {
    for (float v : X.data)
        if (!std::isfinite(v)) throw Error(std::string(who) + ": the embeddings hold NaN or infinite values");
}

/// D^2 sampling over n rows of x (see kmeansPlusPlus).
std::vector<float> plusPlus(const float* x, std::int64_t n, int d, int k, std::uint64_t seed, int threads) {
    std::mt19937_64 rng(seed);
    std::vector<float> centroids(static_cast<std::size_t>(k) * d);
    std::vector<double> mind(static_cast<std::size_t>(n), std::numeric_limits<double>::infinity());
    std::vector<unsigned char> chosen(static_cast<std::size_t>(n), 0);
    std::int64_t next = std::min<std::int64_t>(n - 1, static_cast<std::int64_t>(uniform01(rng) * n));
    for (int c = 0; c < k; ++c) {
        chosen[static_cast<std::size_t>(next)] = 1;
        const float* centre = x + next * d;
        std::copy(centre, centre + d, centroids.begin() + static_cast<std::ptrdiff_t>(c) * d);
        if (c + 1 == k) break;
#pragma omp parallel for num_threads(threads) schedule(static)
        for (std::int64_t i = 0; i < n; ++i) {
            const double dist = faiss::fvec_L2sqr(x + i * d, centre, static_cast<std::size_t>(d));
            double& m = mind[static_cast<std::size_t>(i)];
            if (dist < m) m = dist;
        }
        double total = 0;
        for (std::int64_t i = 0; i < n; ++i)
            if (!chosen[static_cast<std::size_t>(i)]) total += mind[static_cast<std::size_t>(i)];
        next = -1;
        if (total > 0) {
            const double r = uniform01(rng) * total;
            double cum = 0;
            for (std::int64_t i = 0; i < n; ++i) {
                if (chosen[static_cast<std::size_t>(i)]) continue;
                const double m = mind[static_cast<std::size_t>(i)];
                cum += m;
                if (m > 0) next = i;  // the last positive row, should rounding leave r >= cum at the end
                if (cum > r && m > 0) break;
            }
        }
        if (next < 0)  // every unchosen row duplicates a centre: take the lowest-index unchosen row
            next = std::find(chosen.begin(), chosen.end(), 0) - chosen.begin();
    }
    return centroids;
}

}  // namespace

Matrix kmeansPlusPlus(const Matrix& X, int k, std::uint64_t seed, int threads) {
    select::checkShape(X);
    if (k < 1 || k > X.rows) throw std::invalid_argument("kmeansPlusPlus: k must be between 1 and rows");
    Matrix out;
    out.rows = k;
    out.cols = X.cols;
    out.data = plusPlus(X.data.data(), X.rows, X.cols, k, seed, detail::resolveThreads(threads));
    return out;
}

KMeansResult kmeans(const Matrix& X, const KMeansParams& p, Progress& progress) {
    select::checkShape(X);
    const std::int64_t n = X.rows;
    const int d = X.cols;
    const int k = p.k;
    if (k < 1 || k > n) throw std::invalid_argument("kmeans: k must be between 1 and the number of rows");
    if (p.iterations < 0) throw std::invalid_argument("kmeans: negative iterations");
    if (p.maxPointsPerCentroid < 0) throw std::invalid_argument("kmeans: negative maxPointsPerCentroid");
    const bool given = p.initialCentroids.rows > 0;
    if (given) {
        select::checkShape(p.initialCentroids);
        if (p.initialCentroids.rows != k || p.initialCentroids.cols != d)
            throw std::invalid_argument("kmeans: initialCentroids must be k x cols");
    }
    requireFinite(X, "k-means");
    if (progress.isCanceled()) throw Canceled();
    const int threads = detail::resolveThreads(p.threads);
    detail::ThreadScope scope(1, threads);  // BLAS gets the cores; FAISS's OpenMP loops are light here
    const int seed = faissSeed(p.seed);

    // Training rows: all, or the sample FAISS itself would draw.
    const float* train = X.data.data();
    std::int64_t nt = n;
    std::vector<float> sample;
    if (p.maxPointsPerCentroid > 0 && n > static_cast<std::int64_t>(k) * p.maxPointsPerCentroid) {
        std::vector<int> perm(static_cast<std::size_t>(n));
        faiss::rand_perm(perm.data(), static_cast<std::size_t>(n), seed);
        nt = static_cast<std::int64_t>(k) * p.maxPointsPerCentroid;
        sample.resize(static_cast<std::size_t>(nt) * d);
        for (std::int64_t i = 0; i < nt; ++i)
            std::memcpy(sample.data() + i * d, X.row(perm[static_cast<std::size_t>(i)]), sizeof(float) * d);
        train = sample.data();
    }

    faiss::ClusteringParameters cp;
    cp.niter = 1;
    cp.nredo = 1;
    cp.seed = seed;
    cp.spherical = p.spherical;
    cp.verbose = false;
    cp.min_points_per_centroid = 1;        // no "please provide more points" warnings on stderr
    cp.max_points_per_centroid = 1 << 30;  // sampled above, once
    faiss::Clustering clus(d, k, cp);
    if (given) {
        clus.centroids = p.initialCentroids.data;
    } else if (p.init == KMeansInit::PlusPlus) {
        clus.centroids = plusPlus(train, nt, d, k, p.seed, threads);
    } else {  // FAISS's own initialisation (first redo): the first k of rand_perm(seed + 1)
        std::vector<int> perm(static_cast<std::size_t>(nt));
        faiss::rand_perm(perm.data(), static_cast<std::size_t>(nt), static_cast<std::int64_t>(seed) + 1);
        clus.centroids.resize(static_cast<std::size_t>(k) * d);
        for (int c = 0; c < k; ++c)
            std::memcpy(clus.centroids.data() + static_cast<std::size_t>(c) * d,
                        train + static_cast<std::int64_t>(perm[static_cast<std::size_t>(c)]) * d,
                        sizeof(float) * d);
    }

    std::unique_ptr<faiss::IndexFlat> index;
    if (p.spherical)
        index = std::make_unique<faiss::IndexFlatIP>(d);
    else
        index = std::make_unique<faiss::IndexFlatL2>(d);

    KMeansResult result;
    result.trainRows = nt;
    const std::int64_t work = p.iterations + (n + kAssignBatch - 1) / kAssignBatch;
    detail::guardFaiss("k-means", [&] {
        for (int it = 0; it < p.iterations; ++it) {
            if (progress.isCanceled()) throw Canceled();
            progress.report(it, work, "k-means");
            clus.iteration_stats.clear();
            clus.train(nt, train, *index);
            result.objective.push_back(clus.iteration_stats.at(0).obj);
            result.emptySplits += clus.iteration_stats.at(0).nsplit;
        }
    });
    if (p.iterations == 0 && p.spherical)
        faiss::fvec_renorm_L2(static_cast<std::size_t>(d), k, clus.centroids.data());
    result.centroids.rows = k;
    result.centroids.cols = d;
    result.centroids.data = std::move(clus.centroids);

    // Final assignment of every row.
    result.assignment.resize(static_cast<std::size_t>(n));
    result.distance.resize(static_cast<std::size_t>(n));
    index->reset();
    index->add(k, result.centroids.data.data());
    std::vector<float> dis;
    std::vector<std::int64_t> label;
    for (std::int64_t b0 = 0; b0 < n; b0 += kAssignBatch) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(p.iterations + b0 / kAssignBatch, work, "k-means assignment");
        const std::int64_t b = std::min(kAssignBatch, n - b0);
        dis.resize(static_cast<std::size_t>(b));
        label.resize(static_cast<std::size_t>(b));
        detail::guardFaiss("k-means", [&] { index->search(b, X.row(b0), 1, dis.data(), label.data()); });
        for (std::int64_t i = 0; i < b; ++i)
            result.assignment[static_cast<std::size_t>(b0 + i)] =
                static_cast<int>(label[static_cast<std::size_t>(i)]);
    }
    const float* C = result.centroids.data.data();
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
        const float* x = X.row(i);
        const float* c = C + static_cast<std::int64_t>(result.assignment[static_cast<std::size_t>(i)]) * d;
        double value;
        if (p.spherical) {
            double dot = 0, xx = 0, cc = 0;
            for (int j = 0; j < d; ++j) {
                dot += static_cast<double>(x[j]) * c[j];
                xx += static_cast<double>(x[j]) * x[j];
                cc += static_cast<double>(c[j]) * c[j];
            }
            value = (xx > 0 && cc > 0) ? 1.0 - dot / std::sqrt(xx * cc) : 1.0;
        } else {
            double s = 0;
            for (int j = 0; j < d; ++j) {
                const double t = static_cast<double>(x[j]) - c[j];
                s += t * t;
            }
            value = std::sqrt(s);
        }
        result.distance[static_cast<std::size_t>(i)] = static_cast<float>(value);
    }
    progress.report(work, work, "k-means");
    return result;
}

std::vector<int> nearestCentroids(const Matrix& X, const Matrix& centroids, bool innerProduct, int threads) {
    select::checkShape(X);
    select::checkShape(centroids);
    if (centroids.rows < 1) throw std::invalid_argument("nearestCentroids: no centroids");
    if (X.rows > 0 && centroids.cols != X.cols)
        throw std::invalid_argument("nearestCentroids: dimensions differ");
    requireFinite(X, "nearest centroids");
    requireFinite(centroids, "nearest centroids");
    std::vector<int> out(static_cast<std::size_t>(X.rows));
    if (X.rows == 0) return out;
    detail::ThreadScope scope(1, detail::resolveThreads(threads));
    std::unique_ptr<faiss::IndexFlat> index;
    if (innerProduct)
        index = std::make_unique<faiss::IndexFlatIP>(X.cols);
    else
        index = std::make_unique<faiss::IndexFlatL2>(X.cols);
    std::vector<float> dis;
    std::vector<std::int64_t> label;
    detail::guardFaiss("nearest centroids", [&] {
        index->add(centroids.rows, centroids.data.data());
        for (std::int64_t b0 = 0; b0 < X.rows; b0 += kAssignBatch) {
            const std::int64_t b = std::min(kAssignBatch, X.rows - b0);
            dis.resize(static_cast<std::size_t>(b));
            label.resize(static_cast<std::size_t>(b));
            index->search(b, X.row(b0), 1, dis.data(), label.data());
            for (std::int64_t i = 0; i < b; ++i)
                out[static_cast<std::size_t>(b0 + i)] = static_cast<int>(label[static_cast<std::size_t>(i)]);
        }
    });
    return out;
}

KMeansFunction kmeansFunction(KMeansParams base, Progress& progress) {
    base.initialCentroids = Matrix{};
    return [base, &progress](const Matrix& X, int k, std::uint64_t seed) {
        KMeansParams p = base;
        p.k = k;
        p.seed = seed;
        return kmeans(X, p, progress);
    };
}

}  // namespace winnow::index
