#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference Lloyd k-means for tests/index (numpy, float64), started from given centroids.

Run with /usr/bin/python3 from this folder; it rewrites kmeans_points.npy and kmeans_reference.json.
The matrix is a seeded, overlapping Gaussian mixture stored as float32; the reference works on it in
float64. Both variants start from the rows listed in "init_rows" and run ITERATIONS iterations of
  assign every row to its nearest centroid (lowest index on ties), record the objective, move each
  centroid to the mean of its rows (there are no empty clusters: the script checks it);
then assign once more to the final centroids.
* Euclidean: nearest = smallest squared L2; objective = sum of squared distances; the reported distance is
  the Euclidean distance to the final centroid.
* Spherical (cosine): rows and initial centroids L2-normalised; nearest = largest inner product; objective =
  sum of inner products; centroids renormalised after each update; distance = 1 - cos.
This is FAISS's Clustering loop (faiss::Clustering::train) without its sampling and empty-cluster
splitting. The script prints the smallest relative margin between the best and second-best centroid over
every assignment, which must stay far above float32 rounding for assignments to agree exactly.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N, D, CENTERS, K, ITERATIONS = 1500, 12, 8, 8, 12


def make_matrix():
    rng = np.random.default_rng(20260406)
    centers = rng.normal(scale=2.5, size=(CENTERS, D))
    labels = rng.integers(0, CENTERS, size=N)
    x = centers[labels] + rng.normal(size=(N, D))
    return x.astype(np.float32), rng.choice(N, size=K, replace=False)


def margin(best, second):
    return np.min(np.abs(second - best) / np.maximum(np.abs(best), 1e-12))


def lloyd(x, c, spherical):
    objective, margins = [], []
    for _ in range(ITERATIONS + 1):
        if spherical:
            s = x @ c.T
            order = np.argsort(-s, axis=1, kind="stable")
            a = order[:, 0]
            best, second = s[np.arange(N), a], s[np.arange(N), order[:, 1]]
        else:
            d2 = ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
            order = np.argsort(d2, axis=1, kind="stable")
            a = order[:, 0]
            best, second = d2[np.arange(N), a], d2[np.arange(N), order[:, 1]]
        margins.append(margin(best, second))
        if len(objective) == ITERATIONS:
            break
        objective.append(float(best.sum()))
        counts = np.bincount(a, minlength=K)
        assert counts.min() > 0, "empty cluster: choose another seed"
        c = np.stack([x[a == j].mean(axis=0) for j in range(K)])
        if spherical:
            c /= np.linalg.norm(c, axis=1, keepdims=True)
    if spherical:
        dist = 1.0 - (x * c[a]).sum(axis=1) / np.linalg.norm(x, axis=1)
    else:
        dist = np.sqrt(((x - c[a]) ** 2).sum(axis=1))
    return {"centroids": c.ravel().tolist(), "assignment": a.tolist(), "distance": dist.tolist(),
            "objective": objective}, min(margins)


def main():
    x32, init_rows = make_matrix()
    np.save(os.path.join(HERE, "kmeans_points.npy"), x32)
    x = x32.astype(np.float64)
    l2, m1 = lloyd(x, x[init_rows].copy(), spherical=False)
    xs = x / np.linalg.norm(x, axis=1, keepdims=True)
    sph, m2 = lloyd(xs, xs[init_rows].copy(), spherical=True)
    ref = {"k": K, "iterations": ITERATIONS, "init_rows": init_rows.tolist(), "l2": l2, "spherical": sph}
    with open(os.path.join(HERE, "kmeans_reference.json"), "w") as f:
        json.dump(ref, f)
    print(f"smallest relative assignment margin: L2 {m1:.3g}, spherical {m2:.3g}")


if __name__ == "__main__":
    main()
