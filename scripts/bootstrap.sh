#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs exactly the Debian bookworm packages that Winnow's build, tests and demo need.
# Idempotent: packages already installed are skipped, and nothing is done when all are present.
# Uses `sudo -n` when not root. Prints what it does; fails loudly.
set -euo pipefail

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: ERROR: %s\n' "$*" >&2; exit 1; }

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache
  # Qt 6 (Widgets, Concurrent, Test come with qtbase; Charts; webp/tiff image plugins)
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-image-formats-plugins qt6-qpa-plugins libgl-dev
  # core libraries
  libtorch-dev libfaiss-dev libopencv-dev libjpeg62-turbo-dev libsqlite3-dev libssl-dev libarchive-dev zlib1g-dev nlohmann-json3-dev libeigen3-dev
  # BLAS: FAISS and libtorch are 60-80x slower on the reference BLAS
  libopenblas0-pthread libopenblas-pthread-dev
  # tests
  libgtest-dev libgmock-dev sqlite3
  # the demo dataset
  dataset-fashion-mnist
  # reference implementations for test fixtures (scripts/ and tests/data/*.py)
  python3-numpy python3-scipy python3-pil
)

if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo -n); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  say "installing ${#missing[@]} missing package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when they are absent or older than a day.
  if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1) ]]; then
    say "apt-get update"
    "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
  fi
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
else
  say "all ${#PACKAGES[@]} packages already installed"
fi

# libblas.so.3 must resolve to OpenBLAS, not the netlib reference BLAS.
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
if [[ $blas != *openblas* ]]; then
  say "pointing libblas.so.3 at OpenBLAS (was: ${blas:-none})"
  alt=$(update-alternatives --list libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep openblas-pthread | head -1 || true)
  [[ -n $alt ]] || die "no OpenBLAS alternative for libblas.so.3 (is libopenblas0-pthread installed?)"
  "${SUDO[@]}" update-alternatives --set libblas.so.3-x86_64-linux-gnu "$alt"
  blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)
  [[ $blas == *openblas* ]] || die "libblas.so.3 still resolves to $blas"
fi
say "libblas.so.3 -> $blas"

[[ -d /usr/share/datasets/fashion-mnist ]] || die "Fashion-MNIST not found under /usr/share/datasets/fashion-mnist"
say "done"
