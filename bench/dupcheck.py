# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Duplicate groups of the different tools, as sets of file names, compared with the planted truth."""

import os
import sqlite3
from itertools import combinations


def read_truth(path):
    """truth.tsv of bench_ingest generate: {"exact": {frozenset pair}, "near": {...}}."""
    truth = {"exact": set(), "near": set()}
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, original, copy = line.split("\t")[:3]
            truth[kind].add(frozenset((original, copy)))
    return truth


def groups_as_names(groups):
    """A set of frozensets of base names, one per group of two or more."""
    return {frozenset(os.path.basename(p) for p in g) for g in groups if len(g) > 1}


def pairs_of(groups):
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def text_groups(text, blank_separated):
    """jdupes/fdupes (one path per line, blank line between groups) or findimagedupes (one group per line)."""
    groups, current = [], []
    for line in text.splitlines():
        line = line.strip()
        if blank_separated:
            if line:
                current.append(line)
            elif current:
                groups.append(current)
                current = []
        elif line:
            groups.append(line.split())
    if current:
        groups.append(current)
    return groups_as_names(groups)


def winnow_exact_groups(doc):
    return groups_as_names([[s["uri"] for s in g["samples"]] for g in doc["groups"]])


def sample_names(project):
    """Sample id -> base name of its uri, read from the project's catalog."""
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return {i: os.path.basename(u) for i, u in db.execute("SELECT id, uri FROM samples")}
    finally:
        db.close()


def winnow_near_pairs(doc, names):
    return {frozenset((names[p["a"]], names[p["b"]])) for p in doc["pairs"]}


def recall(planted, found_pairs):
    """(found, total) of planted pairs present in found_pairs."""
    return len(planted & found_pairs), len(planted)


def unplanted(found_pairs, truth):
    """Pairs found that were not planted (neither exact nor near copies)."""
    return len(found_pairs - truth["exact"] - truth["near"])
