#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tiny-convnet.pt, tiny-convnet.json and tiny-convnet-expected.json for test_torchembed.

Run with Debian's python3 (python3-torch 1.13, python3-torchvision 0.14, python3-pil):
    /usr/bin/python3 tests/data/torchembed/make_models.py

The model is a random-weight (seeded) conv net, traced and saved by packaging/export_models.py's
trace_and_save and described by its write_sidecar, so the test covers the export script's output as well
as loading a Python-traced archive in libtorch. It returns a tuple (features, logits); the sidecar picks
element 0 ("output": 0) and asks for L2 normalisation.

tiny-convnet-expected.json holds the file's sha256 and, per fixture image, the expected 6-d vector: the
image converted to RGB, torchvision Resize(20, BICUBIC), CenterCrop(16), ToTensor, Normalize(ImageNet), the
eager module, element 0, F.normalize. Rerunning reproduces all three files byte for byte with the same
torch version (fixed seed; torch.jit.save writes no timestamps).
"""

import json
import os
import sys

import torch
import torch.nn.functional as F
import torchvision.transforms as T
from PIL import Image
from torchvision.transforms import InterpolationMode

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "packaging"))
import export_models  # noqa: E402

IMAGES = ["noise_rgb_97x61", "rings_gray_128x96", "stripes_rgb_33x129", "photo_rgb_300x200"]
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)

TEMPLATE = {
    "format_version": 1,
    "name": "tiny-convnet",
    "kind": "embedder",
    "description": "test fixture: random conv net 3 -> 4 channels, mean pool, linear 4 -> 6",
    "input_size": [16, 16],
    "resize": "shorter_side",
    "resize_size": 20,
    "crop": "center",
    "interpolation": "bicubic",
    "mean": list(MEAN),
    "std": list(STD),
    "value_range": [0, 1],
    "channel_order": "RGB",
    "input_dtype": "float32",
    "output_dim": 6,
    "l2_normalize": True,
    "output": 0,
    "batch_size": 2,
}


class TinyConvNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.fc = torch.nn.Linear(4, 6)

    def forward(self, x):
        h = torch.relu(self.conv(x)).mean(dim=(2, 3))
        feat = self.fc(h)
        return feat, feat.sum(dim=1)


def image_path(name):
    for folder in (os.path.join(HERE, "..", "imageio"), HERE):
        path = os.path.join(folder, name + ".png")
        if os.path.exists(path):
            return path
    raise FileNotFoundError(name)


def main():
    torch.manual_seed(20260422)
    net = TinyConvNet().eval()
    path = os.path.join(HERE, "tiny-convnet.pt")
    diff = export_models.trace_and_save(net, torch.rand(1, 3, 16, 16), path)
    assert diff == 0.0, diff
    sidecar = export_models.write_sidecar(TEMPLATE, path)
    export_models.check_output(path, sidecar, export_models.example_input(sidecar, batch=2))
    transform = T.Compose([T.Resize(20, interpolation=InterpolationMode.BICUBIC), T.CenterCrop(16), T.ToTensor(),
                           T.Normalize(MEAN, STD)])
    outputs = {}
    with torch.no_grad():
        for name in IMAGES:
            x = transform(Image.open(image_path(name)).convert("RGB"))[None]
            feat = F.normalize(net(x)[0], dim=1)[0]
            outputs[name] = [float(v) for v in feat]
    with open(os.path.join(HERE, "tiny-convnet-expected.json"), "w") as f:
        json.dump({"generator": "make_models.py", "torch": torch.__version__, "sha256": sidecar["sha256"],
                   "outputs": outputs}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
