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
#include <cstring>
#include <iostream>

#include "subcommands.h"

int main(int argc, char** argv) {
    using namespace winnow::bench;
    const char* usage =
        "usage: bench_ingest generate|hash|decode|analyze|idx [--option value ...] (see main.cpp)\n";
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0) {
        std::cerr << usage;
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    try {
        const Options options(argc, argv, 2);
        if (command == "generate") return runGenerate(options);
        if (command == "hash") return runHash(options);
        if (command == "decode") return runDecode(options);
        if (command == "analyze") return runAnalyze(options);
        if (command == "idx") return runIdx(options);
        throw UsageError("unknown subcommand " + command);
    } catch (const UsageError& e) {
        std::cerr << "bench_ingest: " << e.what() << "\n" << usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "bench_ingest " << command << ": " << e.what() << "\n";
        return 1;
    }
}
