#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built-in embedder on the whole Fashion-MNIST (60,000 train / 10,000 t10k), against PCA-50 of the raw
pixels computed in the same run:

    /usr/bin/python3 bench/embed_bench.py --build BUILD_DIR [--threads N] [--crops N] [--fit N]

BUILD_DIR/bench/embed/bench_embed fits the embedder on 10,000 spread training images, embeds all 70,000
(timed, all cores) and 2,000 t10k images re-encoded as JPEG (q75), and writes the embeddings. This script
then computes, with scikit-learn (brute-force k-NN, independent of the C++ evaluation, whose figures must
agree): k-NN (k = 10, majority vote) t10k label accuracy of the embeddings and of PCA-50 of the raw pixels,
and retrieval@1 of the JPEG re-encodes among the 2,000 originals. Throughput is compared with the numpy
reference implementation of the same raw features (tests/data/embed/make_reference.py, one process) on a
sample. With colour photographs available (scikit-learn's and matplotlib's sample images), random crops of
them measure JPEG retrieval on colour content too (C++ side; baseline PCA-50 of 32 x 32 RGB thumbnails).
With --store-rows N (default 1,000,000; 0 skips it), BUILD_DIR/bench/embed/bench_embedstore writes N x 512
seeded float32 rows through curate::EmbeddingWriter into a temporary project and times curate::loadEmbeddings
of all of them, against numpy reading the same .f32 file (np.fromfile) in the same run: with a cold page
cache (the files' pages dropped with posix_fadvise(DONTNEED) before every read, since dropping the whole
cache needs root) and a warm one, interleaved rounds, fastest kept. --store-only runs just that step.
Prints the table and writes it to BUILD_DIR/bench-data/embed-results.md."""

import argparse
import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (CommandFailed, PageCache, Table, best_interleaved, last_json, log, machine_line,  # noqa: E402
                      timed, verdict)

FASHION = "/usr/share/datasets/fashion-mnist"
PHOTOS = ["/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg",
          "/usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg",
          "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(data[3])]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def knn_accuracy(train, train_labels, test, test_labels, k=10):
    from sklearn.neighbors import KNeighborsClassifier
    clf = KNeighborsClassifier(n_neighbors=k, algorithm="brute", n_jobs=-1).fit(train, train_labels)
    return float((clf.predict(test) == test_labels).mean())


def retrieval_at_1(base, queries):
    from sklearn.neighbors import NearestNeighbors
    nn = NearestNeighbors(n_neighbors=1, algorithm="brute").fit(base)
    return float((nn.kneighbors(queries, return_distance=False)[:, 0] == np.arange(len(queries))).mean())


def numpy_reference_rate(images, count):
    """Images per second of make_reference.py's raw_features (numpy float64, one process)."""
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "make_reference", os.path.join(here, "..", "tests", "data", "embed", "make_reference.py"))
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    sample = [images[i][:, :, None] for i in range(count)]
    start = time.perf_counter()
    for im in sample:
        ref.raw_features(im)
    return count / (time.perf_counter() - start)


def evict(paths):
    """Drops the page-cache pages of these files (posix_fadvise DONTNEED; works without root for clean pages)."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def resident_mb(path):
    """Megabytes of the file in the page cache (util-linux fincore), or None when it cannot tell."""
    try:
        out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", path], capture_output=True,
                             text=True, check=True).stdout.split()
        return int(out[0]) / 1e6
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError):
        return None


def store_measure(build, rows, dim, repeat):
    """Writes rows x dim through the embedding store into a temporary project, then times loadEmbeddings
    against np.fromfile of the same .f32, cold and warm. Returns a dict of figures."""
    exe = os.path.join(build, "bench/embed/bench_embedstore")
    if not os.path.exists(exe):
        raise CommandFailed(f"{exe} is missing: cmake --build {build} --target bench_embedstore")
    parent = os.path.join(build, "bench-data")
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix="embedstore-", dir=parent)
    try:
        project = os.path.join(work, "store.winnow")
        log(f"bench_embedstore: writing {rows:,} x {dim} float32 through the embedding store")
        written = last_json(timed([exe, "write", "--project", project, "--rows", str(rows), "--dim", str(dim)],
                                  timeout=3600).out)
        f32 = written["f32"]
        files = [f32, written["ids"]] + [p for p in (project, project + "-wal") if os.path.exists(p)]
        gigabytes = rows * dim * 4 / 1e9

        def ours():
            doc = last_json(timed([exe, "load", "--project", project], timeout=3600).out)
            if doc["rows"] != rows or doc["dim"] != dim:
                raise CommandFailed(f"loadEmbeddings gave {doc['rows']} x {doc['dim']}")
            return doc["best_seconds"], doc

        def numpy_read():
            start = time.perf_counter()
            a = np.fromfile(f32, dtype="<f4").reshape(-1, dim)
            seconds = time.perf_counter() - start
            if a.shape != (rows, dim):
                raise CommandFailed(f"np.fromfile gave {a.shape}")
            del a
            return seconds, None

        def cxx_read(hugepages):
            def go():
                doc = last_json(timed([exe, "read", "--file", f32, "--hugepages", str(hugepages)], timeout=3600).out)
                return doc["seconds"], doc
            return go

        residency = []

        def cold(run):
            def go():
                evict(files)
                residency.append(resident_mb(f32))
                return run()
            return go

        def warm(run):
            def go():
                PageCache.warm(files)
                return run()
            return go

        log(f"loading, cold page cache ({repeat} interleaved rounds)")
        cold_ours, cold_np, cold_read, cold_huge = best_interleaved(
            repeat, [cold(ours), cold(numpy_read), cold(cxx_read(0)), cold(cxx_read(1))])
        log(f"loading, warm page cache ({repeat} interleaved rounds)")
        warm_ours, warm_np, warm_read, warm_huge = best_interleaved(
            repeat, [warm(ours), warm(numpy_read), warm(cxx_read(0)), warm(cxx_read(1))])
        known = [r for r in residency if r is not None]
        return {"rows": rows, "dim": dim, "gb": gigabytes, "write": written,
                "cold": (cold_ours[0], cold_np[0]), "warm": (warm_ours[0], warm_np[0]),
                "cxx_read": {"cold": (cold_read[0], cold_huge[0]), "warm": (warm_read[0], warm_huge[0])},
                "load": warm_ours[1], "resident_mb_after_evict": max(known) if known else None}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fashion_measure(args, build, threads, table):
    """The built-in embedder on Fashion-MNIST (the rows above the store's); returns bench_embed's JSON."""
    exe = os.path.join(build, "bench/embed/bench_embed")
    if not os.path.exists(exe):
        sys.exit(f"{exe} is missing: cmake --build {build} --target bench_embed")
    out_dir = os.path.join(build, "bench-data", "embed")
    os.makedirs(out_dir, exist_ok=True)

    cmd = [exe, "--data", FASHION, "--fit", str(args.fit), "--threads", str(args.threads), "--jpeg-count", "2000",
           "--jpeg-quality", "75", "--baseline", "1", "--repeat", "2", "--out", out_dir]
    photos = [p for p in PHOTOS if os.path.exists(p)]
    if photos and args.crops > 0:
        cmd += ["--photos", ",".join(photos), "--crops", str(args.crops)]
    log("running bench_embed on the whole Fashion-MNIST (a few minutes on 2 cores)")
    try:
        run = timed(cmd, timeout=7200)
    except CommandFailed as e:
        sys.exit(str(e))
    doc = last_json(run.out)

    log("scikit-learn: k-NN on the embeddings and on PCA-50 of the raw pixels")
    x_train, y_train = read_idx(f"{FASHION}/train-images-idx3-ubyte.gz"), read_idx(f"{FASHION}/train-labels-idx1-ubyte.gz")
    x_test, y_test = read_idx(f"{FASHION}/t10k-images-idx3-ubyte.gz"), read_idx(f"{FASHION}/t10k-labels-idx1-ubyte.gz")
    e_train, e_test = np.load(f"{out_dir}/train.npy"), np.load(f"{out_dir}/test.npy")
    e_jpeg = np.load(f"{out_dir}/jpeg.npy")
    ours_knn = knn_accuracy(e_train, y_train, e_test, y_test)
    from sklearn.decomposition import PCA
    start = time.perf_counter()
    pca = PCA(n_components=50, svd_solver="full").fit(x_train.reshape(len(x_train), -1) / 255.0)
    p_train = pca.transform(x_train.reshape(len(x_train), -1) / 255.0)
    p_test = pca.transform(x_test.reshape(len(x_test), -1) / 255.0)
    pca_seconds = time.perf_counter() - start
    pca_knn = knn_accuracy(p_train, y_train, p_test, y_test)
    ours_retrieval = retrieval_at_1(e_test[:len(e_jpeg)], e_jpeg)

    log("numpy reference of the raw features (one process)")
    ref_rate = numpy_reference_rate(x_test, args.reference_sample)

    rate = doc["images_per_second"]
    table.add("embed throughput, 70,000 Fashion-MNIST images (img/s)", f"{rate:.0f} ({threads} threads)",
              f"{ref_rate:.0f} (numpy reference, 1 process)", rate / ref_rate)
    table.add("k-NN (k=10) t10k accuracy, train 60,000", f"{ours_knn:.4f} (builtin, {doc['dim']} d)",
              f"{pca_knn:.4f} (PCA-50 raw pixels)", ours_knn / pca_knn, ">= baseline", verdict(ours_knn >= pca_knn))
    table.add("JPEG q75 re-encode retrieval@1, 2,000 t10k", f"{ours_retrieval:.4f}",
              f"{doc['pca50_jpeg_retrieval_at_1']:.4f} (PCA-50 raw pixels)",
              ours_retrieval / doc["pca50_jpeg_retrieval_at_1"], ">= 0.95", verdict(ours_retrieval >= 0.95))
    if "photo_crops" in doc:
        for key, label in (("jpeg", "q75"), ("jpeg30", "q30"), ("small_jpeg", "shrunk to 64 px, q75")):
            ours, base = doc[f"photo_{key}_retrieval_at_1"], doc[f"photo_{key}_pca50_retrieval_at_1"]
            table.add(f"colour photo crops, JPEG {label} retrieval@1, {doc['photo_crops']:,}", f"{ours:.4f}",
                      f"{base:.4f} (PCA-50 of 32x32 RGB)", ours / base)
    table.note(machine_line(threads))
    table.note(f"embedder: {json.dumps(doc['identity'])}; raw features {doc['raw_dim']} -> {doc['dim']}, fitted on "
               f"{doc['fit']:,} spread training images in {doc['fit_seconds']:.1f} s; embedding wall "
               f"{doc['embed_seconds']:.1f} s, CPU {doc['embed_cpu_seconds']:.1f} s (best of 2), in batches of 256.")
    table.note(f"C++ evaluation (tests/embed/evaluate.h) of the same run: k-NN {doc['knn_accuracy']:.4f} builtin, "
               f"{doc['pca50_knn_accuracy']:.4f} PCA-50; retrieval@1 {doc['jpeg_retrieval_at_1']:.4f}. "
               f"scikit-learn PCA-50 fit + transform took {pca_seconds:.1f} s.")
    if "photo_crops" not in doc:
        table.note("colour photo crops: no sample photographs found (python3-sklearn, python3-matplotlib)")
    else:
        table.note("colour photo crops: seeded square crops (64 px to half the shorter side) of "
                   + ", ".join(os.path.basename(p) for p in photos)
                   + ", shrunk to <= 128 px; the embedder is fitted on the crops; queries are their JPEG re-encodes.")
    return doc


def store_table(args, table):
    """The embedding-store rows: loadEmbeddings against np.fromfile, cold and warm."""
    try:
        m = store_measure(os.path.abspath(args.build), args.store_rows, 512, args.store_repeat)
    except CommandFailed as e:
        table.error("embedding store load", str(e))
        return None
    size = f"{m['rows']:,} x {m['dim']} float32 ({m['gb']:.2f} GB)"
    for cache in ("cold", "warm"):
        ours, base = m[cache]
        table.add(f"load {size} embeddings, {cache} page cache (s)",
                  f"{ours:.2f} s ({m['gb'] / ours:.2f} GB/s, loadEmbeddings)",
                  f"{base:.2f} s (np.fromfile)", base / ours, "< 10 s", verdict(ours < 10))
    for cache in ("cold", "warm"):
        plain, huge = m["cxx_read"][cache]
        table.note(f"{cache}: C++ pread of the .f32 into fresh memory {plain:.2f} s (4 KiB pages), {huge:.2f} s "
                   f"(MADV_HUGEPAGE); loadEmbeddings {m[cache][0]:.2f} s, np.fromfile {m[cache][1]:.2f} s.")
    w, load = m["write"], m["load"]
    resident = m["resident_mb_after_evict"]
    table.note(f"embedding store: {m['rows']:,} samples inserted in {w['samples_seconds']:.1f} s (catalog::Writer); "
               f"rows appended and committed (fdatasync) in {w['write_seconds']:.1f} s ({w['write_gb_per_s']:.2f} GB/s). "
               f"loadEmbeddings is timed inside bench_embedstore around opening the catalog and loading (process start "
               f"excluded); it maps the .f32, reads the .ids, queries the catalog's sample ids "
               f"({load['sample_id_query_seconds']:.2f} s of it) and copies every row out; np.fromfile only reads the file.")
    table.note("cold = the files' pages dropped with posix_fadvise(DONTNEED) before each read (no root needed; a "
               "virtual disk may still be cached by the host)"
               + (f", at most {resident:.0f} MB of the .f32 left resident" if resident is not None else "")
               + f"; warm = every file read once before; best of {args.store_repeat} interleaved rounds.")
    return m


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True, help="build folder holding bench/embed/bench_embed")
    parser.add_argument("--threads", type=int, default=0, help="threads of the embedder (0 = all cores)")
    parser.add_argument("--fit", type=int, default=10000, help="images the whitening is fitted on")
    parser.add_argument("--crops", type=int, default=2000, help="colour photo crops (0 = skip)")
    parser.add_argument("--reference-sample", type=int, default=300, help="images for the numpy reference rate")
    parser.add_argument("--store-rows", type=int, default=1000000,
                        help="rows x 512 float32 written and loaded through the embedding store (0 = skip)")
    parser.add_argument("--store-repeat", type=int, default=3, help="interleaved rounds of the store loads")
    parser.add_argument("--store-only", action="store_true", help="only the embedding store step")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    threads = args.threads or os.cpu_count()
    table = Table()
    doc = None if args.store_only else fashion_measure(args, build, threads, table)
    store = store_table(args, table) if args.store_rows > 0 else None
    if args.store_only:
        table.note(machine_line(threads))
    text = table.text()
    print(text)
    with open(os.path.join(build, "bench-data", "embed-results.md"), "w") as f:
        f.write("# bench/embed_bench.py\n\n" + table.markdown() + "\n```\n"
                + json.dumps({"bench_embed": doc, "embedding_store": store}, indent=1) + "\n```\n")


if __name__ == "__main__":
    main()
