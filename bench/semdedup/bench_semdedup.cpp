// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_semdedup: times winnow::select::semDedup on n x d L2-normalised rows of a seeded Gaussian mixture
// with planted near-duplicates, clustered by a quick spherical Lloyd k-means done here (k random rows as the
// first centroids, then `--lloyd` rounds of assignment by largest inner product and mean update; the
// k-means is not part of the timed SemDeDup). Prints one JSON line. With --write DIR it also writes
// DIR/x.npy, DIR/centroids.npy (float32) and DIR/assignment.npy (float32 cluster ids), DIR/kept.txt (kept
// rows, one per line) for bench/semdedup_bench.py. semdedup_cpu_seconds is the CPU time of all threads
// during semDedup (compare it with the wall time on a loaded machine).
//
//   bench_semdedup [--n 100000] [--d 512] [--clusters 1000] [--components 2000] [--dups 0.1]
//                  [--eps 0.05] [--lloyd 3] [--seed 1] [--write DIR]

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include "select/dot.h"
#include "select/matrix.h"
#include "select/random.h"
#include "select/semdedup.h"

using winnow::select::Matrix;

namespace {

struct Options {
    std::int64_t n = 100000;
    int d = 512;
    int clusters = 1000;
    int components = 2000;
    double dups = 0.1;
    double eps = 0.05;
    int lloyd = 3;
    std::uint64_t seed = 1;
    std::string write;
};

/// User + system CPU seconds of this process so far (all threads).
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

/// Rows: component centre (unit direction) + isotropic noise of norm about 0.8; a fraction `dups` of the rows
/// are copies of an earlier row plus noise of norm about 0.1 (cosine about 0.995 before normalising).
Matrix makeData(const Options& o) {
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<float> normal;
    Matrix centres{o.components, o.d, std::vector<float>(static_cast<std::size_t>(o.components) * o.d)};
    for (auto& v : centres.data) v = normal(rng);
    winnow::select::normalizeRows(centres);
    Matrix x{o.n, o.d, std::vector<float>(static_cast<std::size_t>(o.n) * o.d)};
    std::uniform_int_distribution<int> comp(0, o.components - 1);
    std::uniform_real_distribution<double> unit(0, 1);
    const float spread = 0.8f / std::sqrt(static_cast<float>(o.d)),
                small = 0.1f / std::sqrt(static_cast<float>(o.d));
    for (std::int64_t i = 0; i < o.n; ++i) {
        float* r = x.row(i);
        if (i > 0 && unit(rng) < o.dups) {
            const float* src = x.row(static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(i)));
            for (int j = 0; j < o.d; ++j) r[j] = src[j] + small * normal(rng);
        } else {
            const float* c = centres.row(comp(rng));
            for (int j = 0; j < o.d; ++j) r[j] = c[j] + spread * normal(rng);
        }
    }
    winnow::select::normalizeRows(x);
    return x;
}

/// Spherical Lloyd: assignment by largest <x, c> (lowest index on ties), centroids = normalised means.
void lloyd(const Matrix& x, const Options& o, Matrix& cent, std::vector<int>& assign) {
    cent = Matrix{o.clusters, o.d, {}};
    for (auto r : winnow::select::randomSubset(x.rows, o.clusters, o.seed + 1))
        cent.data.insert(cent.data.end(), x.row(r), x.row(r) + o.d);
    assign.assign(static_cast<std::size_t>(x.rows), 0);
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int it = 0; it < o.lloyd; ++it) {
        std::vector<const float*> cp(static_cast<std::size_t>(o.clusters));
        for (int c = 0; c < o.clusters; ++c) cp[static_cast<std::size_t>(c)] = cent.row(c);
        std::atomic<std::int64_t> next{0};
        auto work = [&] {
            std::vector<const float*> rp(64);
            std::vector<double> g(static_cast<std::size_t>(64) * o.clusters);
            for (std::int64_t b; (b = next.fetch_add(64)) < x.rows;) {
                const int m = static_cast<int>(std::min<std::int64_t>(64, x.rows - b));
                for (int i = 0; i < m; ++i) rp[static_cast<std::size_t>(i)] = x.row(b + i);
                winnow::select::detail::dotBlock(rp.data(), m, cp.data(), o.clusters, o.d, g.data(),
                                                 o.clusters);
                for (int i = 0; i < m; ++i) {
                    const double* gi = g.data() + static_cast<std::size_t>(i) * o.clusters;
                    assign[static_cast<std::size_t>(b + i)] =
                        static_cast<int>(std::max_element(gi, gi + o.clusters) - gi);
                }
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        if (it + 1 == o.lloyd) break;  // the last assignment matches the centroids returned
        std::vector<double> sum(static_cast<std::size_t>(o.clusters) * o.d, 0.0);
        std::vector<std::int64_t> count(static_cast<std::size_t>(o.clusters), 0);
        for (std::int64_t i = 0; i < x.rows; ++i) {
            const int c = assign[static_cast<std::size_t>(i)];
            ++count[static_cast<std::size_t>(c)];
            for (int j = 0; j < o.d; ++j) sum[static_cast<std::size_t>(c) * o.d + j] += x.row(i)[j];
        }
        for (int c = 0; c < o.clusters; ++c)
            if (count[static_cast<std::size_t>(c)] > 0)
                for (int j = 0; j < o.d; ++j)
                    cent.row(c)[j] = static_cast<float>(sum[static_cast<std::size_t>(c) * o.d + j] /
                                                        count[static_cast<std::size_t>(c)]);
        winnow::select::normalizeRows(cent);
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--n")
            o.n = std::stoll(v);
        else if (k == "--d")
            o.d = std::stoi(v);
        else if (k == "--clusters")
            o.clusters = std::stoi(v);
        else if (k == "--components")
            o.components = std::stoi(v);
        else if (k == "--dups")
            o.dups = std::stod(v);
        else if (k == "--eps")
            o.eps = std::stod(v);
        else if (k == "--lloyd")
            o.lloyd = std::stoi(v);
        else if (k == "--seed")
            o.seed = std::stoull(v);
        else if (k == "--write")
            o.write = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }
    auto t0 = std::chrono::steady_clock::now();
    const Matrix x = makeData(o);
    const double genSeconds = seconds(t0);
    t0 = std::chrono::steady_clock::now();
    Matrix cent;
    std::vector<int> assign;
    lloyd(x, o, cent, assign);
    const double kmeansSeconds = seconds(t0);

    winnow::select::SemDedupParams p;
    p.eps = o.eps;
    winnow::select::SemDedupScores scores;
    t0 = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds();
    const auto kept = winnow::select::semDedup(x, assign, cent, p, winnow::nullProgress(), &scores);
    const double dedupSeconds = seconds(t0), dedupCpu = cpuSeconds() - cpu0;

    std::vector<std::int64_t> sizes(static_cast<std::size_t>(o.clusters), 0);
    for (int a : assign) ++sizes[static_cast<std::size_t>(a)];
    double pairs = 0;
    for (auto s : sizes) pairs += 0.5 * static_cast<double>(s) * static_cast<double>(s - 1);
    if (!o.write.empty()) {
        winnow::select::saveNpy(o.write + "/x.npy", x);
        winnow::select::saveNpy(o.write + "/centroids.npy", cent);
        Matrix a{x.rows, 1, std::vector<float>(assign.begin(), assign.end())};
        winnow::select::saveNpy(o.write + "/assignment.npy", a);
        std::ofstream out(o.write + "/kept.txt");
        for (auto k : kept) out << k << '\n';
    }
    std::printf(
        "{\"n\": %lld, \"d\": %d, \"clusters\": %d, \"largest_cluster\": %lld, \"pairs\": %.0f, "
        "\"threads\": %u, \"generate_seconds\": %.3f, \"kmeans_seconds\": %.3f, \"lloyd_rounds\": %d, "
        "\"semdedup_seconds\": %.3f, \"semdedup_cpu_seconds\": %.3f, \"eps\": %g, \"kept\": %zu}\n",
        static_cast<long long>(o.n), o.d, o.clusters,
        static_cast<long long>(*std::max_element(sizes.begin(), sizes.end())), pairs,
        std::max(1u, std::thread::hardware_concurrency()), genSeconds, kmeansSeconds, o.lloyd, dedupSeconds,
        dedupCpu, o.eps, kept.size());
    return 0;
}
