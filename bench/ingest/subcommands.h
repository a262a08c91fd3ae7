// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common.h"

namespace winnow::bench {

/// Each subcommand prints one JSON line on stdout and returns the exit status.
int runGenerate(const Options& o);  ///< the photo-like JPEG folder with planted duplicates
int runHash(const Options& o);      ///< read + SHA-512 of every file (Winnow's reader and hash)
int runDecode(const Options& o);    ///< read + cv::imdecode, full or DCT-reduced
int runAnalyze(const Options& o);   ///< read + imageio::analyzeEncoded (ingest's per-image work)
int runIdx(const Options& o);       ///< read + gunzip + SHA-512 of every IDX record (+ analyzeRaw)

}  // namespace winnow::bench
