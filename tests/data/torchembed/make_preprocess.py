#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the preprocessing fixtures of test_torchembed: one image and preprocess.json + preprocess.bin.

Run with Debian's python3 (python3-torch 1.13, python3-torchvision 0.14, python3-pil 9.4, numpy):
    /usr/bin/python3 tests/data/torchembed/make_preprocess.py
Rerunning reproduces the files byte for byte with the same library versions (fixed seeds).

Every reference is computed by the upstream recipe written out below with PIL / torchvision / torch, never
from Winnow's sidecars, so the test checks the shipped sidecars (resources/models/*.json) against what
the reference libraries do:

  clip-vit-b32           openai/CLIP clip.py _transform: Resize(224, BICUBIC), CenterCrop(224),
                         convert("RGB"), ToTensor, Normalize(CLIP mean, std)
  dinov2-vits14          dinov2 make_classification_eval_transform: Resize(256, BICUBIC), CenterCrop(224),
                         ToTensor, Normalize(ImageNet)   (on the image converted to RGB)
  dinov2-vitl14          dgm-eval models/dinov2.py: Resize((224, 224), BICUBIC), ToTensor, Normalize(ImageNet)
  inception-fid-pytorch  pytorch-fid: ToTensor, F.interpolate(size=(299, 299), mode="bilinear",
                         align_corners=False), 2 * x - 1
  inception-fid-nvlabs   clean-fid "clean": each channel as a PIL mode "F" image resized to 299x299 with
                         BICUBIC, clipped to [0, 255], float; then (x - 128) / 128 (InceptionV3W with
                         resize_inside=False feeds that to base.layers)

Images: five fixtures of tests/data/imageio (RGB and grey, 20x17 to 300x200: upscaling, odd crops, tall
and wide) and smooth_rgb_520x390.png written here (downscaling by more than 2).

preprocess.json lists entries; each names an array stored in preprocess.bin (little endian) by offset,
dtype and count:
  * "tensor/<model>/<image>": the reference tensor's shape (3, H, W), its float64 sum and sum of
    absolute values, and 2048 samples: "indices" (int32, flat CHW positions, seeded) and "values"
    (float32). The C++ test compares every sample (tolerance in the test) and the sums.
  * "pil/<filter>/<image>/<w>x<h>": PIL Image.resize on the 8-bit image in its own mode ("L" or "RGB"):
    sha256 of the output bytes (row-major, interleaved) and their sum; the test requires equality.
  * "pilf/<filter>/<w>x<h>": PIL Image.resize of channel 0 of noise_rgb_97x61 as a mode "F" image: the full
    float32 output.
  * "torchbilinear/<w>x<h>": F.interpolate(bilinear, align_corners=False) of the same plane scaled by 1/255
    (ToTensor): the full float32 output.
"""

import hashlib
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.transforms as T
from PIL import Image
from torchvision.transforms import InterpolationMode

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGEIO = os.path.join(HERE, "..", "imageio")
SAMPLES = 2048

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def smooth_image():
    """520x390 RGB of smooth waves (compresses well as PNG) with a sharp diagonal edge."""
    h, w = 390, 520
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 128 + 100 * np.sin(x / 23.0) * np.cos(y / 31.0)
    g = 128 + 90 * np.sin((x + 2 * y) / 47.0)
    b = np.where(x * 0.6 + y > 330, 200.0, 40.0) + 20 * np.cos(x / 13.0)
    return np.clip(np.rint(np.stack([r, g, b], axis=-1)), 0, 255).astype(np.uint8)


def images():
    out = []
    for name in ["photo_rgb_300x200", "rings_gray_128x96", "stripes_rgb_33x129", "noise_rgb_97x61",
                 "checker_gray_20x17"]:
        out.append((name, Image.open(os.path.join(IMAGEIO, name + ".png"))))
    path = os.path.join(HERE, "smooth_rgb_520x390.png")
    Image.fromarray(smooth_image(), "RGB").save(path, optimize=True)
    out.append(("smooth_rgb_520x390", Image.open(path)))
    for _, im in out:
        im.load()
    return out


def clip_transform(im):
    t = T.Compose([T.Resize(224, interpolation=InterpolationMode.BICUBIC), T.CenterCrop(224),
                   lambda i: i.convert("RGB"), T.ToTensor(), T.Normalize(CLIP_MEAN, CLIP_STD)])
    return t(im)


def dinov2_eval_transform(im):
    t = T.Compose([T.Resize(256, interpolation=InterpolationMode.BICUBIC), T.CenterCrop(224), T.ToTensor(),
                   T.Normalize(IMAGENET_MEAN, IMAGENET_STD)])
    return t(im.convert("RGB"))


def dgm_eval_dinov2_transform(im):
    t = T.Compose([T.Resize((224, 224), interpolation=InterpolationMode.BICUBIC), T.ToTensor(),
                   T.Normalize(IMAGENET_MEAN, IMAGENET_STD)])
    return t(im.convert("RGB"))


def pytorch_fid_transform(im):
    x = T.ToTensor()(im.convert("RGB"))[None]
    x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
    return (2 * x - 1)[0]


def clean_fid_transform(im):
    a = np.array(im.convert("RGB"))
    chans = []
    for c in range(3):
        f = Image.fromarray(a[:, :, c].astype(np.float32), mode="F").resize((299, 299), resample=Image.BICUBIC)
        chans.append(np.asarray(f).clip(0, 255))
    x = torch.tensor(np.stack(chans, axis=0).astype(np.float32))
    return (x - 128) / 128


MODELS = [
    ("clip-vit-b32", clip_transform),
    ("dinov2-vits14", dinov2_eval_transform),
    ("dinov2-vitl14", dgm_eval_dinov2_transform),
    ("inception-fid-pytorch", pytorch_fid_transform),
    ("inception-fid-nvlabs", clean_fid_transform),
]

PIL_FILTERS = [("nearest", Image.NEAREST), ("bilinear", Image.BILINEAR), ("bicubic", Image.BICUBIC),
               ("lanczos", Image.LANCZOS)]
PIL_SIZES = [(40, 27), (150, 101), (61, 130), (224, 224), (9, 8)]
PIL_IMAGES = ["noise_rgb_97x61", "rings_gray_128x96", "smooth_rgb_520x390", "stripes_rgb_33x129"]
PLANE_SIZES = [(40, 27), (150, 101), (97, 61), (299, 299)]


class Store:
    def __init__(self):
        self.entries = {}
        self.blob = bytearray()

    def array(self, a):
        a = np.ascontiguousarray(a)
        dtype = {np.dtype(np.float32): "float32", np.dtype(np.int32): "int32"}[a.dtype]
        while len(self.blob) % 8:
            self.blob += b"\0"
        ref = {"offset": len(self.blob), "dtype": dtype, "count": int(a.size)}
        self.blob += a.astype(a.dtype.newbyteorder("<")).tobytes()
        return ref


def main():
    store = Store()
    imgs = images()
    rng = np.random.default_rng(20260422)
    for model, transform in MODELS:
        for name, im in imgs:
            t = transform(im).to(torch.float32).contiguous().numpy()
            assert t.shape[0] == 3
            flat = t.reshape(-1)
            idx = np.sort(rng.choice(flat.size, size=SAMPLES, replace=False)).astype(np.int32)
            store.entries["tensor/%s/%s" % (model, name)] = {
                "shape": list(t.shape),
                "sum": float(flat.astype(np.float64).sum()),
                "abs_sum": float(np.abs(flat.astype(np.float64)).sum()),
                "indices": store.array(idx),
                "values": store.array(flat[idx]),
            }
    by_name = dict(imgs)
    for fname, filt in PIL_FILTERS:
        for name in PIL_IMAGES:
            for w, h in PIL_SIZES:
                out = np.asarray(by_name[name].resize((w, h), filt))
                store.entries["pil/%s/%s/%dx%d" % (fname, name, w, h)] = {
                    "sha256": hashlib.sha256(out.tobytes()).hexdigest(),
                    "sum": int(out.astype(np.int64).sum()),
                }
    plane = np.array(by_name["noise_rgb_97x61"])[:, :, 0]
    for fname, filt in PIL_FILTERS[1:]:
        for w, h in PLANE_SIZES[:2]:
            out = np.asarray(Image.fromarray(plane.astype(np.float32), mode="F").resize((w, h), filt), np.float32)
            store.entries["pilf/%s/%dx%d" % (fname, w, h)] = {"values": store.array(out)}
    x = torch.tensor(plane.astype(np.float32))[None, None] / 255
    for w, h in PLANE_SIZES:
        out = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)[0, 0].numpy()
        if w * h <= 20000:
            store.entries["torchbilinear/%dx%d" % (w, h)] = {"values": store.array(out)}
    with open(os.path.join(HERE, "preprocess.bin"), "wb") as f:
        f.write(bytes(store.blob))
    with open(os.path.join(HERE, "preprocess.json"), "w") as f:
        json.dump({"generator": "make_preprocess.py", "torch": torch.__version__,
                   "pillow": Image.__version__, "samples": SAMPLES, "entries": store.entries}, f, indent=1,
                  sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
