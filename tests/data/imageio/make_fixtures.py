#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the reference fixtures of test_imageio: six small PNG images and reference.json.

Run from anywhere with Debian's python3 (numpy, scipy, PIL):  /usr/bin/python3 make_fixtures.py
Rerunning reproduces every file byte for byte (fixed seeds, no timestamps) with the same library
versions (bookworm: numpy 1.24, scipy 1.10, Pillow 9.4).

reference.json holds, per image, values computed independently of the C++ code:
  * resize:     PIL Image.resize((w, h), Image.LANCZOS) in the image's own mode (L or RGB), flattened
                row-major, for a few target sizes (tests resizeLanczos).
  Pixel arrays are stored as hex strings, two digits per 8-bit sample, row-major, interleaved.
  * luma32, luma9x8: imagededup's preprocessing (convert to RGB, resize with LANCZOS, then convert("L")).
  * phash, dhash: ALGORITHMS.md 2.6 as imagededup computes them on those lumas, with scipy.fftpack's
                unnormalised DCT-II (axis 0, then axis 1), numpy's median of the 63 AC coefficients,
                bit = coefficient >= median, np.packbits order, hex.
  * phash_margin: smallest |coefficient - median| among coefficients not equal to the median, over the
                largest |coefficient|. The script refuses images whose margin is so small that rounding
                differences between DCT implementations could flip a bit (flat or perfectly 1-D images).
  * stats:      luma with OpenCV 4.6's BT.601 integer weights ((9798 R + 19235 G + 3735 B + 16384) >> 15,
                what cv::cvtColor *2GRAY computes on 8-bit data: checked on all 2^24 colours), Laplacian [[0,1,0],[1,-4,1],[0,1,0]] by scipy.ndimage with
                mode="mirror" (= OpenCV's BORDER_REFLECT_101) in float64; blur = its variance (ddof 0),
                brightness = mean luma, contrast = population std of luma. No image exceeds 512 px, so the
                shrink of the statistics never applies.
"""

import json
import os

import numpy as np
from PIL import Image
from scipy import fftpack, ndimage

HERE = os.path.dirname(os.path.abspath(__file__))
RESIZE_SIZES = [(32, 32), (9, 8), (23, 19)]


def clip8(a):
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def make_images():
    """(name, uint8 array) pairs: HxW for gray, HxWx3 for RGB. Sizes from 20x17 to 300x200."""
    rng = np.random.default_rng(20260415)
    out = []

    h, w = 48, 64
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    rgb = np.stack([255 * x / (w - 1) + 20 * np.sin(y / 5),
                    255 * y / (h - 1) + 10 * np.cos(x / 9),
                    128 + 60 * np.sin((x + y) / 7)], axis=-1)
    out.append(("gradient_rgb_64x48", clip8(rgb + rng.normal(0, 4, rgb.shape))))

    h, w = 17, 20
    y, x = np.mgrid[0:h, 0:w]
    checker = np.where(((x // 3) + (y // 3)) % 2 == 0, 60.0, 190.0) + 3.0 * x - 2.0 * y
    out.append(("checker_gray_20x17", clip8(checker + rng.normal(0, 3, checker.shape))))

    out.append(("noise_rgb_97x61", rng.integers(0, 256, size=(61, 97, 3), dtype=np.uint8)))

    h, w = 200, 300
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    photo = np.stack([90 + 100 * x / w, 70 + 120 * y / h, 160 - 60 * (x + y) / (w + h)], axis=-1)
    for _ in range(9):  # soft-edged blobs of random colour
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        rx, ry = rng.uniform(12, 70), rng.uniform(12, 60)
        mask = ndimage.gaussian_filter((((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1).astype(np.float64), 2.0)
        colour = rng.uniform(0, 255, size=3)
        photo = photo * (1 - mask[..., None]) + colour * mask[..., None]
    photo[120:190, 30:110] += 25 * np.sin(x[120:190, 30:110] / 2.5)[..., None]  # fine texture
    out.append(("photo_rgb_300x200", clip8(photo + rng.normal(0, 1.0, photo.shape))))

    h, w = 96, 128
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    rings = 128 + 100 * np.sin(np.hypot(x - 41.3, y - 57.8) / 4.0) * np.exp(-x / 300)
    out.append(("rings_gray_128x96", clip8(rings + rng.normal(0, 2, rings.shape))))

    h, w = 129, 33
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    stripes = np.stack([np.where((x // 4) % 2 == 0, 200.0, 40.0) + y / 3,
                        110 + 90 * np.sin(y / 6 + x / 11),
                        np.where((y // 10) % 3 == 0, 230.0, 30.0) - x], axis=-1)
    out.append(("stripes_rgb_33x129", clip8(stripes + rng.normal(0, 3, stripes.shape))))
    return out


def imagededup_luma(img, size):
    """imagededup's preprocessing: RGB (gray -> RGBA -> RGB), LANCZOS resize, then "L"."""
    if img.mode != "RGB":
        img = img.convert("RGBA").convert("RGB")
    return np.asarray(img.resize(size, Image.LANCZOS).convert("L"), dtype=np.uint8)


def hex_bytes(arr):
    return np.ascontiguousarray(arr, dtype=np.uint8).tobytes().hex()


def hex_bits(bits):
    return "".join("%02x" % b for b in np.packbits(bits.flatten()))


def phash(luma32):
    coef = fftpack.dct(fftpack.dct(luma32.astype(np.float64), axis=0), axis=1)[:8, :8]
    flat = coef.flatten()
    median = np.median(flat[1:])
    # Robustness: the other order (rows first) and the margin to the median.
    other = fftpack.dct(fftpack.dct(luma32.astype(np.float64), axis=1), axis=0)[:8, :8]
    assert np.array_equal(coef >= median, other >= np.median(other.flatten()[1:])), "order-dependent bits"
    gaps = np.abs(flat - median)
    margin = float(np.min(gaps[gaps > 0]) / np.max(np.abs(flat)))
    assert margin > 1e-9, "degenerate image: pHash bits depend on rounding"
    return hex_bits(coef >= median), margin


def dhash(luma9x8):
    return hex_bits(luma9x8[:, 1:] > luma9x8[:, :-1])


def quality_stats(arr):
    if arr.ndim == 3:
        a = arr.astype(np.int64)
        luma = (a[..., 0] * 9798 + a[..., 1] * 19235 + a[..., 2] * 3735 + 16384) >> 15
    else:
        luma = arr.astype(np.int64)
    kernel = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], dtype=np.float64)
    lap = ndimage.convolve(luma.astype(np.float64), kernel, mode="mirror")
    return {"blur": float(lap.var()), "brightness": float(luma.mean()), "contrast": float(luma.std())}


def check_pil_luma(img):
    """toLuma's claim: PIL's L is (19595 R + 38470 G + 7471 B + 0x8000) >> 16."""
    if img.mode != "RGB":
        return
    a = np.asarray(img).astype(np.int64)
    formula = (a[..., 0] * 19595 + a[..., 1] * 38470 + a[..., 2] * 7471 + 0x8000) >> 16
    assert np.array_equal(formula, np.asarray(img.convert("L"))), "PIL L formula mismatch"


def main():
    entries = []
    for name, arr in make_images():
        img = Image.fromarray(arr)
        check_pil_luma(img)
        filename = name + ".png"
        img.save(os.path.join(HERE, filename), optimize=False)
        assert np.array_equal(np.asarray(Image.open(os.path.join(HERE, filename))), arr)
        luma32 = imagededup_luma(img, (32, 32))
        luma9x8 = imagededup_luma(img, (9, 8))
        phash_hex, margin = phash(luma32)
        entries.append({
            "file": filename,
            "width": img.width,
            "height": img.height,
            "channels": 1 if arr.ndim == 2 else 3,
            "resize": [{"width": w, "height": h,
                        "pixels": hex_bytes(np.asarray(img.resize((w, h), Image.LANCZOS)))}
                       for w, h in RESIZE_SIZES],
            "luma32": hex_bytes(luma32),
            "luma9x8": hex_bytes(luma9x8),
            "phash": phash_hex,
            "phash_margin": margin,
            "dhash": dhash(luma9x8),
            "stats": quality_stats(arr),
        })
    # One image per line keeps diffs readable; repr floats round-trip exactly.
    lines = [json.dumps(e, separators=(",", ":"), sort_keys=True) for e in entries]
    with open(os.path.join(HERE, "reference.json"), "w", encoding="ascii") as f:
        f.write('{"generator":"make_fixtures.py","images":[\n' + ",\n".join(lines) + "\n]}\n")


if __name__ == "__main__":
    main()
