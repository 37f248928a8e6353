#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Every decode case of decode_all against the reference digests.

    decode_check.py DECODE_ALL REFERENCE        compare
    decode_check.py DECODE_ALL --write REFERENCE write the digests

The reference holds one line "SHA256 CASE" a case, written from the
output of decode_all built with the decode.c and print.c of an earlier
revision (decode_reference.sh); a case whose bytes differ, or that is
missing or new, is named and fails the check.
"""
import hashlib
import subprocess
import sys


def digests(program):
    out = subprocess.run([program], check=True, stdout=subprocess.PIPE).stdout
    cases, name, body = {}, None, []
    for line in out.splitlines(keepends=True):
        if line.startswith(b"== "):
            if name is not None:
                cases[name] = hashlib.sha256(b"".join(body)).hexdigest()
            name, body = line[3:].decode().rstrip("\n"), []
        else:
            body.append(line)
    if name is not None:
        cases[name] = hashlib.sha256(b"".join(body)).hexdigest()
    return cases


def main():
    if len(sys.argv) == 4 and sys.argv[2] == "--write":
        with open(sys.argv[3], "w") as f:
            for name, digest in digests(sys.argv[1]).items():
                f.write(f"{digest} {name}\n")
        return 0
    if len(sys.argv) != 3:
        print("usage: decode_check.py DECODE_ALL [--write] REFERENCE",
              file=sys.stderr)
        return 2
    want = {}
    with open(sys.argv[2]) as f:
        for line in f:
            digest, name = line.rstrip("\n").split(" ", 1)
            want[name] = digest
    got = digests(sys.argv[1])
    bad = [n for n in want if got.get(n) != want[n]]
    bad += [n for n in got if n not in want]
    for n in bad:
        print(f"decode differs from the reference: {n}", file=sys.stderr)
    print(f"{len(got)} cases, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
