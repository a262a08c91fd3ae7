#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Third set of reference fixtures for tests/select (numpy float64, cvxopt), written from docs/ALGORITHMS.md
sections 2.1-2.5 and 10 and the conventions documented in the core/select headers (lowest index on ties,
seeds through cluster_seed / random_subset of make_reference2.py): SemDeDup, density-based pruning (its QP
solved by cvxopt and, independently, by an exact breakpoint projection), SSL prototypes, hierarchical k-means
with resampling and balanced hierarchical sampling (best_cut), target distribution matching, label balancing
and D4.

Run with /usr/bin/python3 from this folder (needs python3-numpy and python3-cvxopt); it writes unit.npy (400
L2-normalised float32 rows with planted near-duplicates and duplicate chains) and reference3.json. Every
computation works on the stored float32 values converted to float64. The script prints the smallest
margins (relative gaps between values whose order decides a result); the C++ tests assert they stay far
above float64 rounding noise, so exact orders must agree.
"""
import json
import math
import os

import numpy as np
from cvxopt import matrix as cvx_matrix, solvers

from make_reference2 import Mt19937_64, cluster_seed, random_subset, water_filling

HERE = os.path.dirname(os.path.abspath(__file__))
N, D, COMPONENTS = 400, 16, 8
MARGINS = {}


def margin(name, value):
    MARGINS[name] = min(MARGINS.get(name, math.inf), float(value))


def sorted_gap(values):
    """Smallest relative gap between neighbours of the sorted values (inf for fewer than two)."""
    v = np.sort(np.asarray(values, dtype=np.float64))
    v = v[np.isfinite(v)]
    if len(v) < 2:
        return math.inf
    return float(np.min(np.diff(v) / np.maximum(np.abs(v[1:]), 1e-300)))


def make_matrix():
    rng = np.random.default_rng(20260310)
    centres = rng.normal(size=(COMPONENTS, D))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    comp = rng.integers(0, COMPONENTS, size=N)
    x = centres[comp] + 0.35 * rng.normal(size=(N, D))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    for i in range(300, 380):  # near-duplicates of earlier rows
        x[i] = x[rng.integers(0, 300)] + 0.03 * rng.normal(size=D)
        x[i] /= np.linalg.norm(x[i])
    for i in range(380, 400):  # copies of copies: the chain effect
        x[i] = x[i - 80] + 0.03 * rng.normal(size=D)
        x[i] /= np.linalg.norm(x[i])
    return x.astype(np.float32)


# ----------------------------------------------------------------------------------------------- k-means
def nearest_l2(x, cent):
    d = ((x[:, None, :] - cent.astype(np.float64)[None, :, :]) ** 2).sum(axis=2)
    a = np.argmin(d, axis=1)
    if cent.shape[0] > 1:
        s = np.sort(d, axis=1)
        margin("kmeans assignment", np.min((s[:, 1] - s[:, 0]) / np.maximum(s[:, 1], 1e-300)))
    return a


def lloyd(x32, k, iters):
    """The tests' deterministic Lloyd: first k rows as centroids; centroid = row-order sum / count (float64),
    stored as float32; empty clusters keep theirs; the final assignment is to the returned centroids."""
    x = x32.astype(np.float64)
    cent = x32[:k].copy()
    for _ in range(iters):
        a = nearest_l2(x, cent)
        for c in range(k):
            m = x[a == c]
            if len(m):
                cent[c] = (np.cumsum(m, axis=0)[-1] / len(m)).astype(np.float32)
    return cent, nearest_l2(x, cent)


def spherical_lloyd(x, k, iters, seed):
    rng = np.random.default_rng(seed)
    cent = x[rng.choice(len(x), k, replace=False)]
    for _ in range(iters):
        cn = cent / np.linalg.norm(cent, axis=1, keepdims=True)
        a = np.argmax(x @ cn.T, axis=1)
        cent = np.stack([x[a == c].mean(axis=0) if np.any(a == c) else cent[c] for c in range(k)])
    cn = cent / np.linalg.norm(cent, axis=1, keepdims=True)
    return np.argmax(x @ cn.T, axis=1), cent.astype(np.float32)


def unit_centroids(cent32):
    c = cent32.astype(np.float64)
    n = np.linalg.norm(c, axis=1, keepdims=True)
    return np.where(n > 0, c / np.where(n > 0, n, 1), 0.0)


def centroid_distances(x, assign, cent32):
    return 1.0 - np.sum(x * unit_centroids(cent32)[assign], axis=1)


# ----------------------------------------------------------------------------------------------- SemDeDup
def cluster_order(members, dist, keep, seed, c):
    if keep == "hard":
        return members[np.argsort(-dist[members], kind="stable")]
    if keep == "easy":
        return members[np.argsort(dist[members], kind="stable")]
    return members[random_subset(len(members), len(members), cluster_seed(seed, c))]


def semdedup_scores(x, assign, cent32, keep, seed=1234):
    dist = centroid_distances(x, assign, cent32)
    best = np.full(len(x), -np.inf)
    dup = np.full(len(x), -1)
    order = []
    for c in range(len(cent32)):
        members = np.flatnonzero(assign == c)
        if keep != "random":
            margin("semdedup centroid distance", sorted_gap(dist[members]))
        o = cluster_order(members, dist, keep, seed, c)
        e = x[o]
        s = e @ e.T
        for j in range(1, len(o)):
            col = s[:j, j]
            best[o[j]] = col.max()
            dup[o[j]] = o[int(np.argmax(col))]
            if j > 1:
                top = np.sort(col)[-2:]
                margin("semdedup duplicate-of", (top[1] - top[0]) / abs(top[1]))
        order += o.tolist()
    return order, dist, best, dup


def semdedup_kept(best, eps):
    thr = 1.0 - eps
    finite = best[np.isfinite(best)]
    margin("semdedup threshold", np.min(np.abs(finite - thr)))
    return np.flatnonzero(~(best > thr)).tolist()


def reachable_keep(best, keep):
    """Smallest count >= keep reachable by a threshold on best (count c: c == n or v[c-1] < v[c])."""
    v = np.sort(best)
    n = len(v)
    c = min(keep, n)
    c = max(c, int(np.sum(v == -np.inf)))
    while 0 < c < n and not v[c - 1] < v[c]:
        c += 1
    return c


# ----------------------------------------------------------------------------------------------- DBP
def project_exact(y, lb, ub, total):
    """Euclidean projection onto {sum = total, lb <= x <= ub} from the breakpoints of the piecewise-linear sum."""
    g = lambda nu: np.clip(y + nu, lb, ub).sum()
    bps = np.unique(np.concatenate([lb - y, ub - y]))
    vals = np.array([g(b) for b in bps])
    k = int(np.searchsorted(vals, total, side="left"))
    if k == 0:
        nu = bps[0]
    elif vals[k] == vals[k - 1]:
        nu = bps[k]
    else:
        nu = bps[k - 1] + (total - vals[k - 1]) * (bps[k] - bps[k - 1]) / (vals[k] - vals[k - 1])
    return np.clip(y + nu, lb, ub)


def project_cvxopt(y, lb, ub, total):
    k = len(y)
    solvers.options.update({"show_progress": False, "abstol": 1e-11, "reltol": 1e-11, "feastol": 1e-11})
    sol = solvers.qp(cvx_matrix(np.eye(k)), cvx_matrix(-y), cvx_matrix(np.vstack([np.eye(k), -np.eye(k)])),
                     cvx_matrix(np.concatenate([ub, -lb])), cvx_matrix(np.ones((1, k))), cvx_matrix([float(total)]))
    assert sol["status"] == "optimal", sol["status"]
    return np.array(sol["x"]).ravel()


def round_total(x, ub, total, y_of):
    q = np.floor(x).astype(np.int64)
    frac = x - q
    cand = [j for j in range(len(x)) if q[j] < ub[j]]
    cand.sort(key=lambda j: (-frac[j], j))
    left = total - int(q.sum())
    if 0 < left < len(cand):
        a, b = cand[left - 1], cand[left]
        # An exact tie between equal targets (uniform density) is broken by index on both sides alike.
        if frac[a] != frac[b] or y_of[a] != y_of[b]:
            margin("dbp remainder order", frac[a] - frac[b])
    for j in cand[:left]:
        q[j] += 1
    return q


def dbp(x, assign, cent32, size, temperature=0.5, neighbours=20, ratio=0.5, density="dintra*dinter"):
    k = len(cent32)
    sizes = np.bincount(assign, minlength=k)
    dist = centroid_distances(x, assign, cent32)
    intra = np.array([dist[assign == j].mean() if sizes[j] else np.nan for j in range(k)])
    cn = unit_centroids(cent32)
    g = cn @ cn.T
    np.fill_diagonal(g, -np.inf)
    ll = min(neighbours, k - 1)
    inter = np.array([np.mean(1.0 - np.sort(g[j])[::-1][:ll]) for j in range(k)])
    comp = inter * intra
    comp[np.isnan(comp)] = np.nanmean(comp)
    if density == "dintra*dinter":
        z = comp / temperature
        p = np.exp(z - z.max())
        p /= p.sum()
    elif density == "uniform":
        p = np.full(k, 1.0 / k)
    else:
        p = sizes / sizes.sum()
    min_samples = int(size / k * ratio) if ratio > 0 else 1
    lb = np.maximum(0, np.minimum(min_samples, sizes - 1)).astype(np.float64)
    ub = sizes.astype(np.float64)
    y = p * size
    exact = project_exact(y, lb, ub, size)
    qp = project_cvxopt(y, lb, ub, size)
    free = (exact > lb) & (exact < ub)
    if np.any(free):
        f = exact[free]
        margin("dbp distance to an integer", np.min(np.abs(f - np.rint(f))))
    quota = round_total(exact, ub, size, y)
    assert quota.sum() == size
    selected = []
    for j in range(k):
        members = np.flatnonzero(assign == j)
        margin("dbp centroid distance", sorted_gap(dist[members]))
        selected += members[np.argsort(-dist[members], kind="stable")][:quota[j]].tolist()
    return {"size": size, "temperature": temperature, "neighbours": neighbours, "ratio": ratio,
            "density": density, "intra": intra.tolist(), "inter": inter.tolist(), "probability": p.tolist(),
            "lower": lb.tolist(), "upper": ub.tolist(), "continuous": exact.tolist(), "cvxopt": qp.tolist(),
            "cvxopt_max_difference": float(np.max(np.abs(qp - exact))), "quota": quota.tolist(),
            "selected": selected}


# ----------------------------------------------------------------------------------------------- prototypes
def prototype_scores(x, cent32):
    cos = x @ unit_centroids(cent32).T
    s = np.sort(cos, axis=1)
    margin("prototypes nearest centroid", np.min((s[:, -1] - s[:, -2]) / np.abs(s[:, -1])))
    return 1.0 - cos.max(axis=1), np.argmax(cos, axis=1)


# ----------------------------------------------------------------------------------------------- target matching
def target_match(pool, refs, size, depth=None):
    sims = refs @ pool.T
    ranked = [np.argsort(-sims[r], kind="stable") for r in range(len(refs))]
    if depth is not None:
        ranked = [o[:depth] for o in ranked]
    taken, picks, who = set(), [], []
    want = min(size, len(pool))
    deepest = 0
    for t in range(max(len(o) for o in ranked)):
        for r, o in enumerate(ranked):
            if len(picks) == want or t >= len(o):
                continue
            deepest = max(deepest, t)
            if int(o[t]) in taken:
                continue
            taken.add(int(o[t]))
            picks.append(int(o[t]))
            who.append(r)
    for r in range(len(refs)):
        v = np.sort(sims[r])[::-1][:deepest + 2]
        margin("target matching rank", np.min(-np.diff(v) / np.abs(v[:-1])))
    score = (pool[picks] @ refs.T).max(axis=1) if picks else np.zeros(0)
    return picks, score.tolist(), who


# ----------------------------------------------------------------------------------------------- hierarchy
def best_cut(arr, target):
    """_find_best_cut_left of ssl-data-curation, restated: the largest c with sum(min(c, arr)) <= target."""
    arr = np.asarray(arr)
    if len(arr) == 0:
        return 0
    if arr.sum() <= target:
        return int(arr.max())
    left, right = 0, int(arr.max())
    while right - left > 1:
        mid = (left + right) // 2
        s = int(np.minimum(mid, arr).sum())
        if s > target:
            right = mid
        elif s < target:
            left = mid
        else:
            return mid
    return right if np.minimum(right, arr).sum() <= target else left


def best_cut_quotas(arr, target, seed):
    arr = np.asarray(arr, dtype=np.int64)
    if arr.sum() <= target:
        return arr.tolist()
    c = best_cut(arr, target)
    q = np.minimum(c, arr)
    cand = np.flatnonzero(arr > c)
    for p in random_subset(len(cand), int(target - q.sum()), seed):
        q[cand[p]] += 1
    assert q.sum() == target
    return q.tolist()


def sorted_members(items, assign, cent32):
    d = ((items - cent32.astype(np.float64)[assign]) ** 2).sum(axis=1)
    out = []
    for c in range(len(cent32)):
        m = np.flatnonzero(assign == c)
        margin("hierarchy member order", sorted_gap(d[m]))
        out.append(m[np.argsort(d[m], kind="stable")])
    return out


def node_seed(seed, level, c):
    return cluster_seed(cluster_seed(seed, level), c)


def hierarchical_sampling(levels, size, leaf, seed):
    """levels: list of member lists (finest first); level 1 lists rows, level l > 1 clusters of level l-1."""
    flat = [[len(m) for m in levels[0]]]
    for lv in levels[1:]:
        flat.append([sum(flat[-1][c] for c in m) for m in lv])
    out = []

    def visit(l, c, t):
        items = levels[l][c]
        if l == 0:
            if t >= len(items) or leaf == "c":
                out.extend(int(i) for i in items[:t])
            else:
                out.extend(int(items[p]) for p in random_subset(len(items), t, node_seed(seed, 1, c)))
            return
        q = best_cut_quotas([flat[l - 1][ch] for ch in items], t, node_seed(seed, l + 1, c))
        for ch, t2 in zip(items, q):
            if t2 > 0:
                visit(l - 1, int(ch), t2)

    top = len(levels) - 1
    for c, t in enumerate(best_cut_quotas(flat[top], size, node_seed(seed, len(levels) + 1, 0))):
        if t > 0:
            visit(top, c, t)
    return out


def hierarchical_kmeans(x32, ks, steps, samples, strategy, seed, iters):
    levels, inp32 = [], x32
    for l, (k, st, ss) in enumerate(zip(ks, steps, samples)):
        inp = inp32.astype(np.float64)
        cent, assign = lloyd(inp32, k, iters)
        for s in range(st if ss > 1 else 0):
            if strategy == "closest":
                picked = [i for m in sorted_members(inp, assign, cent) for i in m[:ss]]
            else:
                step_seed = cluster_seed(cluster_seed(seed, 2 * l + 1), s)
                picked = []
                for c in range(k):
                    m = np.flatnonzero(assign == c)
                    picked += [int(m[p]) for p in random_subset(len(m), ss, cluster_seed(step_seed, c))]
            if len(picked) < k:
                break
            cent, _ = lloyd(inp32[picked], k, iters)
            assign = nearest_l2(inp, cent)
        levels.append({"centroids": cent.astype(np.float64).tolist(), "assignment": assign.tolist(),
                       "clusters": [m.tolist() for m in sorted_members(inp, assign, cent)]})
        inp32 = cent
    return levels


# ----------------------------------------------------------------------------------------------- main
def main():
    assert Mt19937_64(5489)() == 14514284786278117030
    x32 = make_matrix()
    np.save(os.path.join(HERE, "unit.npy"), x32)
    x = x32.astype(np.float64)
    ref = {"source": "make_reference3.py (numpy float64 + cvxopt from ALGORITHMS.md 2.1-2.5, 10)"}

    assign, cent = spherical_lloyd(x, 10, 5, 20260311)
    ref["clusters"] = {"assignment": assign.tolist(), "centroids": cent.astype(np.float64).tolist()}

    sd = {}
    for keep in ("hard", "easy", "random"):
        order, dist, best, dup = semdedup_scores(x, assign, cent, keep, seed=99)
        sd[keep] = {"order": order, "centroid_distance": dist.tolist(),
                    "max_similarity": [None if not np.isfinite(b) else float(b) for b in best],
                    "duplicate_of": dup.tolist(),
                    "kept": {str(e): semdedup_kept(best, e) for e in (0.005, 0.01, 0.02)}}
        if keep == "hard":
            sd["keep_targets"] = {str(t): reachable_keep(best, t) for t in (0, 320, 350, 380, 400, 1000)}
    sd["seed"] = 99
    ref["semdedup"] = sd

    ref["dbp"] = [dbp(x, assign, cent, 240), dbp(x, assign, cent, 240, temperature=0.1, neighbours=4),
                  dbp(x, assign, cent, 100, ratio=0.0), dbp(x, assign, cent, 300, density="uniform"),
                  dbp(x, assign, cent, 151, density="clustersize"),
                  dbp(x, assign, cent, 150, ratio=1.0)]  # sum of lower bounds = size: a single point

    _, proto_cent = spherical_lloyd(x, 12, 1, 20260312)
    dist, nearest = prototype_scores(x, proto_cent)
    margin("prototypes distance", sorted_gap(dist))
    ref["prototypes"] = {"centroids": proto_cent.astype(np.float64).tolist(), "distance": dist.tolist(),
                         "nearest": nearest.tolist(), "size": 50,
                         "hard": np.argsort(-dist, kind="stable")[:50].tolist(),
                         "easy": np.argsort(dist, kind="stable")[:50].tolist()}

    rng = np.random.default_rng(20260313)
    refs = x[rng.choice(300, 12, replace=False)] + 0.2 * rng.normal(size=(12, D))
    refs = (refs / np.linalg.norm(refs, axis=1, keepdims=True)).astype(np.float32)
    r64 = refs.astype(np.float64)
    picks, score, who = target_match(x, r64, 60)
    short, short_score, short_who = target_match(x, r64, 60, depth=3)
    ref["target_matching"] = {"references": r64.tolist(), "size": 60, "selected": picks, "score": score,
                              "reference": who, "shallow_depth": 3, "shallow_selected": short,
                              "shallow_reference": short_who}

    labels = rng.choice(6, size=N, p=[0.4, 0.25, 0.15, 0.1, 0.07, 0.03])
    labels[rng.random(N) < 0.05] = -1
    sizes = [int(np.sum(labels == l)) for l in range(6)]
    quota = water_filling(sizes, 100)
    rand_sel, score_sel = [], []
    for l in range(6):
        m = np.flatnonzero(labels == l)
        rand_sel += [int(m[p]) for p in random_subset(len(m), quota[l], cluster_seed(5, l))]
        score_sel += m[np.argsort(-dist[m], kind="stable")][:quota[l]].tolist()
    ref["label_balance"] = {"labels": labels.tolist(), "size": 100, "seed": 5, "quota": quota,
                            "random": rand_sel, "by_score": score_sel}

    c1, a1 = lloyd(x32, 24, 5)
    c2, a2 = lloyd(c1, 6, 5)
    c3, a3 = lloyd(c2, 2, 5)
    levels = [sorted_members(x, a1, c1), sorted_members(c1.astype(np.float64), a2, c2),
              sorted_members(c2.astype(np.float64), a3, c3)]
    hs = {"levels": [{"centroids": c.astype(np.float64).tolist(), "assignment": a.tolist(),
                      "clusters": [m.tolist() for m in lv]}
                     for c, a, lv in zip((c1, c2, c3), (a1, a2, a3), levels)], "cases": []}
    for size, leaf, seed in ((150, "r", 11), (150, "c", 11), (7, "r", 3), (400, "r", 1), (333, "c", 2)):
        hs["cases"].append({"size": size, "leaf": leaf, "seed": seed,
                            "selected": hierarchical_sampling(levels, size, leaf, seed)})
    cut_rng = np.random.default_rng(20260314)
    hs["best_cut"] = []
    for _ in range(40):
        arr = cut_rng.integers(0, 30, size=int(cut_rng.integers(1, 12))).tolist()
        target = int(cut_rng.integers(0, sum(arr) + 5))
        seed = int(cut_rng.integers(0, 1 << 62))
        hs["best_cut"].append({"sizes": arr, "target": target, "seed": seed, "cut": best_cut(arr, target),
                               "quotas": best_cut_quotas(arr, target, seed)})
    ref["hierarchy"] = hs

    ref["hkmeans"] = {"iters": 6, "clusters": [12, 3], "steps": [2, 2], "samples": [10, 3], "seed": 3,
                      "closest": hierarchical_kmeans(x32, [12, 3], [2, 2], [10, 3], "closest", 3, 6),
                      "random": hierarchical_kmeans(x32, [12, 3], [2, 2], [10, 3], "random", 3, 6)}

    order, _, best, _ = semdedup_scores(x, assign, cent, "hard")
    count = reachable_keep(best, int(math.floor(0.9 * N)))
    kept = np.flatnonzero(best <= np.sort(best)[count - 1])
    yc, ya = lloyd(x32[kept], 8, 6)
    ydist, _ = prototype_scores(x[kept], yc)
    margin("d4 prototypes distance", sorted_gap(ydist))
    ref["d4"] = {"dedup_keep": 0.9, "clusters": 8, "iters": 6, "size": 250, "dedup_kept": int(len(kept)),
                 "selected": kept[np.argsort(-ydist, kind="stable")[:250]].tolist()}

    ref["margins"] = MARGINS
    with open(os.path.join(HERE, "reference3.json"), "w") as f:
        json.dump(ref, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for k, v in sorted(MARGINS.items()):
        print("%-32s %.3g" % (k, v))
    print("dbp cvxopt max difference: %s" % [round(d["cvxopt_max_difference"], 12) for d in ref["dbp"]])
    print("semdedup kept (hard): %s" % {e: len(v) for e, v in sd["hard"]["kept"].items()})
    print("cluster sizes: %s" % np.bincount(assign, minlength=10).tolist())


if __name__ == "__main__":
    main()
