// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"

namespace winnow::curate {

/// Knobs of `winnow-cli embed`.
struct EmbedParams {
    /// "builtin", the name of an embedder the project already has, or a TorchScript model file (.pt, with
    /// its sidecar .json beside it) or a sidecar .json naming its model.
    std::string embedder = "builtin";
    /// "auto" (CUDA when the linked libtorch has it), "cpu" or "cuda"; ignored by the built-in embedder.
    std::string device = "auto";
    /// Only this dataset (default: every dataset of the project).
    std::optional<std::int64_t> datasetId;
    /// Decode threads; 0 = all cores.
    int threads = 0;
    /// Images per embedder call; 0 = the embedder's preference.
    int batchSize = 0;
    /// Rows per committed transaction (at least one batch).
    int commitRows = 4096;
    int maxReportedErrors = 100;
};

struct EmbedError {
    std::int64_t sampleId = 0;
    std::string message;
};

/// What an embed run did.
struct EmbedReport {
    std::string embedder;  ///< the registered name
    int dim = 0;
    bool normalized = false;
    bool registered = false;     ///< the embedder was new to the project in this run
    bool fitted = false;         ///< it was fitted on the project's images in this run
    std::int64_t fitImages = 0;  ///< images the fit used
    std::int64_t embedded = 0;   ///< vectors written in this run
    std::int64_t skipped = 0;    ///< samples that already had a vector
    std::int64_t failed = 0;     ///< samples whose image could not be read or embedded
    std::vector<EmbedError> errors;
    std::string device;
    bool canceled = false;
    double seconds = 0;
    double imagesPerSecond = 0;
};

/// Embeds every imported (Ok) sample of the project, or of one dataset, that has no vector yet under the
/// embedder; registers the embedder in the project on first use. An embedder that learns from the data
/// (the built-in one) is fitted once per project, on a spread sample of all its images, and its state is
/// saved in PROJECT.winnow.d/embedders/ so that later datasets land in the same space.
/// Images are decoded on a pool of threads (at the embedder's preferred size) while the previous batch is
/// embedded; vectors are committed every commitRows rows, so a killed or canceled run keeps what it
/// committed and the next run completes it. Per-image failures are counted and listed; the run goes on.
/// Synchronous; polls progress on the calling thread. Throws winnow::Error for fatal problems (no
/// project, an unknown embedder, a model whose identity differs from the registered one).
EmbedReport embedProject(const std::string& projectPath, const EmbedParams& params = {},
                         Progress& progress = nullProgress());

}  // namespace winnow::curate
