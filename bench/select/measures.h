// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../benchargs.h"  // Options, UsageError, runSubcommand

namespace winnow::bench {

int runGenerate(const Options& o);
int runBandwidth(const Options& o);
int runKCenter(const Options& o);
int runKMeans(const Options& o);
int runKnn(const Options& o);

}  // namespace winnow::bench
