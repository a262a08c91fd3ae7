// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/progress.h"

namespace winnow::widgets {

/// Members of one group (a label, a cluster) in each of two subsets.
struct GroupCount {
    QString key;  ///< the label ("(no label)" for none) or the cluster number ("(none)" without a value)
    std::int64_t a = 0;
    std::int64_t b = 0;
};

/// Counts by one grouping of the samples.
struct Grouping {
    QString title;  ///< "Label", or the score name ("cluster:builtin:k16")
    std::vector<GroupCount> rows;  ///< numbers in numeric order, text in locale order, the "none" group last
};

/// How two subsets overlap.
struct SubsetComparison {
    QString a, b;  ///< the subsets' names
    std::int64_t sizeA = 0, sizeB = 0;
    std::int64_t both = 0;   ///< |A ∩ B|
    std::int64_t onlyA = 0;  ///< |A \ B|
    std::int64_t onlyB = 0;  ///< |B \ A|
    double jaccard = 0;      ///< |A ∩ B| / |A ∪ B| (0 when both are empty)
    /// "Label" first, then one per stored score named "cluster:*" that has values for members of both.
    std::vector<Grouping> groupings;
};

/// The prefix of score names that hold a cluster number per sample.
inline constexpr const char* kClusterScorePrefix = "cluster:";

/// Compares two saved subsets: overlap counts, Jaccard index and per-label (and per-cluster) counts.
/// O(|A| + |B|) reads plus one grouped query per subset. Throws winnow::Error when a subset does not exist,
/// winnow::Canceled. Thread affinity: the catalog's thread (run it in a job with its own connection).
SubsetComparison compareSubsets(const catalog::Catalog& catalog, const std::string& a, const std::string& b,
                                Progress& progress = nullProgress());

}  // namespace winnow::widgets
