#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
# `make bench`: the ingest and duplicate benchmarks (bench/driver.py), never part of `make test`.
#   bash bench/run.sh [BUILD_DIR] [driver options, see python3 bench/driver.py --help]
# Uses BUILD_DIR/app/cli/winnow-cli, BUILD_DIR/bench/ingest/bench_ingest and
# BUILD_DIR/bench/neardup/bench_neardup; generated data is cached in BUILD_DIR/bench-data.
set -euo pipefail

BUILD=${1:-build}
shift || true
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [[ -f "$BUILD/CMakeCache.txt" ]]; then
  cmake --build "$BUILD" --target winnow-cli bench_ingest bench_neardup
fi
for exe in app/cli/winnow-cli bench/ingest/bench_ingest bench/neardup/bench_neardup; do
  if [[ ! -x "$BUILD/$exe" ]]; then
    echo "bench/run.sh: $BUILD/$exe is missing; build it first (make build)" >&2
    exit 2
  fi
done

# The peers (Debian packages); rows of a missing one are left out and the table says so.
missing=()
for tool in jdupes fdupes findimagedupes sqlite3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo -n"
  echo "bench/run.sh: installing ${missing[*]}" >&2
  $SUDO apt-get install -y "${missing[@]}" >/dev/null || echo "bench/run.sh: could not install ${missing[*]}" >&2
fi

PYTHON=/usr/bin/python3
[[ -x $PYTHON ]] || PYTHON=python3
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
exec "$PYTHON" "$ROOT/bench/driver.py" --build "$BUILD" "$@"
