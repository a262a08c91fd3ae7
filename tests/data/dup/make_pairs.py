#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regenerates the near-duplicate fixtures beside this script, independently of the C++ code.

codes.txt: 2,000 seeded 64-bit codes shaped like perceptual hashes of a real dataset (clusters of a
centre and copies with a few bits flipped, exact duplicates, unrelated codes), one per line as 16
lower-case hex digits. pairs.txt: every pair i < j within Hamming distance RADIUS, as "i j d" lines sorted
by (i, j), computed by brute force with numpy. The first line of pairs.txt is "# radius R".

Usage: /usr/bin/python3 tests/data/dup/make_pairs.py
"""
import pathlib

import numpy as np

SEED = 20260214
N = 2000
CENTRES = 400
MAX_FLIPS = 7
RADIUS = 8


def make_codes(rng):
    centres = rng.integers(0, 2**64, size=CENTRES, dtype=np.uint64)
    codes = np.empty(N, dtype=np.uint64)
    for k in range(N):
        if rng.random() < 0.1:
            codes[k] = rng.integers(0, 2**64, dtype=np.uint64)
            continue
        c = int(centres[rng.integers(0, CENTRES)])
        for bit in rng.integers(0, 64, size=rng.integers(0, MAX_FLIPS + 1)):
            c ^= 1 << int(bit)
        codes[k] = c
    rng.shuffle(codes)
    return codes


def popcount_table():
    return np.array([bin(v).count("1") for v in range(256)], dtype=np.uint8)


def brute_force_pairs(codes, radius):
    table = popcount_table()
    rows = []
    for i in range(len(codes) - 1):
        x = np.bitwise_xor(codes[i + 1:], codes[i])
        d = table[x.view(np.uint8)].reshape(-1, 8).sum(axis=1, dtype=np.int64)
        j = np.nonzero(d <= radius)[0]
        rows.extend((i, i + 1 + int(k), int(d[k])) for k in j)
    return rows


def main():
    here = pathlib.Path(__file__).resolve().parent
    codes = make_codes(np.random.default_rng(SEED))
    pairs = brute_force_pairs(codes, RADIUS)
    (here / "codes.txt").write_text("".join(f"{int(c):016x}\n" for c in codes))
    (here / "pairs.txt").write_text(f"# radius {RADIUS}\n" + "".join(f"{i} {j} {d}\n" for i, j, d in pairs))
    print(f"{len(codes)} codes, {len(pairs)} pairs within {RADIUS}")


if __name__ == "__main__":
    main()
