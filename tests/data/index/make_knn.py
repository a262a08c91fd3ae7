#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference k-NN graph for tests/index (numpy, float64 brute force).

Run with /usr/bin/python3 from this folder; it rewrites knn_points.npy and knn_reference.json. The matrix
is a seeded Gaussian mixture stored as float32 with planted exact duplicates (a pair, a triple and a
group of four), so ties at distance 0 are exercised. Every reference value is computed from that float32
matrix converted to float64: for row i, the distances to all other rows (i itself excluded by index),
ordered by (distance, row) with a stable sort, the first K kept. The script also reports the smallest
relative gap between the K-th and (K+1)-th distinct distances, which must stay far above float32
rounding for the C++ comparison to be exact.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N, D, CENTERS, K = 2000, 32, 10, 10
TYP_K, OUT_K = 10, 5

# (copy, original): rows overwritten by exact copies of other rows.
DUPLICATES = [(11, 10), (1995, 7), (1996, 7), (1997, 300), (1998, 300), (1999, 300)]


def make_matrix():
    rng = np.random.default_rng(20260405)
    centers = rng.normal(scale=4.0, size=(CENTERS, D))
    labels = rng.integers(0, CENTERS, size=N)
    spread = rng.uniform(0.5, 1.5, size=CENTERS)
    x = (centers[labels] + rng.normal(size=(N, D)) * spread[labels, None]).astype(np.float32)
    for copy, original in DUPLICATES:
        x[copy] = x[original]
    return x


def knn(x64, k):
    ids = np.empty((len(x64), k), dtype=np.int64)
    dist = np.empty((len(x64), k))
    min_gap = np.inf
    for i in range(len(x64)):
        d2 = ((x64 - x64[i]) ** 2).sum(axis=1)
        d2[i] = np.inf
        order = np.argsort(d2, kind="stable")
        ids[i] = order[:k]
        dist[i] = np.sqrt(d2[order[:k]])
        kth, after = d2[order[k - 1]], d2[order[k]]
        if after > kth:
            min_gap = min(min_gap, (after - kth) / after)
    return ids, dist, min_gap


def main():
    x = make_matrix()
    np.save(os.path.join(HERE, "knn_points.npy"), x)
    ids, dist, gap = knn(x.astype(np.float64), K)
    typ = 1.0 / (dist[:, :TYP_K].mean(axis=1) + 1e-5)
    typ_sq = 1.0 / ((dist[:, :TYP_K] ** 2).mean(axis=1) + 1e-5)
    outlier = dist[:, :OUT_K].mean(axis=1)
    ref = {
        "k": K,
        "ids": ids.ravel().tolist(),
        "dist": dist.ravel().tolist(),
        "typicality_k": TYP_K,
        "typicality": typ.tolist(),
        "typicality_squared": typ_sq.tolist(),
        "outlier_k": OUT_K,
        "outlier": outlier.tolist(),
        "duplicates": [list(p) for p in DUPLICATES],
    }
    with open(os.path.join(HERE, "knn_reference.json"), "w") as f:
        json.dump(ref, f)
    print(f"smallest relative gap at the K-th neighbour: {gap:.3g}")


if __name__ == "__main__":
    main()
