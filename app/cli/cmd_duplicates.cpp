// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>

#include "commands.h"
#include "signalprogress.h"
#include "dup/neardup.h"
#include "samplejson.h"

namespace winnow::cli {

namespace {
nlohmann::json memberList(const catalog::Catalog& cat, const std::vector<std::int64_t>& ids) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : cat.samplesByIds(ids)) list.push_back({{"id", s.id}, {"uri", s.uri}, {"member", s.member}});
    return list;
}

int exact(const catalog::Catalog& cat, std::optional<std::int64_t> dataset, bool json) {
    const auto groups = cat.exactDuplicateGroups(dataset);
    std::int64_t samples = 0;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& g : groups) {
        samples += static_cast<std::int64_t>(g.sampleIds.size());
        if (json) list.push_back({{"sha512", g.sha512}, {"samples", memberList(cat, g.sampleIds)}});
    }
    if (json) {
        printJson({{"mode", "exact"}, {"group_count", groups.size()}, {"sample_count", samples}, {"groups", list}});
        return kOk;
    }
    std::cout << groups.size() << " groups of identical files (" << samples << " samples)\n";
    for (const auto& g : groups) {
        std::cout << g.sha512.substr(0, 16) << ':';
        for (auto id : g.sampleIds) std::cout << ' ' << id;
        std::cout << '\n';
    }
    return kOk;
}

int near(const catalog::Catalog& cat, std::optional<std::int64_t> dataset, const Args& args) {
    dup::NearParams params;
    params.maxDistance = static_cast<int>(args.integer("max-distance", 10, 0, 64));
    params.threads = static_cast<int>(args.integer("threads", 0, 0, 1024));
    std::vector<std::int64_t> ids;
    std::vector<std::uint64_t> hashes;
    cat.phashes(ids, hashes, dataset);
    const auto start = std::chrono::steady_clock::now();
    SignalProgress progress;
    const auto pairs = dup::nearPairs(hashes, params, progress);
    const auto comp = dup::components(hashes.size(), pairs);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::map<std::uint32_t, std::vector<std::int64_t>> groups;  // component -> sample ids, ascending
    for (const auto& p : pairs) {
        groups[comp[p.i]];  // only components with pairs
    }
    for (std::size_t k = 0; k < comp.size(); ++k) {
        auto it = groups.find(comp[k]);
        if (it != groups.end()) it->second.push_back(ids[k]);
    }
    std::vector<std::string> warnings;
    for (const auto& [c, members] : groups) {
        if (members.size() > params.largeComponent) {
            warnings.push_back("a group of " + std::to_string(members.size()) + " samples (sample " +
                               std::to_string(members.front()) +
                               ", ...) is larger than " + std::to_string(params.largeComponent) +
                               ": near pairs chain together; try a smaller --max-distance");
        }
    }
    if (args.json()) {
        nlohmann::json pairList = nlohmann::json::array();
        for (const auto& p : pairs) pairList.push_back({{"a", ids[p.i]}, {"b", ids[p.j]}, {"distance", p.distance}});
        nlohmann::json groupList = nlohmann::json::array();
        for (const auto& [c, members] : groups) groupList.push_back({{"samples", members}});
        printJson({{"mode", "near"},
                   {"max_distance", params.maxDistance},
                   {"hashes", hashes.size()},
                   {"pair_count", pairs.size()},
                   {"group_count", groups.size()},
                   {"pairs", pairList},
                   {"groups", groupList},
                   {"warnings", warnings},
                   {"seconds", seconds}});
        return kOk;
    }
    std::cout << pairs.size() << " near pairs (pHash distance <= " << params.maxDistance << ") in " << groups.size()
              << " groups, over " << hashes.size() << " samples, in " << seconds << " s\n";
    for (const auto& [c, members] : groups) {
        // Text output stays readable for huge groups; --json lists every member.
        std::cout << "group of " << members.size() << ":";
        const std::size_t shown = std::min<std::size_t>(members.size(), 20);
        for (std::size_t k = 0; k < shown; ++k) std::cout << ' ' << members[k];
        if (shown < members.size()) std::cout << " ...";
        std::cout << '\n';
    }
    for (const auto& w : warnings) std::cerr << "warning: " << w << '\n';
    return kOk;
}
}  // namespace

int runDuplicates(const Args& args) {
    if (args.has("exact") == args.has("near")) throw UsageError{"give exactly one of --exact and --near"};
    catalog::Catalog cat = catalog::Catalog::open(args.positionals()[0], catalog::Catalog::Mode::ReadOnly);
    std::optional<std::int64_t> dataset;
    if (auto d = args.value("dataset")) dataset = datasetId(cat, *d);
    return args.has("exact") ? exact(cat, dataset, args.json()) : near(cat, dataset, args);
}

}  // namespace winnow::cli
