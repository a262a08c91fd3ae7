# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Measures 3 (exact and near duplicates vs jdupes/fdupes/findimagedupes) and 4 (bench_neardup)."""

import os
import re
import shutil

import dupcheck
from benchlib import CommandFailed, best_of, last_json, log, timed, verdict


def exact_duplicates(ctx):
    """3 exact: winnow-cli duplicates --exact (hashes from the project) vs jdupes -r and fdupes -r."""
    log("3: exact duplicates")
    ctx.cache.warm(ctx.files)
    cmd = [ctx.cli, "duplicates", ctx.jpeg_project, "--exact", "--json"]
    ours_s, out, _ = best_of(3, lambda: timed(cmd))
    ours = dupcheck.winnow_exact_groups(last_json(out))
    planted = ctx.truth["exact"]
    for tool in ("jdupes", "fdupes"):
        if not shutil.which(tool):
            ctx.table.note(f"3: {tool} is not installed (apt-get install {tool}); its row is left out")
            continue
        base_s, base_out, _ = best_of(3, lambda: timed([tool, "-r", "-q", ctx.jpeg_dir]))
        theirs = dupcheck.text_groups(base_out, blank_separated=True)
        same = ours == theirs == planted
        ctx.table.add(f"3 exact duplicates, {len(ctx.files)} files", f"{ours_s:.2f} s, {len(ours)} groups",
                      f"{base_s:.2f} s, {len(theirs)} groups ({tool} -r)", base_s / ours_s,
                      "same groups", verdict(same))
    ctx.table.note(f"3 exact: wall times, best of 3, warm cache; {len(planted)} byte-identical copies were planted. "
                   f"winnow-cli's process start alone takes {ctx.cli_start:.2f} s (`winnow-cli --version`). Winnow "
                   f"reads the SHA-512s stored at ingest (ingest itself: {ctx.ingest_seconds:.1f} s, row 1b); "
                   f"jdupes/fdupes compare sizes first and hash only files of equal size.")


def _near_pairs(ctx, project):
    cmd = [ctx.cli, "duplicates", project, "--near", "--max-distance", "10", "--threads", str(ctx.threads),
           "--json"]
    seconds, out, _ = best_of(3, lambda: timed(cmd))
    doc = last_json(out)
    return seconds, dupcheck.winnow_near_pairs(doc, dupcheck.sample_names(project)), doc["seconds"]


def _make_subset(ctx, size):
    """A folder of hard links: every planted near pair, filled up with files in no planted pair."""
    subset = os.path.join(ctx.work, f"subset{size}")
    os.makedirs(subset)
    planted = {name for pair in ctx.truth["near"] for name in pair}
    copied = {name for pair in ctx.truth["exact"] for name in pair}
    names = sorted(planted)
    names += [os.path.basename(f) for f in ctx.files
              if os.path.basename(f) not in planted | copied][:max(0, size - len(names))]
    for name in names:
        src, dst = os.path.join(ctx.jpeg_dir, name), os.path.join(subset, name)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
    return subset, {p for p in ctx.truth["near"] if p <= set(names)}


def _findimagedupes(ctx, subset):
    """Fingerprinting and comparison timed apart (fingerprint database on disk); returns (fp s, cmp s, pairs)."""
    db = os.path.join(ctx.work, "findimagedupes.db")
    fp_s, _, _ = timed(["findimagedupes", "-q", "-q", "-f", db, "-n", subset], timeout=1500)
    cmp_s, out, _ = timed(["findimagedupes", "-q", "-q", "-f", db, subset], timeout=1500)
    return fp_s, cmp_s, dupcheck.pairs_of(dupcheck.text_groups(out, blank_separated=False))


def near_duplicates(ctx, subset_size):
    """3 near: winnow-cli duplicates --near (r = 10) on all files and on a subset vs findimagedupes."""
    log("3: near duplicates on the whole folder")
    n = len(ctx.files)
    planted = ctx.truth["near"]
    ours_s, ours, search_s = _near_pairs(ctx, ctx.jpeg_project)
    found, total = dupcheck.recall(planted, ours)
    ctx.table.add(f"3 near duplicates r=10, {n} files", f"{ours_s:.2f} s, recall {found}/{total}", "—", None,
                  "—", "—")
    ctx.table.note(f"3 near ({n} files): wall time of `winnow-cli duplicates --near`, best of 3 (of which "
                   f"the search itself {search_s:.3f} s; the rest is process start and loading the hashes); "
                   f"{len(ours)} pairs, {found}/{total} planted re-encoded pairs "
                   f"found, {dupcheck.recall(ctx.truth['exact'], ours)[0]} of the {len(ctx.truth['exact'])} "
                   f"byte copies, {dupcheck.unplanted(ours, ctx.truth)} pairs that were not planted.")
    if not shutil.which("findimagedupes"):
        ctx.table.note("3: findimagedupes is not installed (apt-get install findimagedupes); rows left out")
        return
    subset, sub_planted = _make_subset(ctx, subset_size)
    m = len(os.listdir(subset))
    log(f"3: near duplicates on a {m}-file subset: Winnow (ingest + search) and findimagedupes")
    project = os.path.join(ctx.work, "subset.winnow")
    timed([ctx.cli, "create", project])
    ingest_s, _, _ = timed([ctx.cli, "ingest", project, subset, "--threads", str(ctx.threads), "--json", "--quiet"])
    search_s, sub_ours, _ = _near_pairs(ctx, project)
    fp_s, cmp_s, theirs = _findimagedupes(ctx, subset)
    ours_found, k = dupcheck.recall(sub_planted, sub_ours)
    their_found, _ = dupcheck.recall(sub_planted, theirs)
    ctx.table.add(f"3 near dups {m}-file subset, end to end", f"{ingest_s + search_s:.2f} s, recall {ours_found}/{k}",
                  f"{fp_s + cmp_s:.2f} s, recall {their_found}/{k} (findimagedupes)", (fp_s + cmp_s) / (ingest_s + search_s))
    ctx.table.add(f"3 near dups {m}-file subset, comparison only", f"{search_s:.3f} s",
                  f"{cmp_s:.3f} s (findimagedupes, fingerprints cached)", cmp_s / search_s)
    ctx.table.note(f"3 near (subset of {m}: all {k} planted re-encoded pairs + files in no planted pair): Winnow = "
                   f"ingest {ingest_s:.2f} s ({ctx.threads} threads) + `duplicates --near --max-distance 10` "
                   f"{search_s:.3f} s, {len(sub_ours)} pairs, {dupcheck.unplanted(sub_ours, ctx.truth)} unplanted; "
                   f"findimagedupes (one process, default threshold 90 %) = fingerprints {fp_s:.1f} s (-n, "
                   f"database on disk) + comparison {cmp_s:.2f} s with that database, {len(theirs)} pairs, "
                   f"{dupcheck.unplanted(theirs, ctx.truth)} unplanted.")


def _neardup_row(text, method):
    """(wall seconds, pairs) of one method's row in bench_neardup's table ("method  T s [C s]  PAIRS ..."),
    or None when it has no such row; pairs are extrapolated ("~N") for sampled baselines."""
    for line in text.splitlines():
        if not line.strip().startswith(method + " "):
            continue
        tokens = line.strip()[len(method):].split()
        seconds, pairs = None, None
        for k, token in enumerate(tokens):
            is_time = k + 1 < len(tokens) and tokens[k + 1] == "s"
            if is_time and seconds is None:
                seconds = float(token)
            elif not is_time and re.fullmatch(r"~?\d+", token) and seconds is not None:
                pairs = token
                break
        if seconds is not None and pairs is not None:
            return seconds, pairs
    return None


def _neardup_rows(text, label):
    mine = _neardup_row(text, "nearPairs")
    for brute_name in ("nearPairsBruteForce (sorted list)", "brute-force scan (counts only)"):
        brute = _neardup_row(text, brute_name)
        if brute:
            break
    if not mine or not brute:
        raise CommandFailed(f"cannot read bench_neardup's output for {label}")
    return mine[0], mine[1], brute[0], brute_name


def neardup_search(ctx, random_codes):
    """4: bench_neardup on the Fashion-MNIST pHashes exported from the project and on random codes."""
    codes = os.path.join(ctx.work, "fashion-phash.txt")
    _, out, _ = timed(["sqlite3", ctx.fashion_project,
                    "SELECT printf('%016x', phash) FROM samples WHERE status = 1 ORDER BY id"])
    with open(codes, "w") as f:
        f.write(out)
    count = len(out.split())
    repeat = "--repeat" in timed(f"'{ctx.bench_neardup}' --help 2>&1", ok_codes=(0, 2), shell=True).out
    runs = ((f"Fashion-MNIST pHash ({count})", ["--n", "0", "--codes", codes] + (["--repeat", "3"] if repeat else []), 2.0),
            (f"random codes ({random_codes})", ["--n", str(random_codes)] + (["--repeat", "2"] if repeat else []), 30.0))
    for label, args, limit in runs:
        log(f"4: bench_neardup on {label}")
        _, text, _ = timed([ctx.bench_neardup, "--radius", "10", "--threads", str(ctx.threads)] + args, ok_codes=(0, 1),
                        timeout=900)
        ctx.neardup_output.append(text)
        seconds, pairs, brute_s, brute_name = _neardup_rows(text, label)
        checked = "OK" in text.split("sample check:")[-1].splitlines()[0]
        ctx.table.add(f"4 near search r=10, {label}", f"{seconds:.2f} s, {pairs} pairs",
                      f"{brute_s:.2f} s ({brute_name})", brute_s / seconds, f"< {limit:g} s",
                      verdict(seconds < limit and checked))
        if not checked:
            ctx.table.note(f"4: bench_neardup's sample check FAILED on {label}")
    ctx.table.note("4: bench_neardup, radius 10, Winnow's nearPairs (multi-index hashing) vs the brute force in "
                   "the same run (Fashion-MNIST: the full sorted brute-force list; 1M: a 20,000-query sample "
                   "extrapolated to all pairs, as bench_neardup prints).")
