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
Prints the table and writes it to BUILD_DIR/bench-data/embed-results.md."""

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import CommandFailed, Table, last_json, log, machine_line, timed, verdict  # noqa: E402

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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True, help="build folder holding bench/embed/bench_embed")
    parser.add_argument("--threads", type=int, default=0, help="threads of the embedder (0 = all cores)")
    parser.add_argument("--fit", type=int, default=10000, help="images the whitening is fitted on")
    parser.add_argument("--crops", type=int, default=2000, help="colour photo crops (0 = skip)")
    parser.add_argument("--reference-sample", type=int, default=300, help="images for the numpy reference rate")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    exe = os.path.join(build, "bench/embed/bench_embed")
    if not os.path.exists(exe):
        sys.exit(f"{exe} is missing: cmake --build {build} --target bench_embed")
    out_dir = os.path.join(build, "bench-data", "embed")
    os.makedirs(out_dir, exist_ok=True)
    threads = args.threads or os.cpu_count()
    table = Table()

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
    text = table.text()
    print(text)
    with open(os.path.join(build, "bench-data", "embed-results.md"), "w") as f:
        f.write("# bench/embed_bench.py\n\n" + table.markdown() + "\n```\n" + json.dumps(doc, indent=1) + "\n```\n")


if __name__ == "__main__":
    main()
