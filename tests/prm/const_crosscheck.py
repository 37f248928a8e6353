#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Hold the generated PRM constants to Linux's own.

prm_dump prints the constants the compiler sees (prm_gen.h): register
ids, capability types, command statuses, CREATE_UCTX capability bits.
Each one Linux 6.12 also names must have Linux's value:

  reg NAME       MLX5_REG_NAME         include/linux/mlx5/driver.h
  cap name       MLX5_CAP_NAME[_...]   include/linux/mlx5/device.h (enum
                                       mlx5_cap_type, values counted)
  status NAME    MLX5_CMD_STAT_NAME    include/linux/mlx5/device.h
  uctx_cap NAME  MLX5_UCTX_CAP_NAME    include/linux/mlx5/mlx5_ifc.h
  opcode NAME    MLX5_CMD_OP_NAME      include/linux/mlx5/mlx5_ifc.h
                 (prm_opcode.c's names, looked up both ways)

  const_crosscheck.py PRM_DUMP --tarball linux.tar.xz --workdir DIR

Exit 0: all agree; 1: a mismatch (named); 77: no Linux source (skipped).
"""
import argparse
import os
import re
import subprocess
import sys

SKIP = 77
HEADERS = ["include/linux/mlx5/driver.h", "include/linux/mlx5/device.h",
           "include/linux/mlx5/mlx5_ifc.h"]
PREFIX = {"reg": "MLX5_REG_", "cap": "MLX5_CAP_",
          "status": "MLX5_CMD_STAT_", "uctx_cap": "MLX5_UCTX_CAP_",
          "opcode": "MLX5_CMD_OP_"}


def extract(tarball, workdir):
    top = os.path.basename(tarball).split(".tar")[0]
    paths = [os.path.join(workdir, top, h) for h in HEADERS]
    missing = [h for h, p in zip(HEADERS, paths) if not os.path.exists(p)]
    if missing:
        os.makedirs(workdir, exist_ok=True)
        subprocess.run(["tar", "-xf", tarball, "-C", workdir] +
                       ["%s/%s" % (top, h) for h in missing], check=True)
    return paths


def value(expr, last):
    """An enumerator's value: explicit (0x.., N, 1UL << N) or last + 1."""
    if expr is None:
        return last + 1
    expr = re.sub(r"(?<=\d)[UL]+\b", "", expr.strip())
    m = re.fullmatch(r"(\w+)\s*<<\s*(\w+)", expr)
    if m:
        return int(m.group(1), 0) << int(m.group(2), 0)
    return int(expr, 0)


def enumerators(text):
    """{NAME: value} of every enum body in a header."""
    out = {}
    text = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)
    for body in re.findall(r"\benum\s*\w*\s*\{(.*?)\}", text, re.S):
        last = -1
        for item in body.split(","):
            m = re.fullmatch(r"\s*(\w+)\s*(?:=\s*(.+?))?\s*", item)
            if not m:
                continue
            try:
                last = value(m.group(2), last)
            except ValueError:
                continue    # an expression of other names: not ours
            out[m.group(1)] = last
    return out


def linux_name(kind, name, theirs):
    """Linux's name for ours: exact, else the one that extends it
    (cap 'ethernet' is MLX5_CAP_ETHERNET_OFFLOADS)."""
    want = PREFIX[kind] + name.upper()
    if want in theirs:
        return want
    longer = [n for n in theirs if n.startswith(want + "_")]
    return longer[0] if len(longer) == 1 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--tarball")
    ap.add_argument("--workdir", default=".")
    args = ap.parse_args()
    if not args.tarball or not os.path.exists(args.tarball):
        print("SKIP: no Linux source (install linux-source-6.12)")
        return SKIP
    theirs = {}
    for path in extract(args.tarball, args.workdir):
        with open(path) as f:
            theirs.update(enumerators(f.read()))
    errors, agreed, alone = [], {}, []
    with open(args.dump) as f:
        for line in f:
            w = line.split()
            if w[0] != "const" or w[1] not in PREFIX:
                continue
            kind, name, ours = w[1], w[2], int(w[3])
            if ours < 0:
                errors.append("%s %s: the lookup failed" % (kind, name))
                continue
            lname = linux_name(kind, name, theirs)
            if lname is None:
                alone.append("%s %s" % (kind, name))
            elif theirs[lname] != ours:
                errors.append("%s %s: 0x%x, Linux %s = 0x%x" %
                              (kind, name, ours, lname, theirs[lname]))
            else:
                agreed[kind] = agreed.get(kind, 0) + 1
    print("agree with Linux: %s" % ", ".join(
        "%d %s" % (n, k) for k, n in sorted(agreed.items())))
    print("%d not named by Linux 6.12 (from the PRM, mstflint's ADB or "
          "our series): %s" % (len(alone), ", ".join(alone)))
    for e in errors:
        print("MISMATCH %s" % e)
    return 1 if errors or not agreed else 0


if __name__ == "__main__":
    sys.exit(main())
