#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""The FEC names of PPLM and PDDR against Linux's mlx5e FEC modes.

Linux (drivers/net/ethernet/mellanox/mlx5/core/en/port.h) numbers the
FEC modes MLX5E_FEC_NOFEC, _FIRECODE, _RS_528_514, _RS_544_514 = 7 and
_LLRS_272_257_1 = 9, and reads PPLM's fec_mode_active as a bit set of
them ("active fec is a bit set", en_ethtool.c).  So PPLM's FEC fields
must name bit (1 << mode) and PDDR's fec_mode_active, a number, mode.

  fec_linux_check.py PRM_DUMP --tarball linux-source-6.12.tar.xz [--cache F]

Exit 0: agree; 1: a name or bit differs; 77: no tarball (skipped).
"""
import argparse
import os
import re
import sys
import tarfile

SKIP = 77
PORT_H = "drivers/net/ethernet/mellanox/mlx5/core/en/port.h"
# Linux's names -> the database's.
NAMES = {"NOFEC": "no_fec", "FIRECODE": "firecode_fec",
         "RS_528_514": "rs_528_514", "RS_544_514": "rs_544_514",
         "LLRS_272_257_1": "ll_rs_272_257_1"}


def port_h(tarball, cache):
    """en/port.h from the tarball, kept in CACHE: unpacking takes long."""
    if not os.path.exists(cache):
        with tarfile.open(tarball) as t:
            for m in t:
                if m.name.endswith(PORT_H):
                    text = t.extractfile(m).read().decode()
                    break
            else:
                raise SystemExit("no %s in %s" % (PORT_H, tarball))
        tmp = "%s.%d.tmp" % (cache, os.getpid())
        with open(tmp, "w") as f:
            f.write(text)
        os.rename(tmp, cache)
    with open(cache) as f:
        return f.read()


def linux_modes(tarball, cache):
    text = port_h(tarball, cache)
    body = re.search(r"enum\s*{([^}]*MLX5E_FEC_NOFEC[^}]*)}", text).group(1)
    modes, n = {}, -1
    for m in re.finditer(r"MLX5E_FEC_(\w+)(?:\s*=\s*(\d+))?", body):
        n = int(m.group(2)) if m.group(2) else n + 1
        modes[m.group(1)] = n
    return modes


def enums(dump, struct, field):
    with open(dump) as f:
        for line in f:
            w = line.split()
            if w[:3] == ["field", struct, field]:
                return {int(v, 0): k for v, k in
                        (e.split("=") for e in w[8].split(","))}
    return {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--tarball", required=True)
    ap.add_argument("--cache", default="en_port.h")
    args = ap.parse_args()
    if not os.path.exists(args.tarball):
        print("SKIP: no %s" % args.tarball)
        return SKIP
    modes = linux_modes(args.tarball, args.cache)
    errors = []
    pplm = enums(args.dump, "pplm_reg", "fec_mode_active")
    pddr = enums(args.dump, "pddr_operation_info_page", "fec_mode_active")
    for lname, ours in NAMES.items():
        n = modes.get(lname)
        if n is None:
            errors.append("Linux has no MLX5E_FEC_%s" % lname)
            continue
        if pplm.get(1 << n) != ours:
            errors.append("PPLM fec_mode_active bit %d: %s, Linux %s"
                          % (n, pplm.get(1 << n), lname))
        if pddr.get(n) != ours:
            errors.append("PDDR fec_mode_active %d: %s, Linux %s"
                          % (n, pddr.get(n), lname))
    print("Linux FEC modes: %s" % modes)
    for e in errors:
        print("MISMATCH %s" % e)
    print("FAIL" if errors else "PASS")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
