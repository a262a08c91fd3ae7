// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/progress.h"
#include "curate/methods.h"

namespace winnow::curate {

/// What a score computation stored.
struct ScoreReport {
    std::vector<std::string> names;  ///< the score names written (see scoreKinds())
    std::int64_t samples = 0;        ///< samples that received a value
    double seconds = 0;
};

/// The per-sample scores Winnow computes and stores for the inspector, the grid's sort and recipe
/// `score` filters, with a plain-words summary each.
const std::vector<std::pair<std::string, std::string>>& scoreKinds();

/// Computes one kind of score for every sample with a vector (or every imported sample for catalog-only
/// kinds) and stores it under a name that says what it is, e.g. "typicality:builtin:k20",
/// "outlier:builtin:k20", "exact-group-size". Replaces earlier values of the same name. Throws winnow::Error
/// for an unknown kind or parameter, winnow::Canceled.
ScoreReport computeScores(catalog::Catalog& catalog, const std::string& kind, const std::string& embedder,
                          MethodParams& params, Progress& progress = nullProgress());

}  // namespace winnow::curate
