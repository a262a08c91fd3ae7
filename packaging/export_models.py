#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Export embedding models to TorchScript files that Winnow can load, each with its sidecar.

Winnow ships no weights. Run this where you have PyTorch and the weights (it never downloads anything
itself unless the upstream loader does so for files missing from your caches), then copy the output
folder into Winnow's models folder. For every model it writes NAME.pt (TorchScript) and NAME.json (the
sidecar: preprocessing and output rules, see core/torchembed/SIDECAR.md), filled in from the templates in
resources/models/ plus the file's sha256 and the torch version used.

Models and what each needs:
  clip-vit-b32           the `clip` package (github.com/openai/CLIP) and ViT-B-32.pt in --clip-dir
                         (default ~/.cache/clip); loaded with jit=False, .float().eval(), model.visual traced
  dinov2-vits14          a checkout of github.com/facebookresearch/dinov2 (--dinov2-repo) and the weights
  dinov2-vitl14          in $TORCH_HOME/hub/checkpoints (torch.hub.load(..., source="local")); traced at 224
  inception-fid-pytorch  the `pytorch_fid` package and pt_inception-2015-12-05-6726825d.pth
                         (--inception-weights, else pytorch-fid's own cache lookup); InceptionV3([3]) traced
                         with resize_input=False and normalize_input=False: Winnow resizes (torch_bilinear to
                         299) and maps [0, 1] to [-1, 1] (mean = std = 0.5) itself
  inception-fid-nvlabs   NVIDIA's inception-2015-12-05.pt (--nvlabs-file), already TorchScript: copied as is

Compatibility: Debian's libtorch is 1.13 and cannot read TorchScript written by a newer PyTorch. Export
with torch <= the libtorch Winnow links (Debian: /usr/bin/python3 with python3-torch), or re-export.

Examples:
  /usr/bin/python3 packaging/export_models.py --out ~/winnow-models --models clip-vit-b32
  python3 packaging/export_models.py --out models --models dinov2-vits14 --dinov2-repo ~/src/dinov2
  python3 packaging/export_models.py --out models --models inception-fid-nvlabs --nvlabs-file inception-2015-12-05.pt
"""

import argparse
import copy
import hashlib
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SIDECARS = os.path.normpath(os.path.join(HERE, "..", "resources", "models"))
MODELS = ["clip-vit-b32", "dinov2-vits14", "dinov2-vitl14", "inception-fid-pytorch", "inception-fid-nvlabs"]
NEWEST_READABLE = (1, 13)  # Debian bookworm's libtorch


# ---------------------------------------------------------------- files and sidecars (no torch needed)

def sha256_file(path):
    """Lowercase hex SHA-256 of a file, as Winnow computes it for a model's identity."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_template(name, sidecar_dir=DEFAULT_SIDECARS):
    """The shipped sidecar template resources/models/NAME.json as a dict (key order kept)."""
    with open(os.path.join(sidecar_dir, name + ".json")) as f:
        return json.load(f)


def torch_version():
    try:
        import torch
        return torch.__version__
    except ImportError:
        return None


def write_sidecar(template, model_path, json_path=None, **fields):
    """Writes the sidecar of model_path: template plus fields, model_file (the .pt's base name), sha256 and
    exported_with. json_path defaults to the model's path with .json. Returns the written dict."""
    sidecar = copy.deepcopy(template)
    sidecar.update(fields)
    sidecar["model_file"] = os.path.basename(model_path)
    sidecar["sha256"] = sha256_file(model_path)
    version = torch_version()
    if version:
        sidecar["exported_with"] = "torch " + version
    json_path = json_path or os.path.splitext(model_path)[0] + ".json"
    with open(json_path, "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    return sidecar


def check_torch_version():
    version = torch_version()
    if version is None:
        return
    major, minor = (int(p) for p in version.split("+")[0].split(".")[:2])
    if (major, minor) > NEWEST_READABLE:
        print("warning: torch %s is newer than Debian's libtorch %d.%d; Winnow built against that libtorch will "
              "refuse these files (export with /usr/bin/python3 and python3-torch)" % ((version,) + NEWEST_READABLE),
              file=sys.stderr)


# ---------------------------------------------------------------- tracing

def select_output(value, steps):
    """Follows a sidecar's "output" (an index, a key or a list of them) into a model's output."""
    if steps is None:
        return value
    for step in steps if isinstance(steps, list) else [steps]:
        value = value[step]
    return value


def trace_and_save(module, example, path, strict=True):
    """Traces module (eval mode, no grad) on example, saves it to path, reloads the file and returns the
    largest absolute difference between the reloaded and the eager outputs on example."""
    import torch
    module = module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, example, strict=strict, check_trace=False)
        traced.save(path)
        reloaded = torch.jit.load(path)
        return max_difference(module(example), reloaded(example))


def max_difference(a, b):
    import torch
    if isinstance(a, torch.Tensor):
        return float((a.float() - b.float()).abs().max())
    if isinstance(a, dict):
        return max(max_difference(a[k], b[k]) for k in a)
    return max(max_difference(x, y) for x, y in zip(a, b))


def check_output(model_path, sidecar, example):
    """Runs the saved model as Winnow will (submodule, output) and checks output_dim per image."""
    import torch
    module = torch.jit.load(model_path).eval()
    for part in filter(None, sidecar.get("submodule", "").split(".")):
        module = getattr(module, part)
    with torch.no_grad():
        out = select_output(module(example, **sidecar.get("forward_kwargs", {})), sidecar.get("output"))
    per_image = out.numel() // example.shape[0]
    if out.shape[0] != example.shape[0] or per_image != sidecar["output_dim"]:
        raise SystemExit("%s: output shape %s does not give output_dim %d per image"
                         % (model_path, tuple(out.shape), sidecar["output_dim"]))


def example_input(sidecar, batch=1, seed=0):
    import torch
    h, w = sidecar["input_size"]
    g = torch.Generator().manual_seed(seed)
    return torch.rand(batch, 3, h, w, generator=g)


# ---------------------------------------------------------------- the models

def export_clip(args, template, path):
    import clip  # github.com/openai/CLIP
    model, _ = clip.load("ViT-B/32", device="cpu", jit=False, download_root=args.clip_dir)
    model = model.float().eval()
    return trace_and_save(model.visual, example_input(template), path)


def export_dinov2(arch):
    def export(args, template, path):
        import torch
        if not args.dinov2_repo:
            raise SystemExit("dinov2 needs --dinov2-repo (a checkout of github.com/facebookresearch/dinov2)")
        model = torch.hub.load(args.dinov2_repo, "dinov2_" + arch, source="local", pretrained=True)
        return trace_and_save(model, example_input(template), path)
    return export


def export_inception_pytorch(args, template, path):
    import torch
    from pytorch_fid import inception
    if args.inception_weights:
        state = torch.load(args.inception_weights, map_location="cpu")
        inception.load_state_dict_from_url = lambda *a, **k: state  # use the given file, never download
    model = inception.InceptionV3([3], resize_input=False, normalize_input=False, use_fid_inception=True)
    # The output is a list with one B x 2048 x 1 x 1 tensor: the sidecar says "output": 0.
    return trace_and_save(model, example_input(template), path, strict=False)


def export_inception_nvlabs(args, template, path):
    import torch
    if not args.nvlabs_file:
        raise SystemExit("inception-fid-nvlabs needs --nvlabs-file inception-2015-12-05.pt")
    shutil.copyfile(args.nvlabs_file, path)
    module = torch.jit.load(path)
    if not hasattr(module, "layers"):
        raise SystemExit("%s has no 'layers' submodule: not NVIDIA's FID Inception" % args.nvlabs_file)
    return 0.0


EXPORTERS = {
    "clip-vit-b32": export_clip,
    "dinov2-vits14": export_dinov2("vits14"),
    "dinov2-vitl14": export_dinov2("vitl14"),
    "inception-fid-pytorch": export_inception_pytorch,
    "inception-fid-nvlabs": export_inception_nvlabs,
}


def export(name, args):
    """Exports one model into args.out; returns (model path, sidecar dict)."""
    template = load_template(name, args.sidecars)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, template.get("model_file", name + ".pt"))
    diff = EXPORTERS[name](args, template, path)
    sidecar = write_sidecar(template, path)
    check_output(path, sidecar, example_input(template, batch=2, seed=1))
    print("%s: wrote %s and its sidecar (traced vs eager max |diff| %.3g)" % (name, path, diff))
    return path, sidecar


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                epilog=__doc__[__doc__.index("Models and"):],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="models", help="output folder (default: ./models)")
    p.add_argument("--models", nargs="+", choices=MODELS, metavar="NAME",
                   help="models to export (default: all); one of " + ", ".join(MODELS))
    p.add_argument("--sidecars", default=DEFAULT_SIDECARS, help="sidecar templates (default: %(default)s)")
    p.add_argument("--clip-dir", default=os.path.expanduser("~/.cache/clip"),
                   help="folder holding OpenAI's ViT-B-32.pt (default: %(default)s)")
    p.add_argument("--dinov2-repo", help="local checkout of facebookresearch/dinov2 for torch.hub")
    p.add_argument("--inception-weights", help="pytorch-fid's pt_inception-2015-12-05-6726825d.pth")
    p.add_argument("--nvlabs-file", help="NVIDIA's inception-2015-12-05.pt (TorchScript)")
    p.add_argument("--list", action="store_true", help="list the models and their sidecar templates, then exit")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if args.list:
        for name in MODELS:
            t = load_template(name, args.sidecars)
            print("%-22s %s" % (name, t.get("description", "")))
        return 0
    check_torch_version()
    for name in args.models or MODELS:
        export(name, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
