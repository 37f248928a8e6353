#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""compare-runs must fail on any difference, a missing scenario or no data."""
import os
import subprocess
import sys
import tempfile

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare-runs")
SAME = "diff a err=0 status=0x0 syndrome=0x0 out=00\ndiff b err=EBUSY\n"
CASES = [
    ("identical", SAME, SAME, 0),
    ("errno differs", SAME, SAME.replace("EBUSY", "errno11"), 1),
    ("outbox differs", SAME, SAME.replace("out=00", "out=01"), 1),
    ("scenario missing", SAME, "diff a err=0 status=0x0 syndrome=0x0 out=00\n", 1),
    ("no scenarios", "case x: PASS\n", "case x: PASS\n", 1),
]


def run(kernel, emu):
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, text in (("kernel", kernel), ("emu", emu)):
            paths.append(os.path.join(d, name))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        return subprocess.run([sys.executable, TOOL] + paths,
                              capture_output=True, text=True).returncode


def main():
    bad = 0
    for name, kernel, emu, want in CASES:
        got = run(kernel, emu)
        print(f"{'ok  ' if got == want else 'FAIL'} {name}: exit {got}, want {want}")
        bad += got != want
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
