# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ingest and duplicate benchmarks of `make bench` (started by bench/run.sh BUILD_DIR).

Every figure is a ratio against a baseline measured on this machine in this run; nothing gates on an
absolute time except the two search targets of measure 4, which the brief states in seconds."""

import argparse
import glob
import os
import shutil
import sys
import time

import dup_steps
import dupcheck
import ingest_steps
from benchlib import CommandFailed, PageCache, Table, best_of, last_json, load_average, log, machine_line, timed


class Context:
    def __init__(self, args):
        self.build = os.path.abspath(args.build)
        self.cli = os.path.join(self.build, "app/cli/winnow-cli")
        self.bench_ingest = os.path.join(self.build, "bench/ingest/bench_ingest")
        self.bench_neardup = os.path.join(self.build, "bench/neardup/bench_neardup")
        self.data = os.path.abspath(args.data or os.path.join(self.build, "bench-data"))
        self.work = os.path.join(self.data, "work")
        self.jpeg_dir = os.path.join(self.data, f"jpeg{args.width}")
        self.fashion = args.fashion
        self.threads = args.threads or os.cpu_count()
        self.width, self.height = args.width, args.height
        self.table = Table()
        self.cache = None
        self.files = []
        self.truth = None
        self.jpeg_project = None
        self.fashion_project = None
        self.ingest_seconds = float("nan")
        self.neardup_output = []
        self.cli_start = float("nan")


def generate(ctx, count):
    log(f"generating {count} photo-like JPEGs in {ctx.jpeg_dir} (reused when already there)")
    _, out, _ = timed([ctx.bench_ingest, "generate", "--out", ctx.jpeg_dir, "--n", str(count), "--width",
                    str(ctx.width), "--height", str(ctx.height), "--quality", "90", "--threads", str(ctx.threads)],
                   timeout=3600)
    doc = last_json(out)
    ctx.files = sorted(glob.glob(os.path.join(ctx.jpeg_dir, "*.jpg")))
    ctx.truth = dupcheck.read_truth(os.path.join(ctx.jpeg_dir, "truth.tsv"))
    mean_kb = sum(os.path.getsize(f) for f in ctx.files) / 1000 / len(ctx.files)
    ctx.table.note(f"data: {len(ctx.files)} JPEGs {ctx.width}x{ctx.height} q90, mean {mean_kb:.0f} KB, "
                   f"{len(ctx.truth['exact'])} byte copies + {len(ctx.truth['near'])} re-encoded copies "
                   f"(q60/75/95) planted; " + ("reused from an earlier run" if doc.get("reused")
                                                else f"generated in {doc['seconds']:.0f} s"))


def step(ctx, name, fn, *args):
    """Runs one measure; a failure becomes an error row and the run goes on."""
    try:
        fn(ctx, *args)
    except (CommandFailed, OSError, KeyError, ValueError) as e:
        log(f"{name} failed: {e}")
        ctx.table.error(name, str(e).splitlines()[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default="build")
    parser.add_argument("--data", help="cache of generated data (default BUILD/bench-data)")
    parser.add_argument("--threads", type=int, default=0, help="threads for every contender (default: all cores)")
    parser.add_argument("--count", type=int, default=10000, help="generated JPEGs")
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=480)
    parser.add_argument("--subset", type=int, default=1000, help="files given to findimagedupes")
    parser.add_argument("--random-codes", type=int, default=1000000)
    parser.add_argument("--fashion", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    ctx = Context(args)
    start = time.perf_counter()
    shutil.rmtree(ctx.work, ignore_errors=True)
    os.makedirs(ctx.work)
    generate(ctx, args.count)
    ctx.cache = PageCache()
    ctx.cli_start = best_of(3, lambda: timed([ctx.cli, "--version"])).seconds
    load_start = load_average()
    log("page cache: " + ("can be dropped" if ctx.cache.can_drop else "cannot be dropped; warming instead"))

    step(ctx, "1a hash stage", ingest_steps.hash_stage)
    step(ctx, "1b folder ingest", ingest_steps.folder_ingest)
    if os.path.isdir(ctx.fashion):
        step(ctx, "2 IDX ingest", ingest_steps.idx_ingest)
    else:
        ctx.table.note(f"2 and 4 (Fashion-MNIST): {ctx.fashion} is missing (Debian dataset-fashion-mnist)")
    if ctx.jpeg_project:
        step(ctx, "3 exact duplicates", dup_steps.exact_duplicates)
        step(ctx, "3 near duplicates", dup_steps.near_duplicates, args.subset)
    if ctx.fashion_project:
        step(ctx, "4 near search", dup_steps.neardup_search, args.random_codes)

    minutes = (time.perf_counter() - start) / 60
    ctx.table.note("ratio: > 1 means Winnow is faster (rates: ours / baseline; times: baseline / ours)")
    ctx.table.note(f"load average (1 min) {load_start:.1f} at the start, {load_average():.1f} at the end: the "
                   f"machine is shared, so absolute figures vary; ratios come from the same run")
    header = f"Winnow ingest + duplicate benchmarks: {machine_line(ctx.threads)}; {minutes:.1f} min"
    report = f"{header}\n\n{ctx.table.text()}\n"
    print("\n" + report)
    results = os.path.join(ctx.data, "results.md")
    with open(results, "w") as f:
        f.write(f"# {header}\n\n{ctx.table.markdown()}\n## bench_neardup output\n\n```\n"
                + "\n".join(ctx.neardup_output) + "```\n")
    log(f"results written to {results}")
    return 1 if any(r[-1] == "ERROR" for r in ctx.table.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
