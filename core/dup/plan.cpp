// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dup/plan.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "dup/hamming.h"

namespace winnow::dup::detail {

namespace {

// Per-operation costs in nanoseconds on one core, fitted to bench_neardup runs on an AMD EPYC (Zen 5)
// virtual machine (1M random codes at r = 10 with m = 3..6, and Fashion-MNIST pHashes). Only their ratios
// steer the choice; the absolute values make estimatedSeconds readable. The POPCNT-only check cost is an
// estimate (no such CPU was at hand); the portable one was measured with the kernels forced portable.
struct CostModel {
    double check;         // one candidate code XOR + popcount + compare, inside a bucket scan
    double visit;         // one non-empty bucket scanned for one query (loop set-up, partial vector)
    double lookupCache;   // one neighbouring substring value looked up in offsets that fit in L2 (<= 1 MiB)
    double lookupMemory;  // ... in larger offsets (a cache miss, mostly)
    double build;         // one code inserted into one table, or one offsets slot cleared
    double hit;           // one candidate within the radius (also when an earlier table reported it)
    double emit;          // one pair reported, sorted and written out
};

CostModel costModel() {
    const std::string kernel = scanKernelName();
    const double check = kernel == "avx512-vpopcntdq" ? 0.15 : kernel == "popcnt" ? 0.5 : 1.6;
    return {check, 2.5, 1.0, 3.6, 3.0, 8.0, 100.0};
}

double lookupCost(const CostModel& c, int bits) {
    return bits <= 18 ? c.lookupCache : c.lookupMemory;
}

// Codes uniformly spread: each bucket holds u / 2^bits codes on average (Poisson). Pairs not included.
double uniformNs(const std::vector<SubstringLayout>& tables, double u, const CostModel& c) {
    double ns = 0;
    for (const SubstringLayout& t : tables) {
        const double buckets = std::ldexp(1.0, t.bits);
        const double occupancy = u / buckets;
        const double nonEmpty = buckets * -std::expm1(-occupancy);
        const double ball = ballSize(t.bits, t.radius);
        ns += nonEmpty * ball * lookupCost(c, t.bits);
        ns += u * ball * -std::expm1(-occupancy) / 2 * c.visit;
        ns += u * ball * occupancy / 2 * c.check;
        ns += (u + buckets) * c.build;
    }
    return ns;
}

// Real bucket sizes: a histogram per table, probed by a deterministic sample of the codes as queries.
double sampledNs(const std::vector<SubstringLayout>& tables, const std::vector<std::uint64_t>& codes,
                 const CostModel& c) {
    const std::size_t u = codes.size();
    const std::size_t samples = std::min<std::size_t>(u, 1024);
    double ns = 0;
    std::vector<std::uint32_t> counts;
    for (const SubstringLayout& t : tables) {
        const std::size_t buckets = std::size_t{1} << t.bits;
        const std::uint64_t valueMask = buckets - 1;
        counts.assign(buckets, 0);
        for (std::uint64_t code : codes) ++counts[(code >> t.shift) & valueMask];
        const double nonEmpty = static_cast<double>(
            buckets - static_cast<std::size_t>(std::count(counts.begin(), counts.end(), 0u)));
        const std::vector<std::uint32_t> masks = ballMasks(t.bits, t.radius);
        double visits = 0;
        double checks = 0;
        for (std::size_t s = 0; s < samples; ++s) {
            // Knuth's multiplicative hash spreads the sample over the (sorted) codes.
            const std::size_t k = static_cast<std::size_t>((s * 2654435761ULL) % u);
            const auto v = static_cast<std::uint32_t>((codes[k] >> t.shift) & valueMask);
            for (std::uint32_t m : masks) {
                const std::uint32_t count = counts[v ^ m];
                visits += count != 0;
                checks += count;
            }
        }
        const double scale = static_cast<double>(u) / static_cast<double>(samples) / 2;
        ns += nonEmpty * static_cast<double>(masks.size()) * lookupCost(c, t.bits);
        ns += visits * scale * c.visit + checks * scale * c.check;
        ns += static_cast<double>(u + buckets) * c.build;
    }
    return ns;
}

/// Pairs within the radius, from a brute force of up to 1,024 codes against up to 65,536.
struct PairSample {
    double pairs = 0;                 // estimated pairs of distinct codes within the radius
    std::vector<std::uint64_t> xors;  // code XOR code of the sampled pairs (at most 65,536 kept)
};

PairSample samplePairs(const std::vector<std::uint64_t>& codes, int maxDistance) {
    const std::size_t u = codes.size();
    const std::size_t queries = std::min<std::size_t>(u, 1024);
    const std::size_t columns = std::min<std::size_t>(u, 65536);
    std::vector<std::uint64_t> column(columns);
    for (std::size_t k = 0; k < columns; ++k) column[k] = codes[k * u / columns];
    std::vector<std::uint32_t> hits(columns);
    const ScanFunction scan = scanFunction();
    PairSample sample;
    double found = 0;
    for (std::size_t s = 0; s < queries; ++s) {
        const std::uint64_t q = codes[static_cast<std::size_t>((s * 2654435761ULL) % u)];
        const std::size_t count = scan(q, column.data(), columns, maxDistance, hits.data());
        for (std::size_t h = 0; h < count; ++h) {
            const std::uint64_t x = q ^ column[hits[h]];
            if (x == 0) continue;  // the query itself: codes are distinct
            ++found;
            if (sample.xors.size() < 65536) sample.xors.push_back(x);
        }
    }
    const double ud = static_cast<double>(u);
    sample.pairs = found / (static_cast<double>(queries) * static_cast<double>(columns)) * ud * (ud - 1) / 2;
    return sample;
}

/// Reporting the pairs: each is found in every table where its substrings are within the radius (the
/// first one reports it), then emitted once.
double pairsNs(const std::vector<SubstringLayout>* tables, const PairSample& sample, const CostModel& c) {
    double multiplicity = 1;
    if (tables != nullptr && !sample.xors.empty()) {
        double found = 0;
        for (std::uint64_t x : sample.xors)
            for (const SubstringLayout& t : *tables) {
                const std::uint64_t mask = (std::uint64_t{1} << t.bits) - 1;
                found += popcount64((x >> t.shift) & mask) <= t.radius;
            }
        multiplicity = found / static_cast<double>(sample.xors.size());
    }
    return sample.pairs * (multiplicity * c.hit + c.emit);
}

}  // namespace

std::vector<SubstringLayout> substringLayout(int m, int maxDistance) {
    if (m < 1 || m > 64) throw std::invalid_argument("substringLayout: m must be in 1..64");
    std::vector<SubstringLayout> tables;
    const int s = maxDistance / m;
    const int a = maxDistance % m;
    int shift = 0;
    for (int t = 0; t < m; ++t) {
        const int bits = 64 / m + (t < 64 % m ? 1 : 0);
        const int radius = t <= a ? s : s - 1;
        if (radius >= 0) tables.push_back({shift, bits, std::min(radius, bits)});
        shift += bits;
    }
    return tables;
}

std::vector<std::uint32_t> ballMasks(int bits, int radius) {
    // Weight by weight, each weight's masks in increasing order (Gosper's hack: next word with as many ones).
    std::vector<std::uint32_t> masks;
    masks.reserve(static_cast<std::size_t>(ballSize(bits, radius)));
    const std::uint64_t end = std::uint64_t{1} << bits;
    for (int k = 0; k <= std::min(radius, bits); ++k) {
        std::uint64_t m = (std::uint64_t{1} << k) - 1;
        while (m < end) {
            masks.push_back(static_cast<std::uint32_t>(m));
            if (m == 0) break;
            const std::uint64_t low = m & (~m + 1);
            const std::uint64_t ripple = m + low;
            m = ripple | (((m ^ ripple) >> 2) / low);
        }
    }
    return masks;
}

double ballSize(int bits, int radius) {
    double sum = 0;
    double binom = 1;  // C(bits, k)
    for (int k = 0; k <= std::min(radius, bits); ++k) {
        sum += binom;
        binom = binom * (bits - k) / (k + 1);
    }
    return sum;
}

SearchPlan planSearch(const std::vector<std::uint64_t>& distinctCodes, int maxDistance,
                      int forcedSubstrings) {
    const CostModel cost = costModel();
    const double u = static_cast<double>(distinctCodes.size());
    SearchPlan plan;
    const double allPairsScanNs = u * (u - 1) / 2 * cost.check;
    plan.allPairsSeconds = allPairsScanNs * 1e-9;
    if (distinctCodes.size() < 2 || maxDistance <= 0)
        return plan;  // Nothing: identical codes are paired by the caller

    if (forcedSubstrings > 1) {
        plan.method = SearchMethod::MultiIndex;
        plan.substrings = forcedSubstrings;
        plan.tables = substringLayout(forcedSubstrings, maxDistance);
    } else {
        plan.method = SearchMethod::AllPairs;
    }
    if (forcedSubstrings == 0 && plan.allPairsSeconds < 0.002) {
        plan.estimatedSeconds = plan.allPairsSeconds;
        return plan;  // not worth building anything, nor sampling
    }
    const PairSample sample = samplePairs(distinctCodes, maxDistance);
    plan.allPairsSeconds = (allPairsScanNs + pairsNs(nullptr, sample, cost)) * 1e-9;
    if (forcedSubstrings != 0) {
        // Estimated as if the codes were spread, which is cheap (sampling wide tables is not).
        plan.estimatedSeconds =
            plan.method == SearchMethod::AllPairs
                ? plan.allPairsSeconds
                : (uniformNs(plan.tables, u, cost) + pairsNs(&plan.tables, sample, cost)) * 1e-9;
        return plan;
    }
    plan.estimatedSeconds = plan.allPairsSeconds;

    // Beyond m = r + 1 every table has radius 0 and narrower substrings only add candidates.
    const int maxM = std::min(64, std::max(3, maxDistance + 1));
    struct Candidate {
        int m;
        double ns;
    };
    std::vector<Candidate> candidates;
    for (int m = 3; m <= maxM; ++m)
        candidates.push_back({m, uniformNs(substringLayout(m, maxDistance), u, cost)});
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& x, const Candidate& y) { return x.ns < y.ns; });

    // The uniform model ranks well on spread codes; the sample re-prices the best few on the real ones.
    const std::size_t tries = std::min<std::size_t>(3, candidates.size());
    for (std::size_t k = 0; k < tries; ++k) {
        if (candidates[k].ns * 1e-9 >= 4 * plan.estimatedSeconds)
            break;  // hopeless even if the codes are kinder than uniform (and sampling it would cost too)
        const std::vector<SubstringLayout> tables = substringLayout(candidates[k].m, maxDistance);
        const double seconds =
            (sampledNs(tables, distinctCodes, cost) + pairsNs(&tables, sample, cost)) * 1e-9;
        if (seconds < plan.estimatedSeconds) {
            plan.method = SearchMethod::MultiIndex;
            plan.substrings = candidates[k].m;
            plan.tables = tables;
            plan.estimatedSeconds = seconds;
        }
    }
    return plan;
}

std::string describePlan(const SearchPlan& plan) {
    switch (plan.method) {
        case SearchMethod::Nothing:
            return "identical codes only";
        case SearchMethod::AllPairs:
            return "all pairs";
        case SearchMethod::MultiIndex:
            break;
    }
    std::string bits;
    std::string radii;
    for (const SubstringLayout& t : plan.tables) {
        bits += (bits.empty() ? "" : "/") + std::to_string(t.bits);
        radii += (radii.empty() ? "" : "/") + std::to_string(t.radius);
    }
    return "multi-index m=" + std::to_string(plan.substrings) + " (" + bits + " bits, radii " + radii + ")";
}

}  // namespace winnow::dup::detail
