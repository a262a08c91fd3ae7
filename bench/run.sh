#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
# `make bench`: every benchmark (bench/driver.py for ingest and duplicates, then bench/*_bench.py), never
# part of `make test`.
#   bash bench/run.sh [BUILD_DIR] [driver options, see python3 bench/driver.py --help]
# Uses BUILD_DIR/app/cli/winnow-cli, BUILD_DIR/bench/ingest/bench_ingest and
# BUILD_DIR/bench/neardup/bench_neardup; generated data is cached in BUILD_DIR/bench-data.
set -euo pipefail

BUILD=${1:-build}
shift || true
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [[ -f "$BUILD/CMakeCache.txt" ]]; then
  cmake --build "$BUILD"  # every program, the benchmarks (bench/*/) included
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
# The peers of the issue-3/4 suites (Debian packages): FAISS's Python module, scikit-learn, umap-learn.
need=()
"$PYTHON" -c 'import faiss' 2>/dev/null || need+=(python3-faiss)
"$PYTHON" -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
"$PYTHON" -c 'import umap' 2>/dev/null || need+=(umap-learn)
if ((${#need[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo -n"
  echo "bench/run.sh: installing ${need[*]}" >&2
  $SUDO apt-get install -y "${need[@]}" >/dev/null || echo "bench/run.sh: could not install ${need[*]}" >&2
fi

# 1. ingest and duplicates (driver.py), then one suite per area; a failing suite does not stop the others.
status=0
"$PYTHON" "$ROOT/bench/driver.py" --build "$BUILD" "$@" || status=1
for suite in embed select semdedup map mapview; do
  echo "== bench/${suite}_bench.py" >&2
  "$PYTHON" "$ROOT/bench/${suite}_bench.py" --build "$BUILD" || status=1
done
exit $status
