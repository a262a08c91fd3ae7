// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "imageio/analyze.h"
#include "sources/source.h"

namespace winnow::ingest {

/// Knobs of one import.
struct IngestParams {
    /// Dataset to import into (created when absent); "" = the source's file or folder name.
    std::string dataset;
    /// Source format; Auto detects it from the path.
    sources::Format format = sources::Format::Auto;
    /// Split given to samples whose source names none ("" = none).
    std::string split;
    /// Decode threads; 0 = all cores.
    int threads = 0;
    /// Samples per committed transaction.
    int batchSize = 256;
    /// Per-image analysis (pixel limit, thumbnail size, ...).
    imageio::AnalyzeParams analyze;
    /// Names for numeric labels: a sample whose label is the integer i (0-based) gets labelNames[i]
    /// (IDX and .cls sources store class indices). Empty: labels are kept as they are.
    std::vector<std::string> labelNames;
    /// At most this many per-file errors are kept in the report (all are stored in the catalog).
    int maxReportedErrors = 100;
};

/// One sample that could not be imported.
struct IngestError {
    std::string uri;
    std::string member;
    std::string message;
};

/// What an import did.
struct IngestReport {
    std::int64_t datasetId = 0;
    std::string dataset;
    std::string format;          ///< the source format used
    std::int64_t seen = 0;       ///< items the source yielded
    std::int64_t skipped = 0;    ///< already in the catalog (imported before)
    std::int64_t imported = 0;   ///< new samples stored with status Ok
    std::int64_t failed = 0;     ///< new samples stored with status Failed
    std::vector<IngestError> errors;  ///< the first maxReportedErrors failures
    std::vector<std::string> warnings;
    bool canceled = false;
    double seconds = 0;
};

/// Imports a source into a project: reads items in source order, analyses them on a pool of decode
/// threads (hash, header, reduced decode, pHash/dHash, quality stats, thumbnail) and commits them in
/// source order through the project's single catalog::Writer in batched transactions, so a killed import
/// leaves a consistent prefix and importing again completes it to exactly the uninterrupted result.
/// Items already in the dataset are skipped before any decoding. Raw IDX pixels are stored in
/// PROJECT.winnow.d/pixels/. Synchronous; polls progress (on the calling thread) and returns with
/// canceled = true after committing what was analysed. Throws winnow::Error on fatal problems (no
/// project, unreadable source, malformed manifest).
IngestReport ingest(const std::string& projectPath, const std::string& sourcePath,
                    const IngestParams& params = {}, Progress& progress = nullProgress());

}  // namespace winnow::ingest
