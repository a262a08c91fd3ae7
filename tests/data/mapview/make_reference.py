#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference fixtures for the map tests (tests/widgets/test_map.cpp), written with numpy and matplotlib.

Run with /usr/bin/python3 from anywhere; it rewrites, beside itself:

* colormaps.txt: matplotlib's viridis and magma sampled at i / 255, rounded to 8 bits (one line per i:
  viridis r g b, magma r g b).
* raster_*.txt: small point sets with the image the rasteriser must draw, computed here from the
  definition in widgets/map/maprasterizer.h (accumulate per pixel, box filter of the point size, mean
  colour, alpha = minAlpha + (1 - minAlpha) min(1, log(1 + n) / log(1 + nRef)), context, then the
  emphasised points, then the selected ones opaque with their splats grown by one pixel, or else their
  outline one pixel further out, 8-bit integer blending). Points sit well inside their pixels (never
  within 0.1 px of a pixel edge) and scores well inside their colormap bins, so float32 and float64
  arithmetic agree on where they land; the test allows 1 level per channel for the logarithms.
"""
import os

import numpy as np
from matplotlib import cm

HERE = os.path.dirname(os.path.abspath(__file__))
APRON = 4
NO_VALUE = 0xff9a9da3


def table(name):
    return np.round(cm.get_cmap(name)(np.linspace(0, 1, 256))[:, :3] * 255).astype(int)


def write_colormaps():
    v, m = table("viridis"), table("magma")
    with open(os.path.join(HERE, "colormaps.txt"), "w") as f:
        f.write("# i / 255 of matplotlib's viridis (r g b) and magma (r g b), rounded to 8 bits\n")
        for i in range(256):
            f.write(" ".join(str(c) for c in list(v[i]) + list(m[i])) + "\n")


def rgb(c):
    return np.array([(c >> 16) & 255, (c >> 8) & 255, c & 255], dtype=np.int64)


def alpha(n, ref, min_alpha, scale, density):
    if n == 0:
        return 0
    a = 1.0
    if density:
        a = min_alpha + (1.0 - min_alpha) * min(1.0, np.log1p(n) / np.log1p(ref))
    return int(round(min(max(a * scale, 0.0), 1.0) * 256.0))


def blend(under, colour, a):
    return (under * (256 - a) + colour * a) >> 8


def render(case, x, y, colours, states):
    """colours: (N, 3) int; states: (N,) bits 1 = emphasised, 2 = selected."""
    w, h, k = case["width"], case["height"], case["size"]
    W, H = w + 2 * APRON, h + 2 * APRON
    shift = 0.5 if k % 2 == 0 else 0.0
    fx = (x.astype(np.float64) - case["cx"]) * case["scale"] + w / 2.0 + APRON + shift
    fy = h / 2.0 + APRON + shift - (y.astype(np.float64) - case["cy"]) * case["scale"]
    n = np.zeros((H, W), np.int64)
    sums = np.zeros((H, W, 3), np.int64)
    ctx = np.zeros((H, W), np.int64)
    sel = np.zeros((H, W), np.int64)
    sel_sums = np.zeros((H, W, 3), np.int64)
    for i in range(len(x)):
        if not (0 <= fx[i] < W and 0 <= fy[i] < H):
            continue
        ix, iy = int(np.floor(fx[i])), int(np.floor(fy[i]))
        if states[i] & 2:
            sel[iy, ix] += 1
            sel_sums[iy, ix] += colours[i]
            continue
        if not states[i] & 1:
            ctx[iy, ix] += 1
            continue
        n[iy, ix] += 1
        sums[iy, ix] += colours[i]
    lo, hi = -((k - 1) // 2), k // 2

    def box(a, j, i, grow=0):
        return sum(a[j + APRON + dy, i + APRON + dx] for dy in range(lo - grow, hi + 1 + grow)
                   for dx in range(lo - grow, hi + 1 + grow))

    def ref(a):
        if a.max() == 0:
            return 0
        at = int(np.argmax(a))  # first maximum in row-major order: the lowest index
        ay, ax = divmod(at, W)
        return sum(a[ay + dy, ax + dx] for dy in range(lo, hi + 1) for dx in range(lo, hi + 1)
                   if 0 <= ay + dy < H and 0 <= ax + dx < W)

    ref_n, ref_c = ref(n), ref(ctx)
    bg, ink_c, ink_s = rgb(case["background"]), rgb(case["context"]), rgb(case["selection"])
    outline_alpha = int(round(case["selection_alpha"] * 256))
    ma, density = case["min_alpha"], case["density"]
    image = np.zeros((h, w), np.int64)
    for j in range(h):
        for i in range(w):
            cn, cc, cs, ring = box(n, j, i), box(ctx, j, i), box(sel, j, i, 1), box(sel, j, i, 2)
            out = bg.copy()
            if cc:
                out = blend(out, ink_c, alpha(cc, ref_c, ma, case["context_max_alpha"], density))
            if cn:
                s = sum(sums[j + APRON + dy, i + APRON + dx] for dy in range(lo, hi + 1) for dx in range(lo, hi + 1))
                mean = np.floor(s / cn + 0.5).astype(np.int64)
                out = blend(out, mean, alpha(cn, ref_n, ma, 1.0, density))
            if cs:
                s = box(sel_sums, j, i, 1)
                out = np.floor(s / cs + 0.5).astype(np.int64)
            elif ring:
                out = blend(out, ink_s, outline_alpha)
            image[j, i] = 0xff000000 | (out[0] << 16) | (out[1] << 8) | out[2]
    return image


def pixel_positions(rng, count, w, h, spread):
    """Pixel coordinates (continuous) of clustered points: an integer plus an offset away from the
    pixel's edges and its middle (so that rounding for even sizes is also unambiguous)."""
    centres = np.array([[w * 0.3, h * 0.4], [w * 0.7, h * 0.6], [w * 0.5, h * 0.2]])
    which = rng.integers(0, 4, count)
    p = np.where(which[:, None] < 3, centres[np.minimum(which, 2)] + rng.normal(size=(count, 2)) * spread,
                 rng.uniform([-8, -8], [w + 8, h + 8], size=(count, 2)))
    base = np.floor(p)
    offset = rng.uniform(0.15, 0.35, size=(count, 2)) + 0.5 * rng.integers(0, 2, size=(count, 2))
    return base + offset


def write_case(name, case, rng):
    w, h = case["width"], case["height"]
    px = pixel_positions(rng, case["points"], w, h, case["spread"])
    x = (case["cx"] + (px[:, 0] - w / 2.0) / case["scale"]).astype(np.float32)
    y = (case["cy"] + (h / 2.0 - px[:, 1]) / case["scale"]).astype(np.float32)
    count = len(x)
    if case["colouring"] == "category":
        palette = case["palette"]
        keys = rng.integers(0, len(palette), count)
        colours = np.array([rgb(palette[k]) for k in keys])
        values = [str(k) for k in keys]
    elif case["colouring"] == "score":
        cmap = table(case["colormap"])
        bins = rng.integers(-20, 276, count)
        frac = rng.uniform(0.1, 0.4, count) + 0.5 * rng.integers(0, 2, count)
        scores = ((bins + frac) / 255.0).astype(np.float32)
        nan = rng.random(count) < 0.1
        colours = []
        values = []
        for s, missing in zip(scores, nan):
            if missing:
                colours.append(rgb(NO_VALUE))
                values.append("nan")
            else:
                t = min(max(float(s) * 255.0, 0.0), 255.0)
                colours.append(cmap[int(t + 0.5)])
                values.append("%.9g" % s)
        colours = np.array(colours)
    else:
        colours = np.tile(rgb(case["uniform"]), (count, 1))
        values = ["0"] * count
    states = np.full(count, 1, np.int64)
    if case["states"]:
        r = rng.random(count)
        states = np.where(r < 0.3, 0, 1) | np.where(rng.random(count) < 0.12, 2, 0)
    image = render(case, x, y, colours, states)
    with open(os.path.join(HERE, name), "w") as f:
        f.write("# written by make_reference.py: parameters, palette, points (x y value state), image rows\n")
        keys = ["width", "height", "cx", "cy", "scale", "size", "density", "min_alpha", "context_max_alpha",
                "selection_alpha", "background", "context", "selection"]
        f.write("params " + " ".join(f"{k}={case[k]}" for k in keys) + "\n")
        f.write(f"colouring {case['colouring']} {case.get('colormap', '-')} {case.get('uniform', 0)}\n")
        pal = case.get("palette", [])
        f.write("palette " + " ".join(str(c) for c in pal) + "\n")
        f.write(f"points {count}\n")
        for i in range(count):
            f.write("%.9g %.9g %s %d\n" % (x[i], y[i], values[i], states[i]))
        f.write("image\n")
        for j in range(h):
            f.write(" ".join("%08x" % v for v in image[j]) + "\n")


def main():
    write_colormaps()
    rng = np.random.default_rng(20260411)
    common = dict(min_alpha=0.5, context_max_alpha=0.6, selection_alpha=0.9, background=0xffffffff,
                  context=0xffa9adb4, selection=0xff1d1f23)
    write_case("raster_category.txt", dict(common, width=80, height=60, cx=0.3, cy=-0.2, scale=10.0, size=3,
                                           density=1, colouring="category", points=1500, spread=5.0, states=True,
                                           palette=[0xff1f77b4, 0xffff7f0e, 0xff2ca02c, 0xffd62728, NO_VALUE]), rng)
    write_case("raster_score.txt", dict(common, width=64, height=48, cx=-1.5, cy=2.25, scale=4.0, size=2,
                                        density=1, colouring="score", colormap="viridis", points=1200, spread=4.0,
                                        states=False, background=0xff1e1f22), rng)
    write_case("raster_uniform.txt", dict(common, width=50, height=40, cx=0.0, cy=0.0, scale=25.0, size=5,
                                          density=0, colouring="uniform", uniform=0xff2a9d8f, points=300,
                                          spread=6.0, states=True), rng)


if __name__ == "__main__":
    main()
