// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"

namespace winnow::widgets {

/// One subset a sample belongs to.
struct SampleSubset {
    std::string name;
    std::int64_t rank = 0;  ///< 0-based place in the selection order
    double score = 0;       ///< the selector's score of the sample
    std::int64_t size = 0;  ///< members of the subset
};

/// The subsets a sample belongs to, by name (an indexed lookup on subset_members.sample_id).
/// Throws winnow::Error on database errors. Thread affinity: the catalog's thread.
std::vector<SampleSubset> subsetsOfSample(const catalog::Catalog& catalog, std::int64_t sampleId);

/// "typicality 0.9312" lines (whole numbers without decimals), "" when none.
QString scoresText(const std::vector<std::pair<std::string, double>>& scores);
/// "typical-1k: #13 of 1,000, score 0.93" lines (rank shown 1-based), "" when none.
QString subsetsText(const std::vector<SampleSubset>& subsets);

/// A number as people read it: whole numbers without decimals, others with up to 4 significant digits.
QString scoreValueText(double value);

}  // namespace winnow::widgets
