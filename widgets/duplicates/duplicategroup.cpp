// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/duplicates/duplicategroup.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "common/error.h"

namespace winnow::widgets {

std::vector<DuplicateGroup> findExactGroups(const std::string& projectPath) {
    auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadOnly);
    std::vector<DuplicateGroup> groups;
    for (auto& g : catalog.exactDuplicateGroups()) groups.push_back({std::move(g.sampleIds), 0});
    return groups;
}

NearGroups findNearGroups(const std::string& projectPath, const dup::NearParams& params, Progress& progress) {
    NearGroups out;
    std::vector<std::int64_t> ids;
    std::vector<std::uint64_t> hashes;
    progress.report(0, -1, "Reading perceptual hashes");
    {
        auto catalog = catalog::Catalog::open(projectPath, catalog::Catalog::Mode::ReadOnly);
        catalog.phashes(ids, hashes);
    }
    if (progress.isCanceled()) throw Canceled();
    out.samples = ids.size();
    const std::vector<dup::NearPair> pairs = dup::nearPairs(hashes, params, progress);
    out.pairs = pairs.size();
    progress.report(0, -1, "Grouping");
    const std::vector<std::uint32_t> component = dup::components(ids.size(), pairs);
    // Components are numbered in order of their smallest member, and ids ascend with the index.
    std::uint32_t count = 0;
    for (std::uint32_t c : component) count = std::max(count, c + 1);
    std::vector<std::vector<std::int64_t>> members(count);
    for (std::size_t i = 0; i < component.size(); ++i) members[component[i]].push_back(ids[i]);
    std::vector<int> distance(count, 0);
    for (const dup::NearPair& p : pairs) {
        int& d = distance[component[p.i]];
        d = std::max(d, p.distance);
    }
    for (std::uint32_t c = 0; c < count; ++c) {
        if (members[c].size() < 2) continue;
        out.largest = std::max(out.largest, members[c].size());
        out.groups.push_back({std::move(members[c]), distance[c]});
    }
    out.large = out.largest > params.largeComponent;
    return out;
}

}  // namespace winnow::widgets
