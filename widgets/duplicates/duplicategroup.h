// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "dup/neardup.h"

namespace winnow::widgets {

/// A set of samples that duplicate each other.
struct DuplicateGroup {
    std::vector<std::int64_t> sampleIds;  ///< ascending
    int maxDistance = 0;                  ///< largest pHash distance of a pair in the group (0: exact)
};

/// The result of a near-duplicate search.
struct NearGroups {
    std::vector<DuplicateGroup> groups;  ///< components of two or more, ordered by their smallest id
    std::size_t samples = 0;             ///< hashes searched
    std::size_t pairs = 0;               ///< pairs within the distance
    std::size_t largest = 0;             ///< members of the largest component
    bool large = false;                  ///< some component exceeds NearParams::largeComponent
};

/// Exact-duplicate groups (same SHA-512) of the project, through a connection of its own.
/// Thread affinity: a worker thread (a job). Throws winnow::Error.
std::vector<DuplicateGroup> findExactGroups(const std::string& projectPath);

/// Near-duplicate groups: connected components of dup::nearPairs over the pHashes of the project.
/// Thread affinity: a worker thread (a job); polls `progress`. Throws winnow::Error, winnow::Canceled.
NearGroups findNearGroups(const std::string& projectPath, const dup::NearParams& params, Progress& progress);

}  // namespace winnow::widgets
