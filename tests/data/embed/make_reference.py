#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes reference.json for tests/embed: the built-in embedder's raw features and a small fitted whitening,
computed independently in numpy (float64, dense matrices) from the definitions in core/embed/builtin.h and
core/embed/features.h.

    /usr/bin/python3 tests/data/embed/make_reference.py

The fixture images are made here (seeded) and stored in the JSON as base64 bytes, so the C++ test needs no
generator of its own. Sizes cover shrinking, enlarging, identity (64 x 64), 1 x 1 and extreme aspects.
"""

import base64
import json
import os
from fractions import Fraction

import numpy as np

SIDE = 64
HOG_BINS = 9
HOG_EPS = 0.1
OUTPUT_DIM = 8
SHRINK = 0.3


# ---- resampling: dense weight matrices ------------------------------------------------------------------

def axis_matrix(n_in, n_out):
    """out = W @ in along one axis: exact area average when shrinking, linear at pixel centres when growing."""
    w = np.zeros((n_out, n_in))
    if n_in >= n_out:
        for i in range(n_out):
            a, b = Fraction(i * n_in, n_out), Fraction((i + 1) * n_in, n_out)
            for k in range(n_in):
                overlap = min(b, k + 1) - max(a, k)
                if overlap > 0:
                    w[i, k] = float(overlap * n_out / n_in)
    else:
        for i in range(n_out):
            x = (i + 0.5) * n_in / n_out - 0.5
            x = min(max(x, 0.0), n_in - 1)
            k = int(np.floor(x))
            t = x - k
            w[i, k] += 1 - t
            if t > 0:
                w[i, k + 1] += t
    return w


def canonical(img):
    """img: h x w x c uint8 -> SIDE x SIDE x c float64 in [0, 1]."""
    h, w, c = img.shape
    wy, wx = axis_matrix(h, SIDE), axis_matrix(w, SIDE)
    x = img.astype(np.float64) / 255.0
    return np.einsum("iy,yxc,jx->ijc", wy, x, wx)


# ---- features ----------------------------------------------------------------------------------------------

def cell_matrix(n, cells):
    """Bilinear weights of n pixels to cell centres, everything beyond the outer centres to the outer cell."""
    m = np.zeros((cells, n))
    size = n / cells
    for x in range(n):
        p = (x + 0.5) / size - 0.5
        k = int(np.floor(p))
        t = p - k
        m[max(k, 0), x] += 1 - t
        m[min(k + 1, cells - 1), x] += t
    return m


def orientation_histograms(luma, cells):
    p = np.pad(luma, 1, mode="edge")
    gx = p[1:-1, 2:] - p[1:-1, :-2]
    gy = p[2:, 1:-1] - p[:-2, 1:-1]
    mag = np.hypot(gx, gy)
    angle = np.mod(np.arctan2(gy, gx), np.pi)
    pos = angle * HOG_BINS / np.pi - 0.5
    k = np.floor(pos)
    t = pos - k
    b0 = np.mod(k, HOG_BINS).astype(int)
    b1 = np.mod(k + 1, HOG_BINS).astype(int)
    per_bin = np.zeros((HOG_BINS,) + luma.shape)
    rows, cols = np.indices(luma.shape)
    np.add.at(per_bin, (b0, rows, cols), mag * (1 - t))
    np.add.at(per_bin, (b1, rows, cols), mag * t)
    m = cell_matrix(luma.shape[0], cells)
    h = np.einsum("iy,byx,jx->ijb", m, per_bin, m) / (luma.shape[0] / cells) ** 2
    energy = (h ** 2).sum(axis=2)
    e = np.pad(energy, 1, mode="edge")
    block = sum(e[dy:dy + cells, dx:dx + cells] for dy in range(3) for dx in range(3)) / 9.0
    return np.sqrt(h / np.sqrt(block + HOG_EPS ** 2)[:, :, None]).reshape(-1)


def block_means(plane, grid):
    s = plane.shape[0] // grid
    return plane.reshape(grid, s, grid, s).mean(axis=(1, 3))


def circular_hist(pos, weight, bins):
    """Linear split of weight between the two nearest circular bins; pos in bins, centres at k + 1/2."""
    q = pos - 0.5
    k = np.floor(q)
    t = q - k
    h = np.zeros(bins)
    np.add.at(h, np.mod(k, bins).astype(int), weight * (1 - t))
    np.add.at(h, np.mod(k + 1, bins).astype(int), weight * t)
    return h


def raw_features(img):
    c = canonical(img)
    if c.shape[2] == 1:
        r = g = b = c[:, :, 0]
    else:
        r, g, b = c[:, :, 0], c[:, :, 1], c[:, :, 2]
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    o1 = (r - g) / np.sqrt(2)
    o2 = (r + g - 2 * b) / np.sqrt(6)
    parts = [block_means(luma, 8).reshape(-1),
             orientation_histograms(luma, 8),
             orientation_histograms(luma, 4)]
    layout = np.stack([block_means(o1, 4), block_means(o2, 4)], axis=2).reshape(-1)
    parts.append(np.sign(layout) * np.sqrt(np.abs(layout)))
    chroma = np.hypot(o1, o2).reshape(-1)
    hue_pos = (np.arctan2(o2, o1).reshape(-1) + np.pi) * 8 / (2 * np.pi)
    parts.append(np.sqrt(circular_hist(hue_pos, chroma, 8) / SIDE ** 2))
    q = luma.reshape(-1) * 8 - 0.5
    k = np.floor(q)
    t = q - k
    lum = np.zeros(8)
    low, high = k < 0, k >= 7
    mid = ~(low | high)
    lum[0] += low.sum()
    lum[7] += high.sum()
    np.add.at(lum, k[mid].astype(int), 1 - t[mid])
    np.add.at(lum, k[mid].astype(int) + 1, t[mid])
    parts.append(np.sqrt(lum / SIDE ** 2))
    return np.concatenate(parts)


# ---- whitening ---------------------------------------------------------------------------------------------

def fit_and_embed(raw):
    mean = raw.mean(axis=0)
    cov = np.cov(raw, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:OUTPUT_DIM]
    values = np.maximum(values[order], 0.0)
    vectors = vectors[:, order]
    gaps = np.abs(np.diff(values)) / values[0]
    assert gaps.min() > 1e-3, f"near-degenerate eigenvalues, change the fixture: {values}"
    for j in range(OUTPUT_DIM):
        big = np.argmax(np.abs(vectors[:, j]))
        if vectors[big, j] < 0:
            vectors[:, j] = -vectors[:, j]
    eps = SHRINK * values.mean() + 1e-9
    y = (raw - mean) @ (vectors / np.sqrt(values + eps))
    return values, y / np.linalg.norm(y, axis=1, keepdims=True)


# ---- fixture images ----------------------------------------------------------------------------------------

def make_image(rng, h, w, c):
    yy, xx = np.mgrid[0:h, 0:w] / max(h, w, 1)
    img = np.zeros((h, w, c))
    for ch in range(c):
        a, b, ph = rng.uniform(-1, 1, 3) * 6
        img[:, :, ch] = 0.5 + 0.3 * np.sin(a * xx + b * yy + ph)
    for _ in range(rng.integers(1, 5)):  # rectangles and discs of random colour
        y0, x0 = rng.uniform(0, 1, 2)
        ry, rx = rng.uniform(0.05, 0.4, 2)
        colour = rng.uniform(0, 1, c)
        if rng.uniform() < 0.5:
            mask = (np.abs(yy - y0) < ry) & (np.abs(xx - x0) < rx)
        else:
            mask = (yy - y0) ** 2 + (xx - x0) ** 2 < ry ** 2
        img[mask] = colour
    img += rng.normal(0, 0.04, img.shape)
    return np.clip(np.rint(img * 255), 0, 255).astype(np.uint8)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rng = np.random.default_rng(20260301)
    shapes = [(1, 1, 3), (1, 1, 1), (1, 97, 3), (150, 3, 1), (28, 28, 1), (64, 64, 3), (63, 65, 3),
              (130, 96, 3), (17, 23, 3), (100, 100, 1), (2, 300, 3), (45, 80, 3)]
    while len(shapes) < 28:
        shapes.append((int(rng.integers(8, 120)), int(rng.integers(8, 120)), int(rng.choice([1, 3, 3]))))
    images = [make_image(rng, *s) for s in shapes]
    raw = np.stack([raw_features(im) for im in images])
    assert raw.shape[1] == 832
    values, embedded = fit_and_embed(raw)
    doc = {
        "about": "made by make_reference.py (numpy float64); builtin raw features and an 8-d whitening",
        "output_dim": OUTPUT_DIM,
        "shrink": SHRINK,
        "images": [{"width": im.shape[1], "height": im.shape[0], "channels": im.shape[2],
                    "pixels": base64.b64encode(im.tobytes()).decode("ascii")} for im in images],
        "raw": [[float(f"{v:.7g}") for v in row] for row in raw],
        "eigenvalues": [float(f"{v:.10g}") for v in values],
        "embedded": [[float(f"{v:.8g}") for v in row] for row in embedded],
    }
    with open(os.path.join(here, "reference.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
