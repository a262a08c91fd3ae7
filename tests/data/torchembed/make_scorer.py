#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tiny-scorer.pt, tiny-scorer.json and tiny-scorer-expected.json for the model-score tests.

Run with Debian's python3 (python3-torch 1.13, python3-torchvision 0.14, python3-pil):
    /usr/bin/python3 tests/data/torchembed/make_scorer.py

The model is a random-weight (seeded) conv net that gives one value per image, shape [batch, 1]: conv 3 -> 4,
ReLU, mean pool, linear 4 -> 1, sigmoid. It is traced and saved by packaging/export_models.py's trace_and_save
and described by its write_sidecar with kind "scorer", as make_models.py does for tiny-convnet.

tiny-scorer-expected.json holds the file's sha256 and, per fixture image (tests/data/imageio/NAME.png), the
expected score: the image converted to RGB, torchvision Resize(20, BICUBIC), CenterCrop(16), ToTensor,
Normalize(ImageNet), the eager module. `winnow-cli scores PROJECT --compute model` on a project made of
these PNGs must store the same values (tests/cli/test_curatecli.cpp). Rerunning reproduces all three files
byte for byte with the same torch version (fixed seed; torch.jit.save writes no timestamps).
"""

import json
import os
import sys

import torch
import torchvision.transforms as T
from PIL import Image
from torchvision.transforms import InterpolationMode

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "packaging"))
import export_models  # noqa: E402

IMAGES = ["noise_rgb_97x61", "rings_gray_128x96", "stripes_rgb_33x129", "photo_rgb_300x200",
          "gradient_rgb_64x48"]
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)

TEMPLATE = {
    "format_version": 1,
    "name": "tiny-scorer",
    "kind": "scorer",
    "description": "test fixture: random conv net 3 -> 4 channels, mean pool, linear 4 -> 1, sigmoid",
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
    "output_dim": 1,
    "batch_size": 2,
}


class TinyScorer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.fc = torch.nn.Linear(4, 1)

    def forward(self, x):
        h = torch.relu(self.conv(x)).mean(dim=(2, 3))
        return torch.sigmoid(4.0 * self.fc(h))


def main():
    torch.manual_seed(20261123)
    net = TinyScorer().eval()
    path = os.path.join(HERE, "tiny-scorer.pt")
    diff = export_models.trace_and_save(net, torch.rand(1, 3, 16, 16), path)
    assert diff == 0.0, diff
    sidecar = export_models.write_sidecar(TEMPLATE, path)
    export_models.check_output(path, sidecar, export_models.example_input(sidecar, batch=2))
    transform = T.Compose([T.Resize(20, interpolation=InterpolationMode.BICUBIC), T.CenterCrop(16), T.ToTensor(),
                           T.Normalize(MEAN, STD)])
    outputs = {}
    with torch.no_grad():
        for name in IMAGES:
            image = Image.open(os.path.join(HERE, "..", "imageio", name + ".png")).convert("RGB")
            outputs[name] = float(net(transform(image)[None])[0, 0])
    with open(os.path.join(HERE, "tiny-scorer-expected.json"), "w") as f:
        json.dump({"generator": "make_scorer.py", "torch": torch.__version__, "sha256": sidecar["sha256"],
                   "outputs": outputs}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
