#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""SemDeDup benchmark: winnow's semDedup (bench_semdedup, core/select) against a numpy implementation on
the same input, in the same run.

    /usr/bin/python3 bench/semdedup_bench.py --build BUILD_DIR [--n 100000] [--d 512] [--clusters 1000]

bench_semdedup generates n x d L2-normalised rows of a seeded Gaussian mixture (2,000 components, 10 % of
the rows planted near-duplicates of earlier rows), clusters them with a quick spherical Lloyd k-means (1,000
clusters from k random rows, 3 assignment rounds; not timed) and times semDedup (eps 0.05, keep hard); it
writes the rows, centroids and assignment, which the numpy contender reads. The numpy contender follows
ALGORITHMS.md 2.1 like the reference code: per cluster, order by cosine distance to the normalised centroid
(descending, stable), S = E E^T, M = max of the strict upper triangle per column, remove M > 1 - eps; once
with float32 matrices (as the reference's torch code) and once in float64 (the precision winnow computes
in). Ratios > 1 mean winnow is faster. Not part of `make test` or `make bench`.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Table, load_average, log, machine_line, timed, verdict  # noqa: E402


def numpy_semdedup(x, assign, cent, eps, dtype):
    """Kept rows (sorted) of SemDeDup keeping hard examples; x, cent already loaded."""
    xs = x.astype(dtype, copy=False)
    cn = cent.astype(np.float64)
    cn /= np.maximum(np.linalg.norm(cn, axis=1, keepdims=True), 1e-300)
    dist = 1.0 - np.einsum("ij,ij->i", x.astype(np.float64), cn[assign])
    order = np.argsort(assign, kind="stable")
    bounds = np.searchsorted(assign[order], np.arange(len(cent) + 1))
    best = np.full(len(x), -np.inf)
    for c in range(len(cent)):
        members = order[bounds[c]:bounds[c + 1]]
        if len(members) < 2:
            continue
        o = members[np.argsort(-dist[members], kind="stable")]
        e = xs[o]
        s = np.triu(e @ e.T, 1)
        s[np.tril_indices(len(o))] = -np.inf
        best[o[1:]] = s.max(axis=0)[1:]
    return np.flatnonzero(~(best > 1.0 - eps))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="build folder holding bench/semdedup/bench_semdedup")
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--d", type=int, default=512)
    ap.add_argument("--clusters", type=int, default=1000)
    ap.add_argument("--eps", type=float, default=0.05)
    ap.add_argument("--repeats", type=int, default=3, help="interleaved rounds; the fastest of each is kept")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    if os.path.exists(os.path.join(build, "CMakeCache.txt")):
        subprocess.run(["cmake", "--build", build, "--target", "bench_semdedup"], check=True,
                       stdout=subprocess.DEVNULL)
    exe = os.path.join(build, "bench/semdedup/bench_semdedup")
    common = ["--n", str(args.n), "--d", str(args.d), "--clusters", str(args.clusters), "--eps", str(args.eps)]
    table = Table()
    with tempfile.TemporaryDirectory(prefix="semdedup-bench-") as tmp:
        log(f"bench_semdedup: generating {args.n} x {args.d}, Lloyd k-means with {args.clusters} clusters")
        first = json.loads(timed([exe, *common, "--write", tmp], timeout=3600).out)
        x = np.load(os.path.join(tmp, "x.npy"))
        cent = np.load(os.path.join(tmp, "centroids.npy"))
        assign = np.load(os.path.join(tmp, "assignment.npy"))[:, 0].astype(np.int64)
        ours_kept = np.loadtxt(os.path.join(tmp, "kept.txt"), dtype=np.int64)
        ours, np32, np64 = [first["semdedup_seconds"]], [], []
        ours_cpu = [first["semdedup_cpu_seconds"]]
        kept32 = kept64 = None
        for r in range(args.repeats):
            log(f"round {r + 1}/{args.repeats}")
            if r > 0:
                doc = json.loads(timed([exe, *common], timeout=3600).out)
                ours.append(doc["semdedup_seconds"])
                ours_cpu.append(doc["semdedup_cpu_seconds"])
            for dtype, times in ((np.float32, np32), (np.float64, np64)):
                start = time.perf_counter()
                kept = numpy_semdedup(x, assign, cent, args.eps, dtype)
                times.append(time.perf_counter() - start)
                if dtype is np.float32:
                    kept32 = kept
                else:
                    kept64 = kept
    best_ours, best32, best64 = min(ours), min(np32), min(np64)
    label = f"SemDeDup {args.n:,} x {args.d}, {args.clusters} clusters, eps {args.eps}"
    table.add(label, f"{best_ours:.2f} s", f"{best32:.2f} s (numpy float32)", best32 / best_ours)
    table.add(label, f"{best_ours:.2f} s", f"{best64:.2f} s (numpy float64)", best64 / best_ours)
    table.add(label + ", absolute", f"{best_ours:.2f} s", "—", None, "< 60 s", verdict(best_ours < 60))
    same64 = np.array_equal(np.sort(ours_kept), kept64)
    diff32 = len(np.setxor1d(ours_kept, kept32))
    table.note(machine_line(first["threads"]))
    table.note(f"input: largest cluster {first['largest_cluster']} rows, {first['pairs']:.3g} within-cluster pairs; "
               f"k-means (spherical Lloyd, {first['lloyd_rounds']} rounds, not timed) {first['kmeans_seconds']:.1f} s")
    table.note(f"kept: winnow {len(ours_kept)}, numpy float64 {len(kept64)} ({'identical' if same64 else 'DIFFERENT'}"
               f" sets), numpy float32 {len(kept32)} ({diff32} rows differ)")
    table.note(f"winnow CPU time (both threads) {min(ours_cpu):.2f} s; load average at the end {load_average():.1f}")
    table.note(f"times (s): winnow {', '.join(f'{t:.2f}' for t in ours)}; numpy float32 "
               f"{', '.join(f'{t:.2f}' for t in np32)}; numpy float64 {', '.join(f'{t:.2f}' for t in np64)}")
    print(table.text())
    return 0 if same64 else 1


if __name__ == "__main__":
    sys.exit(main())
