#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""2-D layouts (core/map) against umap-learn and scikit-learn's t-SNE, in one run on one machine.

    /usr/bin/python3 bench/map_bench.py --build BUILD_DIR [--embeddings X.npy | --builtin] [--threads N] [--no-70k]

Input: the first 10,000 Fashion-MNIST training images (Debian dataset-fashion-mnist) as embeddings:
--embeddings X.npy (float32 rows matching the train images in order, e.g. the built-in embedder's
output), --builtin (the built-in embedding, made here through the shipping CLI: a project
BUILD_DIR/bench-data/map/fashion-builtin/fashion-mnist.winnow with all 70,000 images, `winnow-cli embed`,
`winnow-cli embeddings export`, rows put in train-then-test IDX order; the issue's measure) or, by default,
PCA-50 of the raw pixels / 255 computed here (numpy, float64 eigh of the covariance). Contenders on the same
matrix, one after another:

* Winnow (BUILD_DIR/bench/map/bench_map): exact kNN graph by blocked OpenBLAS sgemm (timed apart), then
  map::umap (k 15) or map::tsne (perplexity 30, FFT gradient, 750 iterations);
* umap-learn (Debian umap-learn), default parameters, no random_state so that it runs in parallel; its
  import and numba JIT warm-up (a fit on 1,000 rows first) are reported apart and not counted;
* scikit-learn TSNE (Barnes-Hut, 1000 iterations, init pca, learning rate auto, n_jobs = threads).

Quality: trustworthiness with k = 10 (scikit-learn's definition) of every layout, computed by
bench_map trust (map::trustworthiness, checked against sklearn.manifold.trustworthiness in tests/map;
--check-sklearn recomputes one value with scikit-learn here, about 2.5 GB of RAM). Times: the work
itself (Winnow: kNN + layout as bench_map measures them; peers: the fit call) in wall seconds, and the
CPU seconds of the whole process. The machine is shared, so the CPU ratio is the steadier figure.
Then the full 70,000 images (train + test, PCA-50 fitted on all 70,000): Winnow's UMAP and t-SNE times
(--peers-70k adds umap-learn, --trust-70k the trustworthiness of Winnow's layouts). With --builtin, also
`winnow-cli map` on the 70,000-image project (FAISS k-NN graph, caching included) and its cached re-read.
The table goes to stdout and BUILD_DIR/bench-data/map/results.md.
"""

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import CommandFailed, Table, last_json, load_average, log, machine_line, timed  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if int.from_bytes(data[0:4], "big") != 0x0803:
        raise ValueError(f"{path}: not an IDX image file")
    n, rows, cols = (int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)


def pca(x, components):
    x = x.astype(np.float64)
    centred = x - x.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    return (centred @ vectors[:, np.argsort(values)[::-1][:components]]).astype(np.float32)


def builtin_project(build, work):
    """The 70,000-image Fashion-MNIST project embedded by the built-in embedder (made once, through winnow-cli);
    returns (project path, .npy of its embeddings in train-then-test IDX order, columns)."""
    cli = os.path.join(build, "app/cli/winnow-cli")
    folder = os.path.join(work, "fashion-builtin")
    os.makedirs(folder, exist_ok=True)
    project = os.path.join(folder, "fashion-mnist.winnow")
    if not os.path.exists(project):
        log(f"builtin: creating {project}")
        timed([cli, "create", project])
    log("builtin: importing Fashion-MNIST (rerun: nothing to add)")
    run = timed([cli, "ingest", project, FASHION, "--dataset", "fashion-mnist", "--quiet", "--json"], ok_codes=(0, 1),
                timeout=7200)
    log(f"builtin: import {run.seconds:.1f} s")
    run = timed([cli, "embed", project, "--quiet", "--json"], ok_codes=(0, 1), timeout=7200)
    doc = last_json(run.out)
    log(f"builtin: embed {run.seconds:.1f} s ({doc.get('embedded', 0)} new vectors, dim {doc.get('dim')})")
    exported = os.path.join(folder, "builtin.npy")
    timed([cli, "embeddings", "export", project, exported, "--embedder", "builtin", "--json"], timeout=7200)
    emb = np.load(exported)
    ids = np.load(os.path.join(folder, "builtin.ids.npy"))
    listed = json.loads(timed([cli, "samples", project, "--json"], timeout=7200).out)["samples"]
    where = {s["id"]: (0 if "train-images" in os.path.basename(s["uri"]) else 1, int(s["member"] or 0))
             for s in listed}
    order = sorted(range(len(ids)), key=lambda r: where[int(ids[r])])
    if len(order) != 70000 or where[int(ids[order[0]])] != (0, 0):
        raise SystemExit(f"builtin: expected 70,000 embedded images starting with train record 0, got {len(order)}")
    path = os.path.join(folder, "builtin-idx-order.npy")
    np.save(path, emb[order].astype(np.float32))
    return project, path, emb.shape[1]


def prepare(args, work):
    """Writes x10k.npy (and x70k.npy) into work; returns their paths and a description."""
    os.makedirs(work, exist_ok=True)
    x10k, x70k = os.path.join(work, "x10k.npy"), os.path.join(work, "x70k.npy")
    if args.builtin:
        args.project, args.embeddings, columns = builtin_project(os.path.abspath(args.build), work)
        x10k, x70k, _ = prepare_from(args.embeddings, x10k, x70k)
        return x10k, x70k, f"the built-in embedding ({columns} columns; winnow-cli embed on all 70,000 images)"
    if args.embeddings:
        return prepare_from(args.embeddings, x10k, x70k)
    return prepare_pca(args, work, x10k, x70k)


def prepare_from(embeddings, x10k, x70k):
    emb = np.load(embeddings).astype(np.float32)
    if emb.ndim != 2 or len(emb) < 10000:
        raise SystemExit(f"{embeddings}: need a 2-D array with at least 10,000 rows")
    np.save(x10k, emb[:10000])
    if len(emb) >= 70000:
        np.save(x70k, emb[:70000])
    elif os.path.exists(x70k):
        os.remove(x70k)
    stamp = os.path.join(os.path.dirname(x10k), "stamp.json")
    if os.path.exists(stamp):
        os.remove(stamp)  # x10k/x70k no longer hold the PCA-50 input
    return x10k, (x70k if len(emb) >= 70000 else None), f"{embeddings} ({emb.shape[1]} columns)"


def prepare_pca(args, work, x10k, x70k):
    stamp = os.path.join(work, "stamp.json")
    want = {"input": "pca50-raw-pixels", "version": 1}
    if not (os.path.exists(stamp) and json.load(open(stamp)) == want and os.path.exists(x10k)
            and os.path.exists(x70k)):
        log("computing PCA-50 of the Fashion-MNIST pixels (10,000 and 70,000 rows)")
        train = read_idx_images(os.path.join(FASHION, "train-images-idx3-ubyte.gz"))
        test = read_idx_images(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz"))
        pixels = np.vstack([train, test]).astype(np.float32) / 255
        np.save(x10k, pca(pixels[:10000], 50))
        np.save(x70k, pca(pixels, 50))
        json.dump(want, open(stamp, "w"))
    return x10k, x70k, "PCA-50 of the raw pixels / 255 (float64 eigh, fitted per set)"


# --- peers, each run in a child process of this script (--peer) -------------------------------------

def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peer_main(args):
    import warnings
    warnings.filterwarnings("ignore")
    x = np.load(args.data)
    doc = {}
    start = time.perf_counter()
    if args.peer == "umap":
        import umap
        doc["import_seconds"] = time.perf_counter() - start
        doc["version"] = umap.__version__ if hasattr(umap, "__version__") else "?"
        w0, c0 = time.perf_counter(), cpu_seconds()
        umap.UMAP(n_neighbors=15).fit_transform(x[:1000])
        doc["warmup_seconds"], doc["warmup_cpu"] = time.perf_counter() - w0, cpu_seconds() - c0
        fit = lambda: umap.UMAP(n_neighbors=15).fit_transform(x)  # noqa: E731
    else:
        import sklearn
        from sklearn.manifold import TSNE
        doc["import_seconds"] = time.perf_counter() - start
        doc["version"] = sklearn.__version__
        fit = lambda: TSNE(n_components=2, init="pca", learning_rate="auto", n_jobs=args.threads,  # noqa: E731
                           random_state=0).fit_transform(x)
    f0, c0 = time.perf_counter(), cpu_seconds()
    layout = fit()
    doc["fit_seconds"], doc["fit_cpu"] = time.perf_counter() - f0, cpu_seconds() - c0
    np.save(args.out, np.asarray(layout, dtype=np.float32))
    print(json.dumps(doc))


# --- the measures ------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.exe = os.path.join(self.build, "bench/map/bench_map")
        self.work = os.path.join(self.build, "bench-data/map")
        self.threads = str(args.threads)
        self.table = Table()
        self.env = dict(os.environ, NUMBA_NUM_THREADS=self.threads, OMP_NUM_THREADS=self.threads,
                        OPENBLAS_NUM_THREADS=self.threads, PYTHONDONTWRITEBYTECODE="1")

    def ours(self, data, method, out):
        run = timed([self.exe, "layout", "--data", data, "--method", method, "--threads", self.threads,
                     "--out", out], timeout=7200)
        doc = last_json(run.out)
        doc["wall"], doc["cpu"] = run.seconds, run.cpu
        doc["work"] = doc["knn_seconds"] + doc["layout_seconds"]
        log(f"winnow {method} n={doc['n']}: kNN {doc['knn_seconds']:.2f} s + layout {doc['layout_seconds']:.2f} s, "
            f"process CPU {run.cpu:.1f} s")
        return doc

    def peer(self, data, which, out):
        cmd = [sys.executable, os.path.abspath(__file__), "--peer", which, "--data", data, "--out", out,
               "--threads", self.threads, "--build", self.build]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env,
                              timeout=7200)
        if proc.returncode != 0:
            raise CommandFailed(f"{which}: exit {proc.returncode}: " + proc.stderr.strip()[-400:])
        doc = last_json(proc.stdout)
        rows = len(np.load(data, mmap_mode="r"))
        log(f"{which} n={rows}: fit {doc['fit_seconds']:.2f} s, CPU {doc['fit_cpu']:.1f} s")
        return doc

    def project_map(self, project):
        """winnow-cli map on the whole project: the shipping path (FAISS k-NN graph, layout, caching)."""
        cli = os.path.join(self.build, "app/cli/winnow-cli")
        for method in ("umap",) + (() if self.args.no_tsne_70k else ("tsne",)):
            log(f"70k: winnow-cli map --method {method} (computed, then read from the cache)")
            run = timed([cli, "map", project, "--method", method, "--recompute", "--quiet", "--json"], timeout=7200)
            doc = last_json(run.out)
            again = timed([cli, "map", project, "--method", method, "--quiet", "--json"], timeout=600)
            cached = last_json(again.out)
            info = doc["info"]
            label = "UMAP" if method == "umap" else "t-SNE"
            self.table.add(f"{label} {doc['rows']:,} (winnow-cli map, project): time", f"{doc['seconds']:.1f} s", "—",
                           None)
            self.table.note(f"winnow-cli map {method} on the project ({doc['rows']:,} samples): layout with its k-NN "
                            f"graph {doc['seconds']:.1f} s (graph {info.get('knn')}, recall "
                            f"{info.get('knn_recall', 1):.3f}, k {info.get('knn_k')}, from the cache: "
                            f"{info.get('knn_cached')}); whole command {run.seconds:.1f} s wall, {run.cpu:.0f} s CPU; "
                            f"second run read from the cache ({cached['cached']}) in {again.seconds:.2f} s wall")

    def trust(self, data, layout):
        run = timed([self.exe, "trust", "--data", data, "--layout", layout, "--k", "10", "--threads", self.threads],
                    timeout=7200)
        return last_json(run.out)["trustworthiness"]

    def compare(self, label, ours, ours_trust, base, base_trust, base_name, n, targets):
        """Rows for one method against one peer: time (wall, CPU) and trustworthiness. With targets, the
        issue's aim applies (less time, equal or better trustworthiness); otherwise the rows only report."""
        t = self.table
        def aim(passed, text):
            return (text, "pass" if passed else "MISS") if targets else ("—", "—")

        t.add(f"{label} {n:,}: time (kNN + layout)", f"{ours['work']:.2f} s",
              f"{base['fit_seconds']:.2f} s ({base_name})", base["fit_seconds"] / ours["work"],
              *aim(ours["work"] < base["fit_seconds"], "> 1x"))
        t.add(f"{label} {n:,}:   same, CPU seconds", f"{ours['cpu']:.1f} s", f"{base['fit_cpu']:.1f} s ({base_name})",
              base["fit_cpu"] / ours["cpu"], *aim(ours["cpu"] < base["fit_cpu"], "> 1x"))
        t.add(f"{label} {n:,}: trustworthiness k=10", f"{ours_trust:.4f} ({ours_trust - base_trust:+.4f})",
              f"{base_trust:.4f} ({base_name})", None, *aim(ours_trust >= base_trust, ">= peer"))

    def run(self):
        args = self.args
        x10k, x70k, described = prepare(args, self.work)
        self.table.note(f"input: first 10,000 Fashion-MNIST training images as {described}; "
                        f"{machine_line(args.threads)}; load average {load_average():.1f} at the start")
        out = lambda name: os.path.join(self.work, name)  # noqa: E731

        log("10k: Winnow UMAP, t-SNE and PCA")
        umap_ours = self.ours(x10k, "umap", out("winnow-umap-10k.npy"))
        tsne_ours = self.ours(x10k, "tsne", out("winnow-tsne-10k.npy"))
        self.ours(x10k, "pca", out("winnow-pca-10k.npy"))
        log("10k: umap-learn (import and JIT warm-up first)")
        umap_peer = self.peer(x10k, "umap", out("umap-learn-10k.npy"))
        log("10k: scikit-learn t-SNE")
        tsne_peer = self.peer(x10k, "tsne", out("sklearn-tsne-10k.npy"))
        log("10k: trustworthiness of every layout")
        trust = {name: self.trust(x10k, out(f"{name}-10k.npy"))
                 for name in ("winnow-umap", "winnow-tsne", "winnow-pca", "umap-learn", "sklearn-tsne")}

        self.compare("UMAP", umap_ours, trust["winnow-umap"], umap_peer, trust["umap-learn"], "umap-learn", 10000, True)
        self.compare("t-SNE", tsne_ours, trust["winnow-tsne"], tsne_peer, trust["sklearn-tsne"], "sklearn TSNE", 10000,
                     False)
        self.table.add("PCA 10,000: trustworthiness k=10 (reference)", f"{trust['winnow-pca']:.4f}", "—", None)
        self.table.note(f"the issue's aim (equal or better trustworthiness in less time than umap-learn) is checked on "
                        f"the UMAP rows; Winnow's t-SNE against umap-learn: trustworthiness {trust['winnow-tsne']:.4f} "
                        f"vs "
                        f"{trust['umap-learn']:.4f}, {tsne_ours['work']:.1f} s vs {umap_peer['fit_seconds']:.1f} s "
                        f"({tsne_ours['cpu']:.1f} vs {umap_peer['fit_cpu']:.1f} CPU seconds)")
        self.table.note(f"umap-learn {umap_peer['version']}: import {umap_peer['import_seconds']:.1f} s and numba JIT "
                        f"warm-up (a first fit on 1,000 rows) {umap_peer['warmup_seconds']:.1f} s wall / "
                        f"{umap_peer['warmup_cpu']:.1f} s CPU, not counted; fit without random_state (parallel, "
                        f"NUMBA_NUM_THREADS={self.threads}). scikit-learn {tsne_peer['version']}: import "
                        f"{tsne_peer['import_seconds']:.1f} s, not counted.")
        for name, doc in (("UMAP", umap_ours), ("t-SNE", tsne_ours)):
            stages = ", ".join(f"{k} {v:.2f} s" for k, v in doc["stages"].items())
            self.table.note(f"Winnow {name} 10,000: exact kNN (OpenBLAS sgemm) {doc['knn_seconds']:.2f} s; layout "
                            f"{doc['layout_seconds']:.2f} s ({stages}); whole process {doc['wall']:.2f} s wall, "
                            f"{doc['cpu']:.1f} s CPU")
        if args.check_sklearn:
            from sklearn.manifold import trustworthiness
            value = trustworthiness(np.load(x10k), np.load(out("winnow-umap-10k.npy")), n_neighbors=10)
            self.table.note(f"check: sklearn.manifold.trustworthiness of Winnow's UMAP layout = {value:.6f} "
                            f"(bench_map trust: {trust['winnow-umap']:.6f})")

        if not args.no_70k and x70k:
            log("70k: Winnow UMAP" + ("" if args.no_tsne_70k else " and t-SNE"))
            for method in ["umap"] + ([] if args.no_tsne_70k else ["tsne"]):
                doc = self.ours(x70k, method, out(f"winnow-{method}-70k.npy"))
                label = "UMAP" if method == "umap" else "t-SNE"
                extra = ""
                if args.trust_70k:
                    extra = f", trustworthiness {self.trust(x70k, out(f'winnow-{method}-70k.npy')):.4f}"
                if method == "umap" and args.peers_70k:
                    peer = self.peer(x70k, "umap", out("umap-learn-70k.npy"))
                    self.table.add(f"{label} 70,000: time (kNN + layout)", f"{doc['work']:.1f} s",
                                   f"{peer['fit_seconds']:.1f} s (umap-learn)", peer["fit_seconds"] / doc["work"])
                else:
                    self.table.add(f"{label} 70,000: time (kNN + layout)", f"{doc['work']:.1f} s", "—", None)
                self.table.note(f"Winnow {label} 70,000: exact kNN {doc['knn_seconds']:.1f} s + layout "
                                f"{doc['layout_seconds']:.1f} s; process CPU {doc['cpu']:.0f} s{extra}")

        if args.builtin and not args.no_70k:
            self.project_map(args.project)

        text = self.table.text()
        print(text)
        with open(os.path.join(self.work, "results.md"), "w") as f:
            f.write(f"# map benchmark, {time.strftime('%Y-%m-%d %H:%M')}\n\n{self.table.markdown()}")
        return 1 if any(r[-1] == "ERROR" for r in self.table.rows) else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True, help="build folder holding bench/map/bench_map")
    parser.add_argument("--embeddings", help=".npy embeddings, rows in Fashion-MNIST train order (default: PCA-50)")
    parser.add_argument("--builtin", action="store_true",
                        help="input: the built-in embedding of a Fashion-MNIST project made with winnow-cli")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="threads of every contender")
    parser.add_argument("--no-70k", action="store_true", help="skip the 70,000-sample runs")
    parser.add_argument("--no-tsne-70k", action="store_true", help="skip Winnow's t-SNE on 70,000")
    parser.add_argument("--peers-70k", action="store_true", help="also time umap-learn on 70,000")
    parser.add_argument("--trust-70k", action="store_true", help="trustworthiness of the 70,000 layouts (slow)")
    parser.add_argument("--check-sklearn", action="store_true", help="recompute one trustworthiness with sklearn")
    parser.add_argument("--peer", choices=["umap", "tsne"], help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        return peer_main(args)
    if args.builtin and args.embeddings:
        raise SystemExit("--builtin and --embeddings exclude each other")
    if not os.access(os.path.join(args.build, "bench/map/bench_map"), os.X_OK):
        raise SystemExit(f"{args.build}/bench/map/bench_map is missing: configure with "
                         f"-DWINNOW_EXTRA_CORE_MODULES=map and build the bench_map target")
    import importlib.util
    if importlib.util.find_spec("umap") is None:
        raise SystemExit("umap-learn is missing: apt-get install umap-learn")
    return Bench(args).run()


if __name__ == "__main__":
    sys.exit(main())
