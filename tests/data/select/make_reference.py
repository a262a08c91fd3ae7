#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference fixtures for tests/select, written from docs/ALGORITHMS.md sections 1.1-1.3 (numpy, float64).

Run with /usr/bin/python3 from this folder; it rewrites mixture.npy and reference.json. The matrix is a
seeded Gaussian mixture stored as float32; every reference computation below works on that float32
matrix converted to float64. The script also prints the smallest relative gap between the winner and the
runner-up over all greedy steps, which the C++ test relies on being far above float rounding.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
N, D, CENTERS = 300, 16, 12


def make_matrix():
    rng = np.random.default_rng(20260301)
    centers = rng.normal(scale=6.0, size=(CENTERS, D))
    labels = rng.integers(0, CENTERS, size=N)
    spread = rng.uniform(0.5, 1.5, size=CENTERS)
    x = centers[labels] + rng.normal(size=(N, D)) * spread[labels, None]
    return x.astype(np.float32)


def distances_to(x, c):
    return np.sqrt(((x - x[c]) ** 2).sum(axis=1))


def all_distances(x):
    diff = x[:, None, :] - x[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=2))


def gap(values, chosen):
    """Relative gap between the chosen maximum and the best other finite value."""
    others = np.delete(values, chosen)
    others = others[np.isfinite(others)]
    if others.size == 0:
        return np.inf
    return (values[chosen] - others.max()) / abs(values[chosen])


def k_center(x, budget, first):
    mind = np.full(len(x), np.inf)
    order, radii, gaps = [], [], []
    while len(order) < budget:
        if order:
            masked = np.where(np.isin(np.arange(len(x)), order), -np.inf, mind)
            i = int(np.argmax(masked))
            gaps.append(gap(masked, i))
        else:
            i = first
        order.append(i)
        mind = np.minimum(mind, distances_to(x, i))
        radii.append(float(mind.max()))
    return order, radii, min(gaps)


def typicality(x, k, squared):
    dist = all_distances(x)
    np.fill_diagonal(dist, np.inf)  # self excluded
    nearest = np.sort(dist, axis=1)[:, :k]
    if squared:
        nearest = nearest ** 2
    return 1.0 / (nearest.mean(axis=1) + 1e-5)


def typicality_diversity(x, budget, k, s_div=1.0, s_typ=1.0):
    typ = typicality(x, k, False)
    order = [int(np.argmax(typ))]
    gaps = [gap(typ, order[0])]
    mind = distances_to(x, order[0])
    while len(order) < budget:
        score = mind ** s_div * typ ** s_typ
        score[order] = -np.inf
        score[mind == 0] = -np.inf
        i = int(np.argmax(score))
        gaps.append(gap(score, i))
        order.append(i)
        mind = np.minimum(mind, distances_to(x, i))
    return order, min(gaps)


def main():
    x32 = make_matrix()
    np.save(os.path.join(HERE, "mixture.npy"), x32)
    x = x32.astype(np.float64)
    kc_order, kc_radii, kc_gap = k_center(x, 40, 0)
    td_order, td_gap = typicality_diversity(x, 30, 20)
    ref = {
        "source": "make_reference.py (numpy float64 from ALGORITHMS.md 1.1-1.3)",
        "rows": N, "cols": D,
        "kcenter": {"budget": 40, "first": 0, "order": kc_order, "radii": kc_radii, "min_relative_gap": kc_gap},
        "typicality_k20": typicality(x, 20, False).tolist(),
        "typicality_k20_squared": typicality(x, 20, True).tolist(),
        "typicality_diversity": {"budget": 30, "k": 20, "s_div": 1.0, "s_typ": 1.0,
                                 "order": td_order, "min_relative_gap": td_gap},
    }
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("k-center min relative gap %.3g, typicality-diversity min relative gap %.3g" % (kc_gap, td_gap))


if __name__ == "__main__":
    main()
