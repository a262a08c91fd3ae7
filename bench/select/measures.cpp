// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "measures.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "data.h"
#include "index/graphscores.h"
#include "index/kmeans.h"
#include "index/knngraph.h"
#include "select/kcenter.h"
#include "select/matrix.h"

namespace winnow::bench {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// CPU seconds of the whole process (all threads).
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int threadsOf(const Options& o) {
    const long long t = o.integer("threads", 0);
    return t > 0 ? static_cast<int>(t) : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

select::Matrix loadRows(const Options& o) {
    select::Matrix X = select::loadNpy(o.required("data"));
    const long long rows = o.integer("rows", 0);
    if (rows > 0 && rows < X.rows) {
        X.rows = rows;
        X.data.resize(static_cast<std::size_t>(rows) * X.cols);
    }
    return X;
}

std::string jsonList(const std::vector<double>& v) {
    std::ostringstream s;
    s.precision(10);
    s << '[';
    for (std::size_t i = 0; i < v.size(); ++i) s << (i ? "," : "") << v[i];
    return s.str() + ']';
}

/// Records when each stage named in report() starts (the first report of a new stage name), in wall and
/// process CPU seconds.
class StageClock : public Progress {
public:
    StageClock() : m_start(Clock::now()), m_cpu0(cpuSeconds()) {}
    bool isCanceled() const override { return false; }
    void report(std::int64_t, std::int64_t, std::string_view stage) override {
        if (m_stages.empty() || m_stages.back().name != stage)
            m_stages.push_back({std::string(stage), since(m_start), cpuSeconds() - m_cpu0});
    }
    /// {"stage": [wall seconds, CPU seconds], ...} up to now.
    std::string json() const {
        const double endWall = since(m_start), endCpu = cpuSeconds() - m_cpu0;
        std::map<std::string, std::pair<double, double>> spent;
        for (std::size_t i = 0; i < m_stages.size(); ++i) {
            const bool last = i + 1 == m_stages.size();
            spent[m_stages[i].name].first += (last ? endWall : m_stages[i + 1].wall) - m_stages[i].wall;
            spent[m_stages[i].name].second += (last ? endCpu : m_stages[i + 1].cpu) - m_stages[i].cpu;
        }
        std::ostringstream s;
        s << '{';
        bool first = true;
        for (const auto& [name, t] : spent) {
            s << (first ? "" : ",") << '"' << name << "\":[" << t.first << ',' << t.second << ']';
            first = false;
        }
        return s.str() + '}';
    }

private:
    struct Stage {
        std::string name;
        double wall, cpu;
    };
    Clock::time_point m_start;
    double m_cpu0;
    std::vector<Stage> m_stages;
};

}  // namespace

int runGenerate(const Options& o) {
    MixtureParams p;
    p.n = o.integer("n", p.n);
    p.d = static_cast<int>(o.integer("d", p.d));
    p.components = static_cast<int>(o.integer("components", p.components));
    p.seed = static_cast<std::uint64_t>(o.integer("seed", static_cast<long long>(p.seed)));
    const auto start = Clock::now();
    const select::Matrix X = mixture(p, threadsOf(o));
    const double seconds = since(start);
    select::saveNpy(o.required("out"), X);
    std::cout << "{\"n\":" << X.rows << ",\"d\":" << X.cols << ",\"components\":" << p.components
              << ",\"seed\":" << p.seed << ",\"seconds\":" << seconds << "}\n";
    return 0;
}

int runBandwidth(const Options& o) {
    // STREAM-style copy of a buffer far larger than the caches, split over the threads; bandwidth counts
    // the bytes read plus the bytes written.
    const std::size_t bytes = static_cast<std::size_t>(o.integer("mb", 1024)) << 20;
    const int threads = threadsOf(o);
    const int repeat = static_cast<int>(o.integer("repeat", 5));
    std::vector<char> src(bytes, 1), dst(bytes, 0);
    double best = 1e30;
    for (int r = 0; r < repeat; ++r) {
        const auto start = Clock::now();
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                const std::size_t a = bytes * t / threads, b = bytes * (t + 1) / threads;
                std::memcpy(dst.data() + a, src.data() + a, b - a);
            });
        for (auto& th : pool) th.join();
        best = std::min(best, since(start));
    }
    std::cout << "{\"bytes\":" << bytes << ",\"threads\":" << threads << ",\"seconds\":" << best
              << ",\"copy_gbps\":" << 2.0 * bytes / best / 1e9 << ",\"check\":" << int(dst[bytes / 2])
              << "}\n";
    return 0;
}

int runKCenter(const Options& o) {
    const select::Matrix X = loadRows(o);
    const std::int64_t budget = o.integer("budget", 1000);
    const auto start = Clock::now();
    const double cpu0 = cpuSeconds();
    const auto picks = select::kCenterGreedy(X, budget);
    const double seconds = since(start), cpu = cpuSeconds() - cpu0;
    if (!o.text("out").empty()) saveNpy64(o.text("out"), picks, static_cast<std::int64_t>(picks.size()), 1);
    std::cout << "{\"rows\":" << X.rows << ",\"cols\":" << X.cols << ",\"budget\":" << picks.size()
              << ",\"seconds\":" << seconds << ",\"cpu_seconds\":" << cpu << "}\n";
    return 0;
}

int runKMeans(const Options& o) {
    const select::Matrix X = loadRows(o);
    index::KMeansParams p;
    p.k = static_cast<int>(o.integer("k", 1000));
    p.iterations = static_cast<int>(o.integer("iterations", 20));
    p.seed = static_cast<std::uint64_t>(o.integer("seed", 1234));
    p.threads = threadsOf(o);
    p.spherical = o.integer("spherical", 0) != 0;
    const std::string init = o.text("init", "random");
    if (init == "plusplus")
        p.init = index::KMeansInit::PlusPlus;
    else if (init != "random")
        throw UsageError("--init must be random or plusplus");
    StageClock clock;
    const auto start = Clock::now();
    const double cpu0 = cpuSeconds();
    const index::KMeansResult r = index::kmeans(X, p, clock);
    const double seconds = since(start), cpu = cpuSeconds() - cpu0;
    const std::string stages = clock.json();
    const std::string out = o.text("out");
    if (!out.empty()) {
        std::vector<std::int64_t> assign(r.assignment.begin(), r.assignment.end());
        saveNpy64(out + ".assign.npy", assign, X.rows, 1);
        select::saveNpy(out + ".centroids.npy", r.centroids);
    }
    std::cout << "{\"rows\":" << X.rows << ",\"cols\":" << X.cols << ",\"k\":" << p.k
              << ",\"iterations\":" << p.iterations << ",\"threads\":" << p.threads
              << ",\"train_rows\":" << r.trainRows << ",\"splits\":" << r.emptySplits
              << ",\"seconds\":" << seconds << ",\"cpu_seconds\":" << cpu << ",\"stages\":" << stages
              << ",\"objective\":" << jsonList(r.objective) << "}\n";
    return 0;
}

int runKnn(const Options& o) {
    const select::Matrix X = loadRows(o);
    const int k = static_cast<int>(o.integer("k", 20));
    index::KnnParams p;
    p.index.exact = o.integer("exact", 0) != 0;
    p.index.targetRecall = o.number("target", p.index.targetRecall);
    p.index.nlistFactor = o.number("nlist-factor", p.index.nlistFactor);
    p.index.exactBelow = o.integer("exact-below", p.index.exactBelow);
    p.index.threads = threadsOf(o);
    StageClock clock;
    index::IndexInfo info;
    const auto start = Clock::now();
    const double cpu0 = cpuSeconds();
    const select::KnnGraph g = index::knnGraph(X, k, p, clock, &info);
    const double seconds = since(start), cpu = cpuSeconds() - cpu0;
    const std::string stages = clock.json();
    const auto t0 = Clock::now();
    const std::vector<double> typ = index::typicalityFromGraph(g, k);
    const double typSeconds = since(t0);
    const std::string out = o.text("out");
    if (!out.empty()) {
        saveNpy64(out + ".ids.npy", g.ids, g.n, g.k);
        saveNpy64(out + ".dist.npy", std::vector<double>(g.dist.begin(), g.dist.end()), g.n, g.k);
        saveNpy64(out + ".typ.npy", typ, g.n, 1);
    }
    std::cout << "{\"rows\":" << X.rows << ",\"cols\":" << X.cols << ",\"k\":" << k
              << ",\"threads\":" << p.index.threads << ",\"exact\":" << (g.exact ? "true" : "false")
              << ",\"recall\":" << g.recall << ",\"type\":\"" << info.type << "\",\"reason\":\""
              << info.reason << "\",\"nlist\":" << info.nlist << ",\"nprobe\":" << info.nprobe
              << ",\"train_rows\":" << info.trainRows << ",\"tuned_recall\":" << info.recall
              << ",\"seconds\":" << seconds << ",\"cpu_seconds\":" << cpu
              << ",\"typicality_seconds\":" << typSeconds << ",\"stages\":" << stages << "}\n";
    return 0;
}

}  // namespace winnow::bench
