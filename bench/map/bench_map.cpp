// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_map: times Winnow's 2-D layouts (core/map) for bench/map_bench.py.
//
//   bench_map layout --data X.npy --method umap|tsne|pca --out L.npy [--rows N] [--threads T] [--seed S]
//                    [--epochs E] [--iterations I] [--interpolation-points P] [--intervals-per-unit U]
//                    [--knn-threads T]
//       The exact kNN graph (blasKnnGraph: k = 14 for UMAP, 90 for t-SNE) is timed apart from the layout.
//       Prints one JSON object: n, d, knn_seconds, layout_seconds, stages {stage: seconds}.
//   bench_map trust --data X.npy --layout L.npy [--k 10] [--rows N] [--threads T]
//       Prints {"trustworthiness": T, "seconds": s} (map::trustworthiness).
//   bench_map knn-check --data X.npy [--rows N] [--k K]
//       Checks blasKnnGraph against map::exactKnnGraph (prints the share of equal ids).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>

#include "blasknn.h"
#include "common/error.h"
#include "common/progress.h"
#include "map/knn.h"
#include "map/pca.h"
#include "map/trustworthiness.h"
#include "map/tsne.h"
#include "map/umap.h"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Records the wall time spent in every stage the core reports.
class StageTimer : public winnow::Progress {
public:
    bool isCanceled() const override { return false; }
    void report(std::int64_t, std::int64_t, std::string_view stage) override {
        const auto now = Clock::now();
        if (!m_stage.empty()) m_seconds[m_stage] += std::chrono::duration<double>(now - m_since).count();
        m_stage = std::string(stage);
        m_since = now;
    }
    std::string json() {
        report(0, 0, "");
        std::string out = "{";
        for (const auto& [stage, s] : m_seconds) {
            if (stage.empty()) continue;
            if (out.size() > 1) out += ", ";
            out += "\"" + stage + "\": " + std::to_string(s);
        }
        return out + "}";
    }

private:
    std::string m_stage;
    Clock::time_point m_since = Clock::now();
    std::map<std::string, double> m_seconds;
};

struct Args {
    std::map<std::string, std::string> values;
    std::string get(const std::string& name, const std::string& fallback = "") const {
        const auto it = values.find(name);
        if (it != values.end()) return it->second;
        if (fallback.empty()) throw std::runtime_error("missing --" + name);
        return fallback;
    }
    long number(const std::string& name, long fallback) const {
        return std::stol(get(name, std::to_string(fallback)));
    }
};

winnow::select::Matrix load(const Args& a) {
    winnow::select::Matrix x = winnow::select::loadNpy(a.get("data"));
    const long rows = a.number("rows", 0);
    if (rows > 0 && rows < x.rows) {
        x.rows = rows;
        x.data.resize(static_cast<std::size_t>(rows) * x.cols);
    }
    return x;
}

int layout(const Args& a) {
    const winnow::select::Matrix x = load(a);
    const std::string method = a.get("method");
    const int threads = static_cast<int>(a.number("threads", 0));
    const int knnThreads = static_cast<int>(a.number("knn-threads", threads > 0 ? threads : 2));
    StageTimer timer;
    double knnSeconds = 0;
    winnow::select::Matrix out;
    auto t0 = Clock::now();
    if (method == "pca") {
        out = winnow::map::pca2d(x, threads, timer);
    } else if (method == "umap") {
        winnow::map::UmapParams p;
        p.threads = threads;
        p.seed = static_cast<std::uint64_t>(a.number("seed", 42));
        p.epochs = static_cast<int>(a.number("epochs", 0));
        const auto graph = winnow::bench::blasKnnGraph(x, p.k - 1, knnThreads);
        knnSeconds = since(t0);
        t0 = Clock::now();
        out = winnow::map::umap(graph, &x, p, timer);
    } else if (method == "tsne") {
        winnow::map::TsneParams p;
        p.threads = threads;
        p.seed = static_cast<std::uint64_t>(a.number("seed", 42));
        p.iterations = static_cast<int>(a.number("iterations", p.iterations));
        p.interpolationPoints = static_cast<int>(a.number("interpolation-points", p.interpolationPoints));
        if (a.values.count("intervals-per-unit")) p.intervalsPerUnit = std::stod(a.get("intervals-per-unit"));
        const auto graph = winnow::bench::blasKnnGraph(x, static_cast<int>(3 * p.perplexity), knnThreads);
        knnSeconds = since(t0);
        t0 = Clock::now();
        out = winnow::map::tsne(graph, &x, p, timer);
    } else {
        throw std::runtime_error("unknown method " + method);
    }
    const double layoutSeconds = since(t0);
    winnow::select::saveNpy(a.get("out"), out);
    std::printf(
        "{\"method\": \"%s\", \"n\": %lld, \"d\": %d, \"knn_seconds\": %.4f, \"layout_seconds\": %.4f, "
        "\"stages\": %s}\n",
        method.c_str(), static_cast<long long>(x.rows), x.cols, knnSeconds, layoutSeconds,
        timer.json().c_str());
    return 0;
}

int trust(const Args& a) {
    const winnow::select::Matrix x = load(a);
    winnow::select::Matrix l = winnow::select::loadNpy(a.get("layout"));
    if (l.rows > x.rows) {
        l.rows = x.rows;
        l.data.resize(static_cast<std::size_t>(x.rows) * l.cols);
    }
    const auto t0 = Clock::now();
    const double t = winnow::map::trustworthiness(x, l, static_cast<int>(a.number("k", 10)),
                                                  static_cast<int>(a.number("threads", 0)));
    std::printf("{\"trustworthiness\": %.6f, \"seconds\": %.3f}\n", t, since(t0));
    return 0;
}

int knnCheck(const Args& a) {
    const winnow::select::Matrix x = load(a);
    const int k = static_cast<int>(a.number("k", 15));
    auto t0 = Clock::now();
    const auto blas = winnow::bench::blasKnnGraph(x, k, 2);
    const double blasSeconds = since(t0);
    t0 = Clock::now();
    const auto eigen = winnow::map::exactKnnGraph(x, k, 2);
    const double eigenSeconds = since(t0);
    std::size_t same = 0;
    for (std::size_t t = 0; t < blas.ids.size(); ++t) same += blas.ids[t] == eigen.ids[t];
    std::printf("{\"equal_ids\": %.6f, \"blas_seconds\": %.3f, \"eigen_seconds\": %.3f}\n",
                static_cast<double>(same) / static_cast<double>(blas.ids.size()), blasSeconds, eigenSeconds);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_map layout|trust|knn-check --data X.npy ...\n");
        return 2;
    }
    Args a;
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string name = argv[i];
        if (name.rfind("--", 0) != 0) {
            std::fprintf(stderr, "bench_map: unexpected %s\n", argv[i]);
            return 2;
        }
        a.values[name.substr(2)] = argv[i + 1];
    }
    try {
        const std::string command = argv[1];
        if (command == "layout") return layout(a);
        if (command == "trust") return trust(a);
        if (command == "knn-check") return knnCheck(a);
        std::fprintf(stderr, "bench_map: unknown command %s\n", command.c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_map: %s\n", e.what());
        return 1;
    }
}
