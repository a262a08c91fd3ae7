// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_ingest: the data generator and the same-machine baselines of the ingest benchmarks (bench/run.sh).
//
//   bench_ingest generate --out DIR [--n 10000] [--width 640] [--height 480] [--quality 90] [--noise 3] [--detail 17]
//                         [--seed S] [--exact-fraction 0.01] [--near-fraction 0.01] [--threads 2]
//   bench_ingest hash     --dir DIR [--threads T] [--output FILE] [--in-memory 1]
//   bench_ingest decode   --dir DIR [--threads T] [--reduction 1|2|4|8]
//   bench_ingest analyze  --dir DIR [--threads T]
//   bench_ingest idx      --dir DIR [--threads T] [--analyze 1]
//
// Each prints one JSON line on stdout. Exit status: 0, 1 when something failed, 2 on bad usage.
#include "subcommands.h"

int main(int argc, char** argv) {
    using namespace winnow::bench;
    return runSubcommand(argc, argv, "bench_ingest",
                         {{"generate", runGenerate}, {"hash", runHash}, {"decode", runDecode}, {"analyze", runAnalyze},
                          {"idx", runIdx}});
}
