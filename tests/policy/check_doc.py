#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Documentation/policy.md's decision tables, made from the one source.

  check_doc.py POLICY_DIR OPCODES_H DOC [--write]

Renders, from policy.def, fwctl-mlx5-policy.tsv and fwctl-delta.tsv, the
part of DOC between "<!-- generated: policy tables -->" and
"<!-- end of generated tables -->": our decision and upstream
fwctl/mlx5's side by side, the register classes and side-effect reads,
and every difference with its reason.  Without --write, exit 1 and show
a diff when DOC's copy differs; with it, rewrite DOC.
"""
import difflib
import re
import sys

BEGIN = "<!-- generated: policy tables -->"
END = "<!-- end of generated tables -->"
SCOPE = {"CONFIGURATION": "configuration", "DEBUG_READ_ONLY": "debug-read-only",
         "DEBUG_WRITE": "debug-write", "DEBUG_WRITE_FULL": "debug-write-full"}


def parse_def(path):
    text = open(path, encoding="utf-8").read()
    rows = {k: [] for k in ("OP", "OP_REQUIRES", "OP_FLAG", "REG_WRITE",
                            "REG_FLAG")}
    for m in re.finditer(r"^POLICY_([A-Z_]+)\(([^)]*)\)(?:\s*/\* (.*?) \*/)?",
                         text, re.M):
        args = [a.strip() for a in m.group(2).split(",")]
        rows[m.group(1)].append(args + [m.group(3) or ""])
    return rows


def parse_opcodes(path):
    return {n: int(v, 16) for n, v in re.findall(
        r"X\(([A-Z0-9_]+), (0x[0-9a-f]+)\)", open(path, encoding="utf-8").read())}


def parse_tsv(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip("\n").split("\t"))
    return out


def render(pdir, opcodes_h):
    d = parse_def(f"{pdir}/policy.def")
    ops = parse_opcodes(opcodes_h)
    fw = {int(v, 16): (n, s) for v, n, s in parse_tsv(f"{pdir}/fwctl-mlx5-policy.tsv")}
    delta = parse_tsv(f"{pdir}/fwctl-delta.tsv")
    ours = {ops[n]: (n, SCOPE[s]) for n, s, _ in d["OP"]}
    req = {ops[n]: b for n, b, _ in d["OP_REQUIRES"]}
    out = [BEGIN, "", "### Opcodes", "",
           "| opcode | command | ctl (ours) | fwctl/mlx5 |", "|---|---|---|---|"]
    for v in sorted(set(ours) | set(fw)):
        name = (ours.get(v) or fw.get(v))[0]
        mine = ours[v][1] if v in ours else "refused"
        if v in req:
            mine += f" (only with inbox bit {req[v]} set)"
        theirs = fw[v][1] if v in fw else "refused"
        out.append(f"| 0x{v:04x} | {name} | {mine} | {theirs} |")
    out += ["| 0x0805, 0x0b0c | ACCESS_REG, ACCESS_REGISTER_USER | op_mod 1: "
            "debug-read-only; op_mod 0: by register, below; other op_mod: "
            "refused | op_mod 0: configuration; other op_mod: debug-read-only |",
            "| any other | | refused | refused |", "",
            "### Register writes", "",
            "| register | id | ctl (ours) | fwctl/mlx5 |", "|---|---|---|---|"]
    for n, rid, s, _ in d["REG_WRITE"]:
        out.append(f"| {n} | {rid} | {SCOPE[s]} | configuration |")
    out += ["| any other | | debug-write-full | configuration |", "",
            "### Reads and queries that change state", "",
            "Sent with the bit set, these count as writes: a register read "
            "needs its register's write scope.", "",
            "| command | bit | ctl (ours) |", "|---|---|---|"]
    for n, b, s, _ in d["OP_FLAG"]:
        out.append(f"| {n} | inbox bit {b} | {SCOPE[s]} |")
    wr = {rid: SCOPE[s] for _, rid, s, _ in d["REG_WRITE"]}
    for n, rid, b, field in d["REG_FLAG"]:
        out.append(f"| {n} read ({field}) | data bit {b} | "
                   f"{wr.get(rid, 'debug-write-full')} |")
    out += ["", "### Differences from fwctl/mlx5, and why", "",
            "| decision | fwctl/mlx5 | ctl (ours) | why |", "|---|---|---|---|"]
    for sel, up, mine, why in delta:
        out.append(f"| `{sel}` | {up} | {mine} | {why} |")
    out += ["", END]
    return "\n".join(out) + "\n"


def main():
    args = [a for a in sys.argv[1:] if a != "--write"]
    if len(args) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    pdir, opcodes_h, doc = args
    text = open(doc, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        print(f"{doc}: no '{BEGIN}' ... '{END}' block")
        return 1
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1].lstrip("\n")
    have = BEGIN + rest.split(END, 1)[0] + END + "\n"
    want = render(pdir, opcodes_h)
    if "--write" in sys.argv:
        open(doc, "w", encoding="utf-8").write(head + want + tail)
        return 0
    if have != want:
        sys.stdout.writelines(difflib.unified_diff(
            have.splitlines(True), want.splitlines(True), doc, "policy.def"))
        print(f"{doc}: the policy tables differ from policy.def; "
              "regenerate with tests/policy/check_doc.py ... --write")
        return 1
    print(f"{doc}: policy tables match policy.def "
          f"({want.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
