# SPDX-FileCopyrightText: 2026 The Winnow authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of bench/driver.py: timed commands, the page cache, the results table."""

import json
import os
import resource
import subprocess
import sys
import time
from typing import NamedTuple


class CommandFailed(RuntimeError):
    pass


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Run(NamedTuple):
    seconds: float  # wall time
    out: str        # stdout
    cpu: float      # user + system CPU seconds of the command and the children it waited for


def timed(cmd, ok_codes=(0,), timeout=1200, stdin=None, shell=False):
    """Runs a command; returns a Run. Raises CommandFailed on another exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, shell=shell, stdin=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise CommandFailed(f"timed out after {timeout} s: {cmd}") from e
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok_codes:
        tail = proc.stderr.strip().splitlines()[-5:]
        raise CommandFailed(f"exit {proc.returncode}: {cmd}\n  " + "\n  ".join(tail))
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Run(seconds, proc.stdout, cpu)


def last_json(text):
    """The JSON document a command printed: the whole stdout, or else its last line that is an object."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON document in the output: " + text[:200])


def best_of(repeats, run):
    """Runs run() `repeats` times; returns the result whose first element (seconds) is smallest."""
    results = [run() for _ in range(repeats)]
    return min(results, key=lambda r: r[0])


def best_interleaved(repeats, runs):
    """Runs each callable of `runs` once per round, `repeats` rounds (so that a change of the machine's
    load hits every contender alike); returns the fastest result of each, in order."""
    results = [[] for _ in runs]
    for _ in range(repeats):
        for k, run in enumerate(runs):
            results[k].append(run())
    return [min(r, key=lambda x: x[0]) for r in results]


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


class PageCache:
    """Drops the page cache when the kernel lets us (root, writable /proc/sys/vm), else warms files."""

    def __init__(self):
        self.can_drop = self._drop()

    @staticmethod
    def _drop():
        try:
            subprocess.run(["sync"], check=True)
            with open("/proc/sys/vm/drop_caches", "w") as f:
                f.write("3\n")
            return True
        except OSError:
            return False

    def drop(self):
        if not self._drop():
            raise CommandFailed("could not drop the page cache")

    @staticmethod
    def warm(paths):
        """Reads every file once so that all contenders start from a warm cache."""
        total = 0
        for p in paths:
            with open(p, "rb") as f:
                while chunk := f.read(1 << 20):
                    total += len(chunk)
        return total


class Table:
    """Rows of measure, ours, baseline, ratio, target, result; ratio > 1 always means Winnow is better."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, measure, ours, baseline, ratio, target="—", result="—"):
        self.rows.append((measure, ours, baseline, "—" if ratio is None else f"{ratio:.3g}x", target, result))

    def error(self, measure, message):
        self.rows.append((measure, "error", "—", "—", "—", "ERROR"))
        self.notes.append(f"{measure}: {message}")

    def note(self, text):
        self.notes.append(text)

    def text(self):
        head = ("measure", "ours", "baseline", "ratio", "target", "result")
        widths = [max(len(str(r[i])) for r in self.rows + [head]) for i in range(len(head))]
        line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
        out = [line(head), line(tuple("-" * w for w in widths))] + [line(r) for r in self.rows]
        return "\n".join(out + [""] + [f"* {n}" for n in self.notes])

    def markdown(self):
        out = ["| measure | ours | baseline | ratio | target | result |", "|---|---|---|---|---|---|"]
        out += ["| " + " | ".join(str(c) for c in r) + " |" for r in self.rows]
        return "\n".join(out + [""] + [f"* {n}" for n in self.notes]) + "\n"


def verdict(passed):
    return "pass" if passed else "MISS"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def machine_line(threads):
    return f"{os.cpu_count()} vCPU ({cpu_model()}), {threads} threads used, {time.strftime('%Y-%m-%d %H:%M')}"
