// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_select: the C++ side of bench/select_bench.py (selection, k-means and k-NN graph benchmarks).
//
//   bench_select generate  --out FILE.npy [--n 100000] [--d 512] [--components 100] [--seed 20260401]
//                          [--threads T]
//   bench_select bandwidth [--mb 1024] [--threads T] [--repeat 5]
//   bench_select kcenter   --data FILE.npy --budget B [--rows R] [--out PICKS.npy]
//   bench_select kmeans    --data FILE.npy --k K [--iterations 20] [--seed 1234] [--init random|plusplus]
//                          [--threads T] [--out PREFIX]
//   bench_select knn       --data FILE.npy --k K [--exact 0|1] [--rows R] [--target 0.95] [--nlist-factor C]
//                          [--threads T] [--out PREFIX]
//
// Every subcommand prints one JSON line on stdout with the seconds it measured around the work itself
// (loading the data excluded). --rows R uses the first R rows. Outputs for the Python side's checks are
// .npy files: PICKS.npy (int64), PREFIX.assign.npy (int64), PREFIX.centroids.npy (float32),
// PREFIX.ids.npy (int64, n x k), PREFIX.dist.npy and PREFIX.typ.npy (float64).
// Exit status: 0, 1 when something failed, 2 on bad usage.
#include "measures.h"

int main(int argc, char** argv) {
    using namespace winnow::bench;
    return runSubcommand(argc, argv, "bench_select",
                         {{"generate", runGenerate}, {"bandwidth", runBandwidth}, {"kcenter", runKCenter},
                          {"kmeans", runKMeans}, {"knn", runKnn}});
}
