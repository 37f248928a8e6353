#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""No hand copies of the PRM constants the database generates.

Register ids, capability types, resource dump segment types, command
statuses and UCTX capability bits come from providers/mlx5ctl/prm/db
(prm_gen.h: PRM_REG_*, PRM_CAP_*, PRM_SEGMENT_*, PRM_STATUS_*,
PRM_UCTX_CAP_*).  This scans every C file outside the database for a
#define or an enumerator that declares one of them again: a name of
that kind (REG, CAP, SEG, STATUS, UCTX in it) whose value is the
database's for the same constant (same name, or any register id).

  check_no_copies.py PRM_DUMP SRCDIR [FILE...]

FILEs are scanned instead of the tree (the test that it can fail).
Exit 0: none; 1: copies, each named with its file and line.
"""
import os
import re
import sys

# Declared on purpose, with the reason.
ALLOWED = {
    "MLX5CTL_UCTX_CAP_RAW_TX": "public API; status.c asserts it is the PRM's",
    "MLX5CTL_UCTX_CAP_INTERNAL_DEV_RES": "public API, asserted likewise",
    "MLX5CTL_UCTX_CAP_TOOLS_RESOURCES": "public API, asserted likewise",
}
SKIP_DIRS = ("providers/mlx5ctl/prm", "kernel-headers", "build", ".git")
KINDS = [("UCTX", "uctx_cap"), ("STATUS", "status"), ("SEG", "segment"),
         ("REG", "reg"), ("CAP", "cap")]
DECL = re.compile(r"^\s*(?:#define\s+(\w+)\s+|(\w+)\s*=\s*)"
                  r"\(?\s*(0x[0-9a-fA-F]+|\d+|1u?\s*<<\s*\d+)\s*\)?\s*,?\s*$")


def generated(dump):
    out = {}
    for line in open(dump):
        w = line.split()
        if w and w[0] == "const":
            out.setdefault(w[1], {})[w[2].upper().replace("_ERR", "")] = \
                int(w[3])
    return out


def number(text):
    m = re.fullmatch(r"1u?\s*<<\s*(\d+)", text)
    return 1 << int(m.group(1)) if m else int(text, 0)


def kind_of(name):
    for word, kind in KINDS:
        m = re.search(r"(?:^|_)%s(?:S)?_(\w+)$" % word, name)
        if m:
            return kind, m.group(1).upper().replace("_ERR", "")
    return None, None


def copies(path, gen):
    found = []
    for n, line in enumerate(open(path, errors="replace"), 1):
        m = DECL.match(line)
        if not m:
            continue
        name = m.group(1) or m.group(2)
        kind, suffix = kind_of(name)
        if not kind or name in ALLOWED or kind not in gen:
            continue
        value = number(m.group(3))
        same = gen[kind].get(suffix) == value or \
            (kind == "reg" and value in gen[kind].values())
        if same:
            found.append("%s:%d: %s re-declares a generated %s constant" %
                         (path, n, name, kind))
    return found


def sources(top):
    for d, dirs, files in os.walk(top):
        rel = os.path.relpath(d, top)
        dirs[:] = [x for x in dirs
                   if not os.path.join(rel, x).lstrip("./").startswith(SKIP_DIRS)
                   and not x.startswith("build")]
        for f in files:
            if f.endswith((".c", ".h")):
                yield os.path.join(d, f)


def main():
    gen = generated(sys.argv[1])
    files = sys.argv[3:] or list(sources(sys.argv[2]))
    found = [c for f in files for c in copies(f, gen)]
    for c in found:
        print(c)
    print("check_no_copies: %d files, %d copies" % (len(files), len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
