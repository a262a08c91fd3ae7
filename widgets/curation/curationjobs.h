// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"
#include "curate/embedrun.h"
#include "curate/recipe.h"
#include "curate/scores.h"
#include "widgets/jobs/jobmanager.h"

namespace winnow::widgets {

class Project;

/// What a recipe's pool and filters leave, as far as it is cheap to tell before running it.
struct PoolPreview {
    std::int64_t pool = 0;  ///< samples in the pool (imported ones only)
    /// The filters that were counted, in order, with how many samples each kept.
    std::vector<std::pair<std::string, std::int64_t>> stages;
    std::int64_t remaining = 0;  ///< samples left after the counted filters
    std::string stoppedAt;       ///< the first filter not counted ("" when all were)
    bool embeddingsChecked = false;  ///< the recipe needs embeddings, and they were looked up
    bool embedderKnown = true;       ///< the recipe's embedder is registered in the project
    std::int64_t withoutVectors = 0;  ///< of the remaining samples, those with no vector under the embedder
};

/// Filters counted by the preview when the samples reaching them are at most this many (dedup-near).
constexpr std::int64_t kNearPreviewLimit = 100000;

/// Counts what a recipe's pool and filters leave: the filters that work on catalog data alone are run for
/// real (quality, metadata, score, dedup-exact; dedup-near up to kNearPreviewLimit samples); counting
/// stops at the first other one (outliers, or any filter this preview does not know), which the run
/// computes. When the recipe needs embeddings (its selector, or an outliers step), also counts the samples
/// left without a vector under its embedder. Opens its own read-only connection.
/// Throws winnow::Error in plain words (no such dataset, a bad filter parameter), winnow::Canceled.
/// Thread affinity: any (a job's worker).
PoolPreview previewRecipe(const std::string& projectPath, const curate::Recipe& recipe,
                          Progress& progress = nullProgress());

/// A selection run and where it was saved.
struct SelectionRun {
    curate::SelectionResult result;
    std::string name;           ///< the subset it was saved as
    std::int64_t subsetId = 0;
};

/// Runs a recipe on the project and saves the result as subset `name` (replacing one of that name when
/// `replace`) through its own read-write connection. Throws winnow::Error (bad recipe, missing
/// embeddings, name taken), winnow::Canceled (before anything is saved).
/// Thread affinity: any (a job's worker).
SelectionRun runSelection(const std::string& projectPath, const curate::Recipe& recipe, const std::string& name,
                          bool replace, Progress& progress = nullProgress());

/// "Saved "typical-1k": 1,000 samples · pool 1,204 → quality 1,180 → typicality 1,000 · 2.1 s".
QString selectionSummary(const SelectionRun& run);
/// "1,204 embedded, 3 failed, 10 already done · builtin, 128-d · 3.2 s".
QString embedSummary(const curate::EmbedReport& report);

/// Starts runSelection as a job on the Core pool (progress and Cancel in the jobs dock). When it ends,
/// the project is told that its subsets changed (on success) and `done` gets the outcome, on the GUI
/// thread unless `context` is gone. Returns the job's id.
/// Thread affinity: GUI thread.
JobId startSelection(JobManager* jobs, Project* project, const curate::Recipe& recipe, const QString& name,
                     bool replace, QObject* context, std::function<void(const JobOutcome<SelectionRun>&)> done);

/// Starts curate::embedProject as a job on the Core pool. When it ends (even canceled or failed: an embed
/// run keeps what it committed) the project is told that its embedders changed and `done` gets the
/// outcome. Returns the job's id.
/// Thread affinity: GUI thread.
JobId startEmbed(JobManager* jobs, Project* project, const curate::EmbedParams& params, QObject* context,
                 std::function<void(const JobOutcome<curate::EmbedReport>&)> done);

/// "Stored typicality:builtin:k20 for 60,000 samples · 3.7 s".
QString scoresSummary(const curate::ScoreReport& report);

/// Starts curate::computeScores (kind, embedder, key=value parameters) as a job on the Core pool with its
/// own read-write connection. When it ends with success the project is told that its scores changed, and
/// `done` gets the outcome. Returns the job's id.
/// Thread affinity: GUI thread.
JobId startScores(JobManager* jobs, Project* project, const std::string& kind, const std::string& embedder,
                  const std::vector<std::string>& params, QObject* context,
                  std::function<void(const JobOutcome<curate::ScoreReport>&)> done);

}  // namespace winnow::widgets
