#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Cross-check the layout database against Linux's mlx5_ifc.h.

Every structure and field the database shares with mlx5_ifc.h must have
the same bit offset and width.  mlx5_ifc.h states a layout only as a
sequence of widths, so offsets here are computed by summing them; the
database states each offset outright.  This parser is deliberately not
the import tool's: sharing one would make the check agree with itself.

  ifc_crosscheck.py PRM_DUMP [--header mlx5_ifc.h | --tarball linux.tar.xz
                              --workdir DIR]

Exit 0: all agree; 1: a mismatch (named); 77: no Linux source (skipped).
"""
import argparse
import os
import re
import subprocess
import sys

SKIP = 77
MEMBER = "include/linux/mlx5/mlx5_ifc.h"

# Fields where the database deliberately follows mstflint's ADB because
# the two sources put the same bits in different places; printed, not
# failed.  Each needs its reason.
ADB_ORDER = "the ADB puts the flags at the other end of the dword"
KNOWN = {
    "mcqi_activation_method.%s" % f: ADB_ORDER for f in (
        "pending_server_ac_power_cycle", "pending_server_dc_power_cycle",
        "pending_server_reboot", "pending_fw_reset", "auto_activate",
        "all_hosts_sync")
}
KNOWN["mcqi_reg"] = "its flexible data array, sized as in the ADB"
KNOWN["mcda_reg"] = KNOWN["mcqi_reg"]
# Same bits, read as ASCII bytes rather than dwords so they print as text.
TEXT = "ASCII text: the same bits as bytes, not dwords"
KNOWN["pddr_troubleshooting_page.status_message"] = TEXT
KNOWN["resource_dump_error_segment.error"] = TEXT


def find_header(args):
    if args.header:
        return args.header if os.path.exists(args.header) else None
    if not args.tarball or not os.path.exists(args.tarball):
        return None
    top = os.path.basename(args.tarball).split(".tar")[0]
    path = os.path.join(args.workdir, top, MEMBER)
    if not os.path.exists(path):
        os.makedirs(args.workdir, exist_ok=True)
        # Only the one member: the whole tree is a gigabyte.
        subprocess.run(["tar", "-xf", args.tarball, "-C", args.workdir,
                        "%s/%s" % (top, MEMBER)], check=True)
    return path


class Ifc:
    """Layouts of mlx5_ifc.h: name -> (is_union, [statement, ...])."""

    def __init__(self, text):
        text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)
        text = text.replace("\\\n", " ")
        self.consts = dict(re.findall(
            r"^\s*#\s*define\s+(\w+)[ \t]+([^\n]+)$", text, re.M))
        for name, val in re.findall(r"\b(MLX5_\w+)\s*=\s*(0x[0-9a-fA-F]+|\d+)\s*[,}]", text):
            self.consts.setdefault(name, val)
        self.types = {}
        for m in re.finditer(r"\b(struct|union)\s+(\w+)\s*\{", text):
            body, _ = self.block(text, m.end())
            self.types[m.group(2)] = (m.group(1) == "union", body)
        self.sizes = {}

    @staticmethod
    def block(text, start):
        """Text up to the brace closing the one before START, and its end."""
        depth = 1
        i = start
        while depth:
            c = text[i]
            depth += (c == "{") - (c == "}")
            i += 1
        return text[start:i - 1], i

    def statements(self, body):
        """Split a body at top-level semicolons."""
        out, depth, cur = [], 0, []
        for c in body:
            if c == ";" and not depth:
                s = "".join(cur).strip()
                if s:
                    out.append(s)
                cur = []
                continue
            depth += (c == "{") - (c == "}")
            cur.append(c)
        return out

    def number(self, s, depth=0):
        """A dimension: a literal, or a macro of literals and + - * ( )."""
        s = s.strip()
        if not s:
            return None		# flexible array
        if depth > 8:
            raise ValueError("macro loop at %s" % s)
        expr = re.sub(r"\b[A-Za-z_]\w*",
                      lambda m: "(%d)" % self.number(self.consts[m.group(0)],
                                                     depth + 1), s)
        if not re.fullmatch(r"[0-9a-fA-FxX()+\-* \t]+", expr):
            raise ValueError("dimension %r" % s)
        return int(eval(expr, {"__builtins__": {}}))

    def tag(self, tag):
        if tag in self.types:
            return tag
        if tag + "_bits" in self.types:
            return tag + "_bits"
        return None

    def size(self, tag):
        if tag not in self.sizes:
            t = self.tag(tag)
            self.sizes[tag] = 0 if t is None else \
                self.layout(t)[0]
        return self.sizes[tag]

    def layout(self, tag):
        """(size, fields) with fields [(name, off, total, elem, count)]."""
        is_union, body = self.types[tag]
        return self.members(body, is_union)

    def members(self, body, is_union):
        fields, off, size = [], 0, 0
        for st in self.statements(body):
            width, sub = self.member(st)
            for name, o, total, elem, count in sub:
                fields.append((name, off + o, total, elem, count))
            if is_union:
                size = max(size, width)
            else:
                off += width
                size = off
        return size, fields

    def member(self, st):
        """(width, [(name, off-in-member, total, elem, count)])."""
        if st.startswith("DECLARE_FLEX_ARRAY"):
            return 0, []
        if "{" in st:
            kind = st.split("{", 1)[0].split()[0]
            inner = st[st.index("{") + 1:st.rindex("}")]
            name = st[st.rindex("}") + 1:].strip()
            width, fields = self.members(inner, kind == "union")
            if name:
                return width, [(name, 0, width, width, 1)]
            return width, fields	# anonymous: members show through
        m = re.fullmatch(r"u8\s+(\w+)\s*\[([^\]]*)\](?:\s*\[([^\]]*)\])?", st)
        if m:
            first = self.number(m.group(2))
            if m.group(3) is None:
                if first is None:
                    return 0, []
                return first, [(m.group(1), 0, first, first, 1)]
            elem = self.number(m.group(3))
            if first is None:
                return 0, []
            return first * elem, [(m.group(1), 0, first * elem, elem, first)]
        m = re.fullmatch(r"(struct|union)\s+(\w+)\s+(\w+)\s*(?:\[([^\]]*)\])?", st)
        if m:
            width = self.size(m.group(2))
            count = 1
            if m.group(4) is not None:
                count = self.number(m.group(4))
                if count is None:
                    return 0, []
            return width * count, [(m.group(3), 0, width * count, width, count)]
        raise ValueError("unparsed member: %r" % st)


def load_dump(path):
    structs, fields = {}, {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == "struct":
                structs[w[1]] = int(w[2])
                fields[w[1]] = []
            elif w[0] == "field":
                fields[w[1]].append((w[2], int(w[3]), int(w[4]), int(w[5])))
    return structs, fields


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--header")
    ap.add_argument("--tarball")
    ap.add_argument("--workdir", default=".")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    header = find_header(args)
    if not header:
        print("SKIP: no mlx5_ifc.h (install linux-source-6.12)")
        return SKIP
    with open(header) as f:
        ifc = Ifc(f.read())
    structs, ours = load_dump(args.dump)

    errors, compared, nstructs, absent, own = [], 0, 0, [], 0
    uncovered = []
    for name, bits in structs.items():
        tag = ifc.tag("mlx5_ifc_" + name)
        if tag is None:
            own += 1
            continue
        size, theirs = ifc.layout(tag)
        nstructs += 1
        if size != bits:
            errors.append("%s: size 0x%x, mlx5_ifc.h 0x%x" % (name, bits, size))
        by_name = {}
        for t in theirs:
            by_name.setdefault(t[0], t)
        mine = {f[0] for f in ours[name]}
        for t in theirs:
            if t[0] not in mine and t[2] and \
                    not re.match(r"res[e]*rved|padding", t[0]):
                uncovered.append("%s.%s" % (name, t[0]))
        for fname, off, fbits, count in ours[name]:
            t = by_name.get(fname)
            if t is None:
                absent.append("%s.%s" % (name, fname))
                continue
            compared += 1
            _, toff, ttotal, telem, tcount = t
            if off != toff:
                errors.append("%s.%s: offset 0x%x, mlx5_ifc.h 0x%x" %
                              (name, fname, off, toff))
            if fbits * count != ttotal:
                errors.append("%s.%s: width 0x%x, mlx5_ifc.h 0x%x" %
                              (name, fname, fbits * count, ttotal))
            elif count > 1 and tcount > 1 and (fbits, count) != (telem, tcount):
                errors.append("%s.%s: %u x 0x%x, mlx5_ifc.h %u x 0x%x" %
                              (name, fname, count, fbits, tcount, telem))

    print("mlx5_ifc.h: %s" % header)
    print("compared %d fields in %d structs (%d structs are ours alone)" %
          (compared, nstructs, own))
    if uncovered:
        print("%d mlx5_ifc.h fields the database leaves out (union "
              "alternatives, unnamed mask bits): %s" %
              (len(uncovered), " ".join(sorted(set(uncovered)))))
    if absent:
        more = " ..." if len(absent) > 8 and not args.verbose else ""
        shown = absent if args.verbose else absent[:8]
        print("%d fields not in mlx5_ifc.h (from other sources, -v lists "
              "them): %s%s" % (len(absent), " ".join(shown), more))
    known = [e for e in errors if e.split(":")[0] in KNOWN]
    errors = [e for e in errors if e not in known]
    for e in known:
        print("known difference %s (%s)" % (e, KNOWN[e.split(":")[0]]))
    for e in errors:
        print("MISMATCH %s" % e)
    if errors:
        print("FAIL: %d mismatches" % len(errors))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
