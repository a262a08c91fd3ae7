#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Creates (once) the demo project from Debian's Fashion-MNIST and opens the GUI on it. Safe to rerun:
# an existing project is reused and importing again adds nothing twice.
set -euo pipefail
build=${1:-build}
demo=${2:-demo}
src=/usr/share/datasets/fashion-mnist
project="$demo/fashion-mnist.winnow"
cli="$build/app/cli/winnow-cli"
gui="$build/app/winnow"

mkdir -p "$demo"
if [[ ! -f $project ]]; then
  echo "demo: creating $project"
  "$cli" create "$project"
fi
echo "demo: importing Fashion-MNIST (60,000 train + 10,000 test images, IDX) from $src"
rc=0
# Fashion-MNIST's class names, in label order (the IDX files store 0-9).
printf '%s\n' "T-shirt/top" "Trouser" "Pullover" "Dress" "Coat" "Sandal" "Shirt" "Sneaker" "Bag" \
  "Ankle boot" > "$demo/fashion-mnist-classes.txt"
"$cli" ingest "$project" "$src" --dataset fashion-mnist --label-names "$demo/fashion-mnist-classes.txt" || rc=$?
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "demo: import failed (exit $rc)" >&2
  exit "$rc"
fi
echo "demo: embedding the images with the built-in embedder (about a minute on 2 cores; rerun: nothing to do)"
rc=0
"$cli" embed "$project" || rc=$?
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "demo: embedding failed (exit $rc)" >&2
  exit "$rc"
fi
echo "demo: laying out the embedding map with UMAP (under a minute on 2 cores; rerun: read from the cache)"
"$cli" map "$project" --method umap --quiet || echo "demo: the map layout failed; compute it in the Map tab" >&2
"$cli" info "$project"
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
  echo "demo: no display found (DISPLAY is not set); start the GUI later with: $gui $project" >&2
  exit 0
fi
echo "demo: opening $gui $project"
exec "$gui" "$project"
