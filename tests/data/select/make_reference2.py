#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Second set of reference fixtures for tests/select (numpy, float64), written from docs/ALGORITHMS.md
section 10 (outlier score, label balancing quotas) and 1.4 / 2.4 (stratified random and distance-to-own-
centroid pruning over given clusters).

Run with /usr/bin/python3 from this folder; it reads mixture.npy (from make_reference.py, not rewritten) and
writes reference2.json. The cluster assignment and centroids come from a few seeded Lloyd iterations; the
centroids are stored as float32 values, as the C++ code holds them. The random draws re-implement
std::mt19937_64 and the documented Fisher-Yates draw of core/select/random.h in pure Python.
"""
import json
import os
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
M64 = (1 << 64) - 1
K_CLUSTERS, LLOYD_ITERS = 8, 4


class Mt19937_64:
    """std::mt19937_64 (C++11 [rand.predef]); first output for seed 5489 is 14514284786278117030."""

    def __init__(self, seed):
        self.mt = [seed & M64]
        for i in range(1, 312):
            prev = self.mt[-1]
            self.mt.append((6364136223846793005 * (prev ^ (prev >> 62)) + i) & M64)
        self.index = 312

    def __call__(self):
        if self.index >= 312:
            for i in range(312):
                x = (self.mt[i] & 0xFFFFFFFF80000000) | (self.mt[(i + 1) % 312] & 0x7FFFFFFF)
                xa = x >> 1
                if x & 1:
                    xa ^= 0xB5026F5AA96619E9
                self.mt[i] = self.mt[(i + 156) % 312] ^ xa
            self.index = 0
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & M64


def random_subset(n, budget, seed):
    rng = Mt19937_64(seed)
    perm = list(range(n))
    for i in range(min(budget, n)):
        m = n - i
        rem = (1 << 64) % m
        while True:
            r = rng()
            if r < (1 << 64) - rem:
                break
        j = i + r % m
        perm[i], perm[j] = perm[j], perm[i]
    return perm[:min(budget, n)]


def cluster_seed(seed, c):
    """splitmix64 finaliser of seed + (c+1) * golden gamma (documented in core/select/clusters.h)."""
    z = (seed + (c + 1) * 0x9E3779B97F4A7C15) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def largest_remainder(sizes, total):
    s = sum(sizes)
    if s == 0:
        return [0] * len(sizes)
    t = min(total, s)
    exact = [Fraction(n * t, s) for n in sizes]
    quota = [int(e) for e in exact]
    frac = [e - q for e, q in zip(exact, quota)]
    for i in sorted(range(len(sizes)), key=lambda i: (-frac[i], i))[:t - sum(quota)]:
        quota[i] += 1
    return quota


def water_filling(sizes, total):
    t = min(total, sum(sizes))
    quota = [0] * len(sizes)
    while sum(quota) < t:  # raise the level one unit at a time, lowest index first
        level = min(q for q, n in zip(quota, sizes) if q < n)
        for i in range(len(sizes)):
            if quota[i] == level and quota[i] < sizes[i] and sum(quota) < t:
                quota[i] += 1
    return quota


def all_distances(x):
    diff = x[:, None, :] - x[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=2))


def outlier_scores(x, k):
    dist = all_distances(x)
    np.fill_diagonal(dist, np.inf)
    return np.sort(dist, axis=1)[:, :k].mean(axis=1)


def min_gap(values):
    """Smallest relative gap between distinct neighbours in sorted order (tie-safety of exact orders)."""
    v = np.sort(values)
    return float(np.min(np.diff(v) / np.maximum(np.abs(v[1:]), 1e-300)))


def lloyd(x):
    rng = np.random.default_rng(20260302)
    cent = x[rng.choice(len(x), K_CLUSTERS, replace=False)]
    for _ in range(LLOYD_ITERS):
        assign = np.argmin(((x[:, None, :] - cent[None, :, :]) ** 2).sum(axis=2), axis=1)
        cent = np.stack([x[assign == c].mean(axis=0) if np.any(assign == c) else cent[c]
                         for c in range(K_CLUSTERS)])
    return assign, cent.astype(np.float32)


def cluster_prune(x, assign, cent, size, keep_farthest):
    sizes = np.bincount(assign, minlength=len(cent)).tolist()
    quota = largest_remainder(sizes, size)
    order, gaps = [], []
    for c in range(len(cent)):
        members = np.flatnonzero(assign == c)
        d = np.sqrt(((x[members] - cent[c].astype(np.float64)) ** 2).sum(axis=1))
        if len(members) > 1:
            gaps.append(min_gap(d))
        ranked = np.argsort(-d if keep_farthest else d, kind="stable")
        order += members[ranked[:quota[c]]].tolist()
    return order, quota, min(gaps)


def cluster_balanced(assign, n_clusters, size, seed):
    sizes = np.bincount(assign, minlength=n_clusters).tolist()
    quota = water_filling(sizes, size)
    order = []
    for c in range(n_clusters):
        members = np.flatnonzero(assign == c)
        order += members[random_subset(len(members), quota[c], cluster_seed(seed, c))].tolist()
    return order, quota


def main():
    assert Mt19937_64(5489)() == 14514284786278117030
    x = np.load(os.path.join(HERE, "mixture.npy")).astype(np.float64)
    scores = outlier_scores(x, 20)
    outliers = np.argsort(-scores, kind="stable")[:15].tolist()
    assign, cent = lloyd(x)
    far, prune_quota, gap_far = cluster_prune(x, assign, cent, 100, True)
    near, _, _ = cluster_prune(x, assign, cent, 100, False)
    balanced, balanced_quota = cluster_balanced(assign, K_CLUSTERS, 60, 7)
    ref = {
        "source": "make_reference2.py (numpy float64 from ALGORITHMS.md 1.4, 2.4, 10)",
        "outlier_scores_k20": scores.tolist(),
        "outliers": {"size": 15, "k": 20, "order": outliers, "min_relative_gap": min_gap(scores)},
        "clusters": {"assignment": assign.tolist(), "centroids": cent.astype(np.float64).tolist()},
        "cluster_prune": {"size": 100, "quota": prune_quota, "farthest": far, "closest": near,
                          "min_relative_gap": gap_far},
        "cluster_balanced": {"size": 60, "seed": 7, "quota": balanced_quota, "order": balanced},
        "quota_cases": [{"sizes": s, "total": t, "largest_remainder": largest_remainder(s, t),
                         "water_filling": water_filling(s, t)}
                        for s, t in [([5, 3, 2], 5), ([10, 2, 5], 9), ([1, 8, 8, 3], 11), ([0, 4, 0, 9, 2], 7),
                                     ([37, 11, 52, 3, 0, 19], 40), ([6, 6, 6], 17), ([2, 1], 10)]],
    }
    with open(os.path.join(HERE, "reference2.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("cluster sizes %s; outlier min gap %.3g; prune min gap %.3g"
          % (np.bincount(assign, minlength=K_CLUSTERS).tolist(), min_gap(scores), gap_far))


if __name__ == "__main__":
    main()
