#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Check the emulator's policy against Documentation/policy.md.

The document is the written contract the kernel series and the emulator
both implement; this reads the expectations from the prose and tables
there, independently of the C tables, and compares every opcode and every
register id at every scope.
"""
import re
import subprocess
import sys

SCOPES = {"configuration": 0, "debug-read-only": 1, "debug-write": 2,
          "debug-write-full": 3}


def parse(doc):
    ops, regs = {}, {}
    cur = None
    for line in doc.splitlines():
        m = re.match(r"Lowest scope \*\*([a-z-]+)\*\*", line)
        if m:
            cur = SCOPES[m.group(1)]
        elif not line.strip() or line.startswith(("#", "|", "Register access")):
            cur = None
        if cur is not None:
            for val in re.findall(r"\b[A-Z][A-Z0-9_]+ (0x[0-9a-f]+)", line):
                ops[int(val, 16)] = cur
        m = re.match(r"\| ([a-z-]+) \| ([a-z-]+) \| (.*) \|$", line)
        if m and m.group(2) in SCOPES:
            scope = SCOPES[m.group(2)]
            for lo, hi in re.findall(r"(0x[0-9a-f]+)(?:\u2013(0x[0-9a-f]+))?",
                                     m.group(3)):
                for r in range(int(lo, 16), int(hi or lo, 16) + 1):
                    regs[r] = scope
    return ops, regs


def main():
    dump, doc_path = sys.argv[1], sys.argv[2]
    ops, regs = parse(open(doc_path, encoding="utf-8").read())
    if len(ops) < 80 or len(regs) < 25:
        print(f"parsed too little from {doc_path}: {len(ops)} opcodes, "
              f"{len(regs)} registers")
        return 1
    # Reads of both register opcodes need debug-read-only.
    ops[0x805] = ops[0xb0c] = 1
    out = subprocess.run([dump], check=True, capture_output=True,
                         text=True).stdout
    bad = 0
    checked = 0
    for line in out.splitlines():
        kind, val, got = line.split()
        val, got = int(val, 16), int(got)
        if kind == "op":
            want = ops.get(val, -1)
        else:
            want = regs.get(val, 2)   # any other register: debug-write
        checked += 1
        if want != got:
            bad += 1
            if bad <= 20:
                print(f"{kind} {val:#06x}: document says {want}, "
                      f"emulator enforces {got}")
    print(f"policy: {checked} opcode/register cases checked against "
          f"{len(ops)} opcodes and {len(regs)} register rows, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
