#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Selection benchmarks: k-center greedy, k-means and the k-NN graph (core/select, core/index) against
ceilings and peers measured in the same run.

    /usr/bin/python3 bench/select_bench.py --build BUILD_DIR [options]

BUILD_DIR must hold bench/select/bench_select (`ninja -C BUILD_DIR bench_select`). Data: 100,000 x 512 seeded Gaussian-mixture embeddings, L2-normalised, written by
`bench_select generate` (generator and seed documented in bench/select/data.h), cached in
BUILD_DIR/bench-data/select; optionally Fashion-MNIST (raw pixels / 255, 70,000 x 784) from the Debian
package dataset-fashion-mnist.

Measures (ratio > 1 means Winnow is better; times exclude loading the data, both sides):
* k-center greedy of 1,000 (select::kCenterGreedy) against the memory-bandwidth bound: each pick reads the
  N x d float32 matrix once, so 1,000 picks cannot take less than 1,000 * N * d * 4 bytes divided by the
  copy bandwidth (read + written bytes of a 1 GiB memcpy over the same threads, measured in this run).
  Picks are checked against a float64 numpy implementation on the first 20,000 rows (numpy is too slow for
  all rows: about 0.1 s per pick).
* k-means (k = 1,000, 20 iterations, seed 1234) against faiss.Kmeans from Debian's python3-faiss with the
  same parameters, plus the final assignment of every row (index.search(x, 1)) on the Python side, since
  index::kmeans returns it. Python runs with OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=threads, the
  fastest setting for FAISS on a small machine (docs PERFORMANCE.md 2d); a second row gives FAISS's
  default setting (both pools at full width).
* k-NN graph (k = 20) by index::knnGraph (its automatic choice: IVF at 100,000 rows) against python3-faiss's
  IndexIVFFlat with the same nlist, training-set size and nprobe, searching k + 1 and dropping the row itself;
  typicality from each. Recall of both against a float64 numpy brute force on 2,000 seeded query rows;
  agreement = mean share of common neighbours per row.
* The exact graph (index::knnGraph with exact search) against faiss.IndexFlatL2 (skip with --skip-exact).
* Fashion-MNIST: the same three measures on 70,000 x 784 (skip with --skip-fashion).

Every contender gets the same threads (--threads, default all cores). With --repeat R the k-means and
k-NN comparisons run R rounds, contenders interleaved, and keep each one's fastest round (the machine may be
shared); CPU-time rows (user + system of the process, all threads) follow the wall-time rows.

Results go to stdout and BUILD_DIR/bench-data/select/results.md.
"""
import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import Table, log, verdict  # noqa: E402

HERE = os.path.abspath(__file__)
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


# --------------------------------------------------------------------------------------------------
# Peers: run in child processes (`select_bench.py --peer NAME ...`) so that thread settings apply before
# numpy/FAISS load their libraries. Each prints one JSON line.

def cpu_now():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peer_kmeans(a):
    import faiss
    import numpy as np
    x = np.load(a.data)
    t, c = time.perf_counter(), cpu_now()
    km = faiss.Kmeans(x.shape[1], a.k, niter=a.iterations, seed=a.seed, spherical=False)
    km.train(x)
    train = time.perf_counter() - t
    _, assign = km.index.search(x, 1)
    seconds, cpu = time.perf_counter() - t, cpu_now() - c
    np.save(a.out + ".centroids.npy", km.centroids)
    np.save(a.out + ".assign.npy", assign.ravel().astype(np.int64))
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "train_seconds": train,
                      "objective": [float(v) for v in km.obj]}))


def peer_knn(a):
    import faiss
    import numpy as np
    x = np.load(a.data)
    n, d = x.shape
    k = a.k
    t, c = time.perf_counter(), cpu_now()
    if a.nlist > 0:
        quantizer = faiss.IndexFlatL2(d)
        index = faiss.IndexIVFFlat(quantizer, d, a.nlist)
        sample = np.random.default_rng(a.seed).permutation(n)[: a.train_rows]
        index.train(x[sample])
        index.add(x)
        index.nprobe = a.nprobe
    else:
        index = faiss.IndexFlatL2(d)
        index.add(x)
    built = time.perf_counter() - t
    dist, ids = index.search(x, k + 1)
    searched = time.perf_counter() - t
    # Drop the row itself (by id; with duplicates it need not come first), else the last result.
    out_ids = np.empty((n, k), dtype=np.int64)
    out_d2 = np.empty((n, k), dtype=np.float32)
    is_self = ids == np.arange(n)[:, None]
    has_self = is_self.any(axis=1)
    drop = np.where(has_self, is_self.argmax(axis=1), k)
    keep = np.ones_like(ids, dtype=bool)
    keep[np.arange(n), drop] = False
    out_ids[:] = ids[keep].reshape(n, k)
    out_d2[:] = dist[keep].reshape(n, k)
    t2 = time.perf_counter()
    typ = 1.0 / (np.sqrt(np.maximum(out_d2, 0)).mean(axis=1) + 1e-5)
    typ_seconds = time.perf_counter() - t2
    seconds, cpu = time.perf_counter() - t, cpu_now() - c
    np.save(a.out + ".ids.npy", out_ids)
    np.save(a.out + ".typ.npy", typ)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "build_seconds": built,
                      "search_seconds": searched - built, "typicality_seconds": typ_seconds}))


def peer_kcenter(a):
    import numpy as np
    x = np.load(a.data)[: a.rows].astype(np.float64)
    t = time.perf_counter()
    n = len(x)
    mind = np.full(n, np.inf)
    selected = np.zeros(n, dtype=bool)
    order = []
    i = 0
    while len(order) < a.budget:
        order.append(i)
        selected[i] = True
        diff = x - x[i]
        mind = np.minimum(mind, np.einsum("ij,ij->i", diff, diff))
        masked = np.where(selected, -np.inf, mind)
        i = int(np.argmax(masked))
    seconds = time.perf_counter() - t
    np.save(a.out, np.array(order, dtype=np.int64))
    print(json.dumps({"seconds": seconds}))


def peer_truth(a):
    """Exact float64 neighbours (self excluded by index, (distance, id) order) of seeded query rows."""
    import numpy as np
    x = np.load(a.data).astype(np.float64)
    n = len(x)
    rows = np.sort(np.random.default_rng(a.seed).choice(n, size=min(a.queries, n), replace=False))
    norms = (x * x).sum(axis=1)
    ids = np.empty((len(rows), a.k), dtype=np.int64)
    dist = np.empty((len(rows), a.k))
    for b0 in range(0, len(rows), 256):
        q = rows[b0:b0 + 256]
        d2 = norms[q][:, None] + norms[None, :] - 2.0 * (x[q] @ x.T)
        for r, i in enumerate(q):
            row = d2[r]
            row[i] = np.inf
            cand = np.argpartition(row, a.k + 8)[: a.k + 8]
            exact = ((x[cand] - x[i]) ** 2).sum(axis=1)  # re-rank without cancellation
            order = np.lexsort((cand, exact))[: a.k]
            ids[b0 + r] = cand[order]
            dist[b0 + r] = np.sqrt(exact[order])
    np.save(a.out + ".rows.npy", rows)
    np.save(a.out + ".ids.npy", ids)
    np.save(a.out + ".dist.npy", dist)
    print(json.dumps({"queries": len(rows)}))


def run_peer(argv):
    p = argparse.ArgumentParser()
    p.add_argument("--peer", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--k", type=int, default=20)
    p.add_argument("--iterations", type=int, default=20)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--nlist", type=int, default=0)
    p.add_argument("--nprobe", type=int, default=1)
    p.add_argument("--train-rows", type=int, default=0)
    p.add_argument("--rows", type=int, default=0)
    p.add_argument("--budget", type=int, default=1000)
    p.add_argument("--queries", type=int, default=2000)
    a = p.parse_args(argv)
    {"kmeans": peer_kmeans, "knn": peer_knn, "kcenter": peer_kcenter, "truth": peer_truth}[a.peer](a)


# --------------------------------------------------------------------------------------------------
# Driver

class Context:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.exe = os.path.join(self.build, "bench", "select", "bench_select")
        if not os.access(self.exe, os.X_OK):
            sys.exit(f"select_bench.py: {self.exe} is missing; build it first (ninja -C BUILD_DIR bench_select)")
        self.data = os.path.abspath(args.data or os.path.join(self.build, "bench-data", "select"))
        self.work = os.path.join(self.data, "work")
        os.makedirs(self.work, exist_ok=True)
        self.threads = args.threads or os.cpu_count() or 1
        self.table = Table()
        self.truths = set()

    def env(self, omp, blas):
        e = dict(os.environ)
        e["OMP_NUM_THREADS"] = str(omp)
        e["OPENBLAS_NUM_THREADS"] = str(blas)
        e["PYTHONDONTWRITEBYTECODE"] = "1"
        return e

    def cpp(self, *args):
        cmd = [self.exe, *map(str, args)]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=self.env(self.threads, self.threads), timeout=3600)
        if proc.returncode != 0:
            raise benchlib.CommandFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
        return benchlib.last_json(proc.stdout)

    def peer(self, name, omp, blas, **kw):
        cmd = [PYTHON, HERE, "--peer", name]
        for key, value in kw.items():
            cmd += ["--" + key.replace("_", "-"), str(value)]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=self.env(omp, blas), timeout=7200)
        if proc.returncode != 0:
            raise benchlib.CommandFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
        return benchlib.last_json(proc.stdout)


def mixture_file(ctx):
    a = ctx.args
    path = os.path.join(ctx.data, f"mixture-{a.n}x{a.d}-c{a.components}-s{a.seed}.npy")
    if not os.path.exists(path):
        log(f"generating {path}")
        ctx.cpp("generate", "--out", path + ".tmp.npy", "--n", a.n, "--d", a.d, "--components", a.components,
                "--seed", a.seed, "--threads", ctx.threads)
        os.replace(path + ".tmp.npy", path)
    return path


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return raw[4 + 4 * dims:], shape


def fashion_file(ctx):
    import numpy as np
    path = os.path.join(ctx.data, "fashion-mnist-70000x784.npy")
    if not os.path.exists(path):
        parts = []
        for name in ("train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"):
            raw, shape = read_idx(os.path.join(ctx.args.fashion, name))
            parts.append(np.frombuffer(raw, dtype=np.uint8).reshape(shape[0], -1))
        x = (np.concatenate(parts).astype(np.float32) / 255.0)
        np.save(path + ".tmp.npy", x)
        os.replace(path + ".tmp.npy", path)
    return path


def fmt_s(seconds):
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def recall_against(truth_ids, truth_dist, rows, ids, dist=None):
    """Tie-tolerant recall@k of graph rows (ids[rows]) against exact lists."""
    import numpy as np
    k = truth_ids.shape[1]
    found = 0
    for r, i in enumerate(rows):
        truth = set(truth_ids[r].tolist())
        kth = truth_dist[r, -1]
        for t in range(k):
            j = int(ids[i, t])
            if j in truth or (dist is not None and dist[i, t] <= kth * (1 + 1e-6)):
                found += 1
    return found / (len(rows) * k)


def agreement(a, b):
    import numpy as np
    k = a.shape[1]
    same = 0
    for i in range(0, len(a)):
        same += len(set(a[i].tolist()) & set(b[i].tolist()))
    return same / (len(a) * k)


def measure_kcenter(ctx, label, data):
    import numpy as np
    a = ctx.args
    bw = ctx.cpp("bandwidth", "--threads", ctx.threads)
    ours = ctx.cpp("kcenter", "--data", data, "--budget", a.kcenter_budget)
    n, d = ours["rows"], ours["cols"]
    bound = a.kcenter_budget * n * d * 4 / (bw["copy_gbps"] * 1e9)
    ratio = bound / ours["seconds"]
    ctx.table.add(f"{label}: k-center greedy {a.kcenter_budget} of {n:,} x {d}", fmt_s(ours["seconds"]),
                  f"{fmt_s(bound)} (bandwidth bound, copy {bw['copy_gbps']:.1f} GB/s)", ratio, ">= 0.5x",
                  verdict(ratio >= 0.5))
    ctx.table.note(f"{label} k-center: {ours['seconds'] / a.kcenter_budget * 1000:.2f} ms per pick "
                   f"({n * d * 4 / 1e6:.0f} MB read per pick, {n * d * 4 / (ours['seconds'] / a.kcenter_budget) / 1e9:.1f} GB/s); "
                   f"CPU {ours['cpu_seconds']:.1f} s")
    rows = min(a.kcenter_numpy_rows, n)
    picks = os.path.join(ctx.work, "kcenter-ours.npy")
    sub = ctx.cpp("kcenter", "--data", data, "--budget", a.kcenter_budget, "--rows", rows, "--out", picks)
    ref = ctx.peer("kcenter", 1, ctx.threads, data=data, out=os.path.join(ctx.work, "kcenter-numpy.npy"),
                   rows=rows, budget=a.kcenter_budget)
    x, y = np.load(picks).ravel(), np.load(os.path.join(ctx.work, "kcenter-numpy.npy")).ravel()
    same = int(np.argmin(x == y)) if not np.array_equal(x, y) else len(x)
    ctx.table.add(f"{label}: k-center picks vs numpy float64 ({rows:,} rows)", fmt_s(sub["seconds"]),
                  f"{fmt_s(ref['seconds'])} (numpy float64)", ref["seconds"] / sub["seconds"], "same picks",
                  "pass" if same == len(x) else "MISS")
    if same != len(x):
        ctx.table.note(f"{label} k-center: picks agree for the first {same} of {len(x)}, "
                       f"{len(set(x) & set(y))} in common")


def measure_kmeans(ctx, label, data):
    import numpy as np
    a = ctx.args
    prefix = os.path.join(ctx.work, "kmeans-ours")
    peer_prefix = os.path.join(ctx.work, "kmeans-faiss")
    ours, best, default = benchlib.best_interleaved(a.repeat, [
        lambda: seconds_first(ctx.cpp("kmeans", "--data", data, "--k", a.kmeans_k, "--iterations", a.kmeans_iterations,
                                      "--seed", 1234, "--threads", ctx.threads, "--out", prefix)),
        lambda: seconds_first(ctx.peer("kmeans", 1, ctx.threads, data=data, out=peer_prefix, k=a.kmeans_k,
                                       iterations=a.kmeans_iterations, seed=1234)),
        lambda: seconds_first(ctx.peer("kmeans", ctx.threads, ctx.threads, data=data, out=peer_prefix + "-default",
                                       k=a.kmeans_k, iterations=a.kmeans_iterations, seed=1234)),
    ])
    ours, best, default = ours[1], best[1], default[1]
    n, d = ours["rows"], ours["cols"]
    name = f"{label}: k-means k={a.kmeans_k}, {a.kmeans_iterations} it, {n:,} x {d}"
    ratio = best["seconds"] / ours["seconds"]
    ctx.table.add(name, fmt_s(ours["seconds"]), f"{fmt_s(best['seconds'])} (faiss.Kmeans, OMP 1 / BLAS {ctx.threads})",
                  ratio, ">= 0.83x (<= 1.2x its time)", verdict(ratio >= 1 / 1.2))
    ratio = best["cpu_seconds"] / ours["cpu_seconds"]
    ctx.table.add(name + ", CPU time", f"{ours['cpu_seconds']:.1f} s", f"{best['cpu_seconds']:.1f} s (same)", ratio,
                  ">= 0.83x", verdict(ratio >= 1 / 1.2))
    ctx.table.add(name + ", FAISS default threads", fmt_s(ours["seconds"]),
                  f"{fmt_s(default['seconds'])} (faiss.Kmeans, OMP {ctx.threads} / BLAS {ctx.threads})",
                  default["seconds"] / ours["seconds"])
    c1, c2 = np.load(prefix + ".centroids.npy"), np.load(peer_prefix + ".centroids.npy")
    a1, a2 = np.load(prefix + ".assign.npy").ravel(), np.load(peer_prefix + ".assign.npy").ravel()
    o1, o2 = ours["objective"][-1], best["objective"][-1]
    ctx.table.note(f"{label} k-means: same result as faiss.Kmeans (same seed and initialisation): max |centroid "
                   f"difference| {np.abs(c1 - c2).max():.2g}, assignments {np.mean(a1 == a2) * 100:.3f} % equal, "
                   f"final objective {o1:.6g} vs {o2:.6g}; ours: iterations {ours['stages'].get('k-means', [0])[0]:.2f} s, "
                   f"final assignment and distances {ours['stages'].get('k-means assignment', [0])[0]:.2f} s "
                   f"(Python: training {best['train_seconds']:.2f} s, then index.search)")


def seconds_first(result):
    """(seconds, result) for benchlib.best_interleaved."""
    return (result["seconds"], result)


def measure_knn(ctx, label, data, exact):
    import numpy as np
    a = ctx.args
    k = a.knn_k
    tag = "exact" if exact else "auto"
    prefix = os.path.join(ctx.work, f"knn-{tag}-ours")
    run_ours = lambda: seconds_first(ctx.cpp("knn", "--data", data, "--k", k, "--threads", ctx.threads,  # noqa: E731
                                             "--exact", int(exact), "--out", prefix))
    first = run_ours()[1]
    n, d = first["rows"], first["cols"]
    truth = os.path.join(ctx.work, "truth-" + label)
    if truth not in ctx.truths:  # once per data set and run
        ctx.peer("truth", 1, ctx.threads, data=data, out=truth, k=k, queries=a.numpy_queries, seed=7)
        ctx.truths.add(truth)
    t_rows, t_ids, t_dist = (np.load(truth + ".rows.npy"), np.load(truth + ".ids.npy"), np.load(truth + ".dist.npy"))
    ids, dist, typ = np.load(prefix + ".ids.npy"), np.load(prefix + ".dist.npy"), np.load(prefix + ".typ.npy").ravel()
    nlist = first["nlist"] if not first["exact"] else 0
    peer_prefix = os.path.join(ctx.work, f"knn-{tag}-faiss")
    run_peer = lambda: seconds_first(ctx.peer(  # noqa: E731
        "knn", 1 if nlist == 0 else ctx.threads, ctx.threads if nlist == 0 else 1, data=data, out=peer_prefix, k=k,
        nlist=nlist, nprobe=max(1, first["nprobe"]), train_rows=first["train_rows"], seed=5))
    peer = run_peer()[1]
    if a.repeat > 1:
        again = benchlib.best_interleaved(a.repeat - 1, [run_ours, run_peer])
        ours = min(first, again[0][1], key=lambda r: r["seconds"])
        peer = min(peer, again[1][1], key=lambda r: r["seconds"])
    else:
        ours = first
    p_ids, p_typ = np.load(peer_prefix + ".ids.npy"), np.load(peer_prefix + ".typ.npy").ravel()
    r_ours = recall_against(t_ids, t_dist, t_rows, ids, dist)
    r_peer = recall_against(t_ids, t_dist, t_rows, p_ids)
    kind = ours["type"]
    ratio = peer["seconds"] / ours["seconds"]
    ctx.table.add(f"{label}: k-NN graph k={k}, {n:,} x {d}, {kind}", f"{fmt_s(ours['seconds'])}, recall {r_ours:.3f}",
                  f"{fmt_s(peer['seconds'])}, recall {r_peer:.3f} (python3-faiss {kind}"
                  + (f", nprobe {ours['nprobe']})" if nlist else ")"), ratio)
    ctx.table.add(f"{label}: k-NN graph, CPU time", f"{ours['cpu_seconds']:.1f} s", f"{peer['cpu_seconds']:.1f} s (same)",
                  peer["cpu_seconds"] / ours["cpu_seconds"])
    typ_truth = 1.0 / (t_dist.mean(axis=1) + 1e-5)
    rel = np.abs(typ[t_rows] - typ_truth) / typ_truth
    prel = np.abs(p_typ[t_rows] - typ_truth) / typ_truth
    ctx.table.add(f"{label}: typicality k={k} from the graph", f"{fmt_s(ours['typicality_seconds'])}",
                  f"{fmt_s(peer['typicality_seconds'])} (numpy on the FAISS result)",
                  peer["typicality_seconds"] / max(ours["typicality_seconds"], 1e-6))
    ctx.table.note(f"{label} k-NN {kind}: {ours['reason']}; recall measured by knnGraph {ours['recall']:.4f} "
                   f"(tuned {ours['tuned_recall']:.4f}); against numpy float64 on {len(t_rows)} rows: ours "
                   f"{r_ours:.4f}, FAISS {r_peer:.4f}; neighbour agreement ours/FAISS {agreement(ids, p_ids) * 100:.2f} %; "
                   f"typicality vs numpy: ours max rel. diff {rel.max():.2g} (mean {rel.mean():.2g}), FAISS "
                   f"{prel.max():.2g} (mean {prel.mean():.2g}); ours wall/CPU by stage "
                   + ", ".join(f"{s} {w:.1f}/{c:.1f} s" for s, (w, c) in ours["stages"].items())
                   + f"; FAISS build {peer['build_seconds']:.1f} s, search {peer['search_seconds']:.1f} s, "
                   f"CPU {peer['cpu_seconds']:.1f} s (ours {ours['cpu_seconds']:.1f} s)")


def step(ctx, name, fn, *args):
    log(name)
    start = time.time()
    try:
        fn(ctx, *args)
    except (benchlib.CommandFailed, OSError, ValueError, KeyError, subprocess.TimeoutExpired) as e:
        ctx.table.error(name, str(e).strip().splitlines()[0] if str(e).strip() else repr(e))
        log(f"{name}: {e}")
    log(f"{name}: {time.time() - start:.0f} s")


def main():
    if "--peer" in sys.argv:
        return run_peer(sys.argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build")
    parser.add_argument("--data", help="cache of generated data (default BUILD/bench-data/select)")
    parser.add_argument("--threads", type=int, default=0, help="threads for every contender (default: all cores)")
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--d", type=int, default=512)
    parser.add_argument("--components", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20260401)
    parser.add_argument("--kcenter-budget", type=int, default=1000)
    parser.add_argument("--kcenter-numpy-rows", type=int, default=20000)
    parser.add_argument("--kmeans-k", type=int, default=1000)
    parser.add_argument("--kmeans-iterations", type=int, default=20)
    parser.add_argument("--knn-k", type=int, default=20)
    parser.add_argument("--numpy-queries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of the k-means and k-NN comparisons, contenders interleaved, fastest kept")
    parser.add_argument("--skip-exact", action="store_true", help="skip the exact k-NN graphs (minutes each)")
    parser.add_argument("--skip-fashion", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated subset of kcenter,kmeans,knn")
    parser.add_argument("--fashion", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    ctx = Context(args)
    only = set(filter(None, args.only.split(",")))
    want = lambda m: not only or m in only  # noqa: E731
    log(benchlib.machine_line(ctx.threads) + f", load average {benchlib.load_average():.1f}")
    datasets = [("mixture", mixture_file(ctx))]
    if not args.skip_fashion and os.path.isdir(args.fashion):
        datasets.append(("Fashion-MNIST", fashion_file(ctx)))
    elif not args.skip_fashion:
        ctx.table.note(f"Fashion-MNIST left out: {args.fashion} not found (Debian package dataset-fashion-mnist)")
    for label, data in datasets:
        if want("kcenter"):
            step(ctx, f"{label} k-center", measure_kcenter, label, data)
        if want("kmeans"):
            step(ctx, f"{label} k-means", measure_kmeans, label, data)
        if want("knn"):
            step(ctx, f"{label} k-NN graph", measure_knn, label, data, False)
            if not args.skip_exact:
                step(ctx, f"{label} exact k-NN graph", measure_knn, label, data, True)
    ctx.table.note(benchlib.machine_line(ctx.threads) + f"; load average at the end {benchlib.load_average():.1f}")
    text = ctx.table.text()
    print(text)
    with open(os.path.join(ctx.data, "results.md"), "w") as f:
        f.write(ctx.table.markdown())
    return 1 if any(r[-1] == "ERROR" for r in ctx.table.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
