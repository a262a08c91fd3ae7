#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference fixtures for tests/map (core/map), from numpy, scipy and scikit-learn (Debian packages).

Run with /usr/bin/python3 from any folder; it rewrites mixture.npy, layout.npy and reference.json beside
itself. Everything comes from implementations independent of core/map, written from docs/ALGORITHMS.md
section 10 and the reference libraries:
  * trustworthiness: sklearn.manifold.trustworthiness (k = 5 and 10) of a noisy 2-D projection;
  * PCA: numpy eigh of np.cov, sign so that each component's largest loading is positive;
  * UMAP curve: scipy.optimize.curve_fit of 1/(1 + a x^(2b)) as umap-learn's find_ab_params;
  * UMAP smooth kNN: a numpy transcription of umap-learn's smooth_knn_dist on the exact 15-NN (self first);
  * kNN graph: sklearn.neighbors.NearestNeighbors (exact);
  * t-SNE P: sklearn.manifold._t_sne._joint_probabilities_nn on the float32 30-NN distances squared in
    float32 (the steps of TSNE._fit), perplexity 10, first 150 rows.
When umap-learn is installed, its own find_ab_params and smooth_knn_dist are compared with the above and
the largest differences printed (nothing of umap-learn is stored).
"""
import json
import os

import numpy as np
import scipy.optimize
from sklearn.manifold import trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities_nn
from sklearn.neighbors import NearestNeighbors

HERE = os.path.dirname(os.path.abspath(__file__))
N, D, CENTERS = 300, 10, 5


def make_matrix():
    rng = np.random.default_rng(20260404)
    centers = rng.normal(scale=5.0, size=(CENTERS, D))
    labels = np.arange(N) % CENTERS
    x = centers[labels] + rng.normal(size=(N, D))
    return x.astype(np.float32)


def make_layout(x):
    rng = np.random.default_rng(7)
    projection = rng.normal(size=(D, 2))
    layout = x.astype(np.float64) @ projection + rng.normal(scale=2.0, size=(N, 2))
    return layout.astype(np.float32)


def pca2(x):
    x = x.astype(np.float64)
    values, vectors = np.linalg.eigh(np.cov(x, rowvar=False))
    basis = vectors[:, np.argsort(values)[::-1][:2]]
    for c in range(2):
        if basis[np.argmax(np.abs(basis[:, c])), c] < 0:
            basis[:, c] = -basis[:, c]
    return (x - x.mean(axis=0)) @ basis


def fit_ab(min_dist, spread):
    def curve(x, a, b):
        return 1.0 / (1.0 + a * x ** (2 * b))

    xv = np.linspace(0, spread * 3, 300)
    yv = np.zeros(xv.shape)
    yv[xv < min_dist] = 1.0
    yv[xv >= min_dist] = np.exp(-(xv[xv >= min_dist] - min_dist) / spread)
    params, _ = scipy.optimize.curve_fit(curve, xv, yv)
    return float(params[0]), float(params[1])


def smooth_knn(distances, k):
    """umap-learn's smooth_knn_dist (local_connectivity 1, bandwidth 1); distances has k columns, the
    sample itself first at distance 0."""
    target = np.log2(k)
    mean_all = distances.mean()
    sigma = np.zeros(len(distances))
    rho = np.zeros(len(distances))
    for i, row in enumerate(distances):
        positive = row[row > 0]
        rho[i] = positive[0] if len(positive) else 0.0
        lo, hi, mid = 0.0, np.inf, 1.0
        for _ in range(64):
            t = row[1:] - rho[i]
            psum = np.where(t > 0, np.exp(-t / mid), 1.0).sum()
            if abs(psum - target) < 1e-5:
                break
            if psum > target:
                hi = mid
                mid = (lo + hi) / 2
            else:
                lo = mid
                mid = mid * 2 if hi == np.inf else (lo + hi) / 2
        sigma[i] = max(mid, 1e-3 * (row.mean() if rho[i] > 0 else mean_all))
    return sigma, rho


def main():
    x = make_matrix()
    layout = make_layout(x)
    np.save(os.path.join(HERE, "mixture.npy"), x)
    np.save(os.path.join(HERE, "layout.npy"), layout)
    ref = {}
    ref["trustworthiness"] = {str(k): float(trustworthiness(x, layout, n_neighbors=k)) for k in (5, 10)}
    ref["pca"] = pca2(x).tolist()
    ref["curve"] = [{"min_dist": md, "spread": sp, "a": a, "b": b}
                    for md, sp in ((0.1, 1.0), (0.5, 1.0), (0.05, 2.0)) for a, b in [fit_ab(md, sp)]]

    # Exact neighbours with the sample itself first (distance 0), as umap-learn's graph.
    dist15, ind15 = NearestNeighbors(n_neighbors=15).fit(x).kneighbors(x)
    assert (ind15[:, 0] == np.arange(N)).all()
    dist15 = dist15.astype(np.float32).astype(np.float64)
    sigma, rho = smooth_knn(dist15, 15)
    ref["knn15"] = {"ids": ind15[:, 1:].tolist(), "dist": dist15[:, 1:].tolist()}
    ref["smooth_knn"] = {"sigma": sigma.tolist(), "rho": rho.tolist()}

    # Self excluded, float32 distances squared in float32: the steps of scikit-learn's TSNE._fit.
    nn30 = NearestNeighbors(n_neighbors=30).fit(x[:150])
    graph = nn30.kneighbors_graph(mode="distance").astype(np.float32)
    graph.data **= 2
    p = _joint_probabilities_nn(graph, 10.0, 0).tocsr()
    p.sort_indices()
    d30, i30 = nn30.kneighbors()
    d30 = d30.astype(np.float32).astype(np.float64)
    ref["tsne_p"] = {"perplexity": 10.0, "ids": i30.tolist(), "dist": d30.tolist(),
                     "offsets": p.indptr.tolist(), "cols": p.indices.tolist(), "values": p.data.tolist()}

    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(ref, f)
    print("trustworthiness", ref["trustworthiness"], "curve", ref["curve"][0])

    try:
        import umap.umap_ as uu
    except ImportError:
        return
    a, b = uu.find_ab_params(1.0, 0.1)
    print("umap-learn find_ab_params differs by", abs(a - ref["curve"][0]["a"]), abs(b - ref["curve"][0]["b"]))
    s2, r2 = uu.smooth_knn_dist(np.hstack([np.zeros((N, 1)), dist15[:, 1:]]).astype(np.float32), 15.0)
    print("umap-learn smooth_knn_dist differs by (relative)", np.max(np.abs(s2 - sigma) / sigma),
          np.max(np.abs(r2 - rho) / np.maximum(rho, 1e-12)))


if __name__ == "__main__":
    main()
