// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_neardup: times nearPairs (multi-index hashing) against the brute-force scan and FAISS's flat
// binary index on seeded random 64-bit codes and, optionally, on codes read from a file.
//
//   bench_neardup [--n N] [--radius R] [--threads T] [--sample S] [--seed X] [--codes FILE]
//                 [--sweep M,M,...] [--repeat K]
//
// The full brute force over 1M codes is ~5e11 distance computations, so both baselines run the first S
// queries (default 20,000) against all N codes and are extrapolated to all pairs, n(n-1)/2, by the
// factor (N-1)/(2S); the printed table says so. When S >= N they cover every pair and nothing is
// extrapolated. The sample also checks nearPairs: the neighbours it reports for the sampled queries must
// be exactly those the brute force finds. Up to 200,000 codes, nearPairsBruteForce's whole sorted list is
// also timed and compared with nearPairs' (the sampled baselines only count). --sweep also times nearPairs
// with each forced substring count (1 = all pairs), to check the cost model's choice. --repeat K keeps the
// best of K runs of each measurement but FAISS's (the machine may be shared); wall and CPU time (all
// threads together) are both printed. Exit status: 0, 1 when a check fails, 2 on bad usage.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "baselines.h"
#include "dup/groups.h"
#include "dup/hamming.h"
#include "dup/neardup.h"
#include "dup/parallel.h"
#include "dup/plan.h"

using namespace winnow;

namespace {

struct Options {
    std::size_t n = 1000000;
    int radius = 10;
    int threads = 0;
    std::size_t sample = 20000;
    std::uint64_t seed = 20260214;
    std::string codesFile;
    std::vector<int> sweep;
    int repeat = 1;
};

[[noreturn]] void usage(const std::string& message) {
    std::cerr << "bench_neardup: " << message << "\n"
              << "usage: bench_neardup [--n N] [--radius R] [--threads T] [--sample S] [--seed X]"
                 " [--codes FILE] [--sweep M,M,...] [--repeat K]\n";
    std::exit(2);
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int k = 1; k < argc; ++k) {
        const std::string arg = argv[k];
        if (arg == "--help" || arg == "-h") usage("help");
        if (k + 1 >= argc) usage("missing value after " + arg);
        const std::string value = argv[++k];
        try {
            if (arg == "--n")
                o.n = std::stoull(value);
            else if (arg == "--radius")
                o.radius = std::stoi(value);
            else if (arg == "--threads")
                o.threads = std::stoi(value);
            else if (arg == "--sample")
                o.sample = std::stoull(value);
            else if (arg == "--seed")
                o.seed = std::stoull(value);
            else if (arg == "--repeat")
                o.repeat = std::stoi(value);
            else if (arg == "--codes")
                o.codesFile = value;
            else if (arg == "--sweep") {
                std::istringstream list(value);
                std::string item;
                while (std::getline(list, item, ',')) o.sweep.push_back(std::stoi(item));
            } else
                usage("unknown option " + arg);
        } catch (const std::logic_error&) {
            usage("bad value for " + arg + ": " + value);
        }
    }
    if (o.radius < 0 || o.radius > 64) usage("--radius must be in 0..64");
    return o;
}

/// One hex code per line ("0x" prefix optional); blank lines and lines starting with '#' are skipped.
std::vector<std::uint64_t> readCodes(const std::string& path) {
    std::ifstream in(path);
    if (!in) usage("cannot open " + path);
    std::vector<std::uint64_t> codes;
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        std::size_t used = 0;
        try {
            codes.push_back(std::stoull(line.substr(first), &used, 16));
        } catch (const std::logic_error&) {
            usage(path + ":" + std::to_string(lineNo) + ": not a hex code");
        }
    }
    return codes;
}

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Neighbours (both directions) that a sorted pair list gives the first `queries` indices.
std::uint64_t neighboursOfSample(const std::vector<dup::NearPair>& pairs, std::size_t queries) {
    std::uint64_t count = 0;
    for (const dup::NearPair& p : pairs) count += (p.i < queries) + (p.j < queries);
    return count;
}

/// Wall and CPU seconds of one measured call.
struct Timing {
    double wall = 0;
    double cpu = 0;
};

/// Runs f `repeat` times and keeps the fastest run's timing (the machine may be shared) and its result.
template <typename F>
auto bestOf(int repeat, F f, Timing& timing) {
    timing.wall = 1e300;
    decltype(f()) result{};
    for (int k = 0; k < std::max(1, repeat); ++k) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu = bench::processCpuSeconds();
        auto r = f();
        const Timing t{seconds(start), bench::processCpuSeconds() - cpu};
        if (t.wall < timing.wall) {
            timing = t;
            result = std::move(r);
        }
    }
    return result;
}

void printRow(const char* method, const Timing& t, const std::string& pairs, double ratio, const char* note) {
    std::printf("  %-36s %9.3f s %9.3f s  %12s  %8.1fx  %s\n", method, t.wall, t.cpu, pairs.c_str(), ratio,
                note);
}

bool samePairs(const std::vector<dup::NearPair>& a, const std::vector<dup::NearPair>& b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](const dup::NearPair& x, const dup::NearPair& y) {
               return x.i == y.i && x.j == y.j && x.distance == y.distance;
           });
}

/// Up to this many codes, the brute force's full pair list is also produced and compared with nearPairs'.
constexpr std::size_t kFullBruteForceLimit = 200000;

/// Benchmarks one code set; returns false when nearPairs disagrees with a baseline.
bool benchmark(const std::string& name, const std::vector<std::uint64_t>& codes, const Options& o) {
    const unsigned threads = dup::detail::resolveThreads(o.threads);
    const std::size_t n = codes.size();
    const std::size_t sample = std::min(o.sample, n);
    const bool full = sample == n;
    const double scale = full ? 1.0 : static_cast<double>(n - 1) / (2.0 * static_cast<double>(sample));

    const auto planStart = std::chrono::steady_clock::now();
    const auto groups = dup::detail::groupIdenticalCodes(codes);
    const auto plan = dup::detail::planSearch(groups.codes, o.radius, 0);
    const double planTime = seconds(planStart);

    dup::NearParams params;
    params.maxDistance = o.radius;
    params.threads = o.threads;
    Timing mih;
    const auto pairs = bestOf(
        o.repeat, [&] { return dup::nearPairs(codes, params); }, mih);
    Timing brute;
    const auto bruteScan = bestOf(
        o.repeat, [&] { return bench::bruteForceSample(codes, sample, o.radius, threads); }, brute);
    const bench::SampleScan faissScan = bench::faissSample(codes, sample, o.radius, threads);
    const std::uint64_t mine = neighboursOfSample(pairs, sample);
    bool ok = mine == bruteScan.neighbours && faissScan.neighbours == bruteScan.neighbours;

    std::printf("\n%s: %zu codes (%zu distinct), radius %d, %u threads, popcount kernel %s\n", name.c_str(),
                n, groups.codes.size(), o.radius, threads, dup::detail::scanKernelName());
    std::printf("  plan: %s (grouping + planning %.3f s, estimated %.2f s on one core)\n",
                dup::detail::describePlan(plan).c_str(), planTime, plan.estimatedSeconds);
    if (full)
        std::printf("  baselines: every pair, measured\n");
    else
        std::printf("  baselines: %zu queries x %zu codes measured, extrapolated x%.1f to all %.3g pairs\n",
                    sample, n, scale, static_cast<double>(n) * static_cast<double>(n - 1) / 2);
    std::printf("  timings: best of %d (FAISS: one run); cpu = all threads together\n",
                std::max(1, o.repeat));
    std::printf("  %-36s %11s %11s  %12s  %9s\n", "method", "wall", "cpu", "pairs", "vs nearPairs");
    printRow("nearPairs", mih, std::to_string(pairs.size()), 1.0, "measured");
    const std::string estimated = full ? std::to_string(bruteScan.neighbours / 2)
                                       : "~" + std::to_string(static_cast<std::uint64_t>(
                                                   static_cast<double>(bruteScan.neighbours) * scale / 2));
    const char* how = full ? "measured" : "extrapolated from sample";
    printRow("brute-force scan (counts only)", {brute.wall * scale, brute.cpu * scale}, estimated,
             brute.wall * scale / mih.wall, how);
    printRow("FAISS IndexBinaryFlat range_search", {faissScan.seconds * scale, faissScan.cpuSeconds * scale},
             estimated, faissScan.seconds * scale / mih.wall, how);
    if (n <= kFullBruteForceLimit) {
        // Small enough to produce the brute force's whole sorted list: the same work as nearPairs.
        Timing t;
        const auto reference = bestOf(
            o.repeat, [&] { return dup::nearPairsBruteForce(codes, o.radius); }, t);
        const bool same = samePairs(reference, pairs);
        printRow("nearPairsBruteForce (sorted list)", t, std::to_string(reference.size()), t.wall / mih.wall,
                 same ? "measured, all cores, same list" : "measured, all cores, LIST DIFFERS");
        ok &= same;
    }
    std::printf(
        "  sample check: the first %zu codes have %llu neighbours: nearPairs %llu, brute force %llu, "
        "FAISS %llu: %s\n",
        sample, static_cast<unsigned long long>(bruteScan.neighbours), static_cast<unsigned long long>(mine),
        static_cast<unsigned long long>(bruteScan.neighbours),
        static_cast<unsigned long long>(faissScan.neighbours), ok ? "OK" : "MISMATCH");

    for (int m : o.sweep) {
        params.substrings = m;
        const auto forced = dup::detail::planSearch(groups.codes, o.radius, m);
        Timing t;
        const std::size_t count = bestOf(
            o.repeat, [&] { return dup::nearPairs(codes, params).size(); }, t);
        std::printf("  sweep %-44s %8.3f s wall %8.3f s cpu  %10zu pairs  (estimated %.2f s on one core)\n",
                    dup::detail::describePlan(forced).c_str(), t.wall, t.cpu, count, forced.estimatedSeconds);
    }
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv);
    bool ok = true;
    if (o.n > 0) {
        std::mt19937_64 rng(o.seed);
        std::vector<std::uint64_t> codes(o.n);
        for (std::uint64_t& c : codes) c = rng();
        ok &= benchmark("random codes (seed " + std::to_string(o.seed) + ")", codes, o);
    }
    if (!o.codesFile.empty()) ok &= benchmark(o.codesFile, readCodes(o.codesFile), o);
    return ok ? 0 : 1;
}
