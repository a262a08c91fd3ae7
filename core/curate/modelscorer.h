// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "common/progress.h"
#include "curate/methods.h"
#include "curate/scores.h"

namespace winnow::curate {

/// Knobs of the "model" score (`winnow-cli scores PROJECT --compute model --param model=FILE.pt`).
struct ModelScoreParams {
    /// The scorer: a TorchScript model (.pt, its sidecar FILE.json beside it) or its sidecar (.json) with
    /// kind "scorer".
    std::string model;
    /// "auto" (CUDA when the linked libtorch has it), "cpu" or "cuda".
    std::string device = "auto";
    /// Images per forward pass; 0 = the sidecar's batch_size.
    int batchSize = 0;
    /// Decode threads; 0 = all cores.
    int threads = 0;

    /// From score parameters: model (required), device (default auto), batch (default 0 = the sidecar's),
    /// threads (default 0 = all cores). Throws winnow::Error for a missing model or a bad value.
    static ModelScoreParams fromParams(MethodParams& params);
};

/// Runs a TorchScript scorer model (in the libtorch plugin) on the image of every imported (Ok) sample and
/// stores the model's value under "model:NAME" (NAME: the sidecar's name), replacing earlier values of
/// that name. Images are decoded on a pool of threads at the sidecar's decode_min_side while the previous
/// batch runs through the model (as embed runs do) and preprocessed exactly as the sidecar says. Samples
/// whose image cannot be read get no value (report.samples counts those that did). Nothing is stored
/// when canceled. Throws winnow::Error (no plugin, a model that is not a scorer, no image readable),
/// winnow::Canceled.
ScoreReport computeModelScores(catalog::Catalog& catalog, const ModelScoreParams& params,
                               Progress& progress = nullProgress());

/// The "model" kind of computeScores: fromParams, checks that every parameter was used, then runs.
ScoreReport computeModelScores(catalog::Catalog& catalog, MethodParams& params, Progress& progress = nullProgress());

}  // namespace winnow::curate
