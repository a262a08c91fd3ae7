// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dup/neardup.h"

#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "common/error.h"
#include "dup/groups.h"
#include "dup/pairsink.h"
#include "dup/plan.h"
#include "dup/search.h"

namespace winnow::dup {

namespace {

constexpr std::string_view kStage = "near-duplicate search";

void checkArguments(std::size_t n, int maxDistance) {
    if (maxDistance < 0 || maxDistance > 64)
        throw std::invalid_argument("near-duplicate search: maxDistance must be in 0..64, not " +
                                    std::to_string(maxDistance));
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw std::invalid_argument("near-duplicate search: more than 2^32 - 1 codes");
}

}  // namespace

std::vector<NearPair> nearPairs(const std::vector<std::uint64_t>& codes, const NearParams& params,
                                Progress& progress) {
    checkArguments(codes.size(), params.maxDistance);
    if (params.substrings < 0 || params.substrings == 2 || params.substrings > 64)
        throw std::invalid_argument("near-duplicate search: substrings must be 0, 1 or 3..64");
    if (progress.isCanceled()) throw Canceled();
    const unsigned threads = detail::resolveThreads(params.threads);

    // The search runs over distinct codes: identical codes (frequent in real datasets) would otherwise
    // crowd the buckets and multiply the candidates; their pairs are expanded at the end.
    const detail::CodeGroups groups = detail::groupIdenticalCodes(codes);
    if (progress.isCanceled()) throw Canceled();
    const detail::SearchPlan plan = detail::planSearch(groups.codes, params.maxDistance, params.substrings);

    std::int64_t searchUnits = 0;
    if (plan.method == detail::SearchMethod::AllPairs)
        searchUnits = detail::allPairsUnits(groups.codes.size());
    else if (plan.method == detail::SearchMethod::MultiIndex)
        searchUnits = detail::multiIndexUnits(groups.codes.size(), plan);
    detail::PairSink sink(groups, threads);
    detail::ProgressSpan span{&progress, kStage, 0, searchUnits + sink.finishUnits()};

    if (plan.method == detail::SearchMethod::AllPairs)
        detail::searchAllPairs(groups.codes.data(), groups.codes.size(), params.maxDistance, threads, span,
                               &sink);
    else if (plan.method == detail::SearchMethod::MultiIndex)
        detail::searchMultiIndex(groups.codes, params.maxDistance, plan, threads, span, sink);
    span.base = searchUnits;
    std::vector<NearPair> pairs = sink.finish(threads, span);
    progress.report(span.total, span.total, kStage);
    return pairs;
}

std::vector<NearPair> nearPairsBruteForce(const std::vector<std::uint64_t>& codes, int maxDistance) {
    checkArguments(codes.size(), maxDistance);
    return detail::searchAllPairs(codes.data(), codes.size(), maxDistance, detail::resolveThreads(0),
                                  detail::ProgressSpan{&nullProgress(), kStage, 0, -1});
}

namespace {

/// Union-find over n items with path halving and union by size.
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : m_parent(n), m_size(n, 1) {
        std::iota(m_parent.begin(), m_parent.end(), 0u);
    }

    std::uint32_t find(std::uint32_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }

    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (m_size[a] < m_size[b]) std::swap(a, b);
        m_parent[b] = a;
        m_size[a] += m_size[b];
    }

private:
    std::vector<std::uint32_t> m_parent;
    std::vector<std::uint32_t> m_size;
};

}  // namespace

std::vector<std::uint32_t> components(std::size_t n, const std::vector<NearPair>& pairs) {
    checkArguments(n, 0);
    DisjointSets sets(n);
    for (const NearPair& p : pairs) {
        if (p.i >= n || p.j >= n) throw std::invalid_argument("components: pair index out of range");
        sets.unite(p.i, p.j);
    }
    // Visiting items in increasing order meets each component first at its smallest member.
    constexpr std::uint32_t kUnset = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> idOfRoot(n, kUnset);
    std::vector<std::uint32_t> ids(n);
    std::uint32_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t root = sets.find(static_cast<std::uint32_t>(i));
        if (idOfRoot[root] == kUnset) idOfRoot[root] = next++;
        ids[i] = idOfRoot[root];
    }
    return ids;
}

}  // namespace winnow::dup
