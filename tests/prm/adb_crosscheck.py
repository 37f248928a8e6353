#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Cross-check the register layouts against mstflint's ADB database.

For every register in the catalogue that register_access_table.adb also
describes (matched by register name), every field both name, at the top
level or inside nested layouts both describe, must sit at the same bit
offset with the same width and the same access (read-only, index key or
writable: "reg set" refuses the first two by it).  So must the alternatives of a union chosen
by a selector (PPCNT grp, PDDR page_select: the ADB names the alternative
by the selector's enum name), and any other layout the ADB has under the
same name (NAME_ext).  Register ids are checked against the ADB's list.  The ADB counts bits from the least
significant end of a dword ("0x4.24" = byte 4, bits 24 and up); the
database counts from the most significant, as mlx5_ifc.h does.

  adb_crosscheck.py PRM_DUMP [--adb register_access_table.adb]

Exit 0: all agree; 1: a mismatch (named); 77: no ADB file (skipped).
"""
import argparse
import os
import sys
import xml.etree.ElementTree as ET

SKIP = 77

# Fields where mlx5_ifc.h and the ADB differ and the database follows
# mlx5_ifc.h (the primary source; the bits it names are the same bits):
# printed, not failed.  Each needs its reason.
WIDER = "the ADB's field also takes bits mlx5_ifc.h leaves reserved"
KNOWN = {
    "PPLR.lb_cap": WIDER,
    "PPLR.lb_en": WIDER,
    "QTCT.tclass": WIDER,
    "SLTP.status": "mlx5_ifc.h's 4-bit field holds the ADB's 2 bits",
    # "reg set MLCR local_port 1 beacon_duration=..." names the port as
    # every port register does; the ADB alone calls it RW
    "MLCR.local_port": "the port the LED belongs to: an index, as in PAOS",
    "MLCR.lp_msb": "the port the LED belongs to: an index, as in PAOS",
}
DEFAULT_ADB = "/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb"


def bits_of(spec):
    """ "0x4.16" -> 4 * 8 + 16 (bytes in hex, bits in decimal)."""
    whole, _, part = spec.partition(".")
    return int(whole, 16) * 8 + (int(part) if part else 0)


class Adb:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.nodes = {n.get("name"): n for n in root.iter("node")}
        self.regs = {}
        self.ids = {}
        for f in root.iter("field"):
            if f.get("selected_by") and f.get("subnode"):
                self.regs.setdefault(f.get("selected_by").upper(),
                                     f.get("subnode"))
            # the register id list: the enum that names MGIR
            enum = f.get("enum") or ""
            if "MGIR=" in enum and not self.ids:
                for item in enum.split(","):
                    key, _, val = item.partition("=")
                    if val:
                        self.ids[key.strip().upper()] = int(val, 0)

    def fields(self, node):
        """name -> (msb-first offset, element bits, count, subnode)."""
        out = {}
        for f in self.nodes[node].findall("field"):
            byte, _, bit = f.get("offset").partition(".")
            byte, bit = int(byte, 16), int(bit or 0)
            total = bits_of(f.get("size"))
            count = 1
            hi, lo = f.get("high_bound"), f.get("low_bound")
            if hi is not None and hi.isdigit():
                count = int(hi) - int(lo or 0) + 1
            elem = total // count if count else total
            if elem < 32:
                # element 0's LSB position inside the dword at BYTE (the
                # ADB starts every sub-dword field's offset on a dword)
                off = byte * 8 + 32 - bit - elem
            else:
                off = byte * 8 + bit
            out[f.get("name")] = (off, elem, count, f.get("subnode"),
                                  f.get("access"))
        return out

    def flat(self, node, base=0, depth=0):
        """fields() plus, where a name is free, those of nested nodes:
        the database may write a register flat (MGIR) that the ADB nests."""
        out = {}
        nested = []
        for name, (off, elem, count, sub, acc) in self.fields(node).items():
            out[name] = (base + off, elem, count, sub, acc)
            if sub in self.nodes and count == 1 and depth < 8:
                nested.append((sub, base + off))
        for sub, off in nested:
            for name, val in self.flat(sub, off, depth + 1).items():
                out.setdefault(name, val)
        return out


def load_dump(path):
    structs, regs, alts, ids = {}, {}, [], {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == "struct":
                structs[w[1]] = {}
            elif w[0] == "field":
                structs[w[1]][w[2]] = (int(w[3]), int(w[4]), int(w[5]),
                                       None if w[6] == "-" else w[6], w[7])
            elif w[0] == "reg":
                regs[w[1]] = w[3]
                ids[w[1]] = int(w[2])
            elif w[0] == "alt":
                alts.append((w[1], w[2], w[3], int(w[4]), w[5]))
    return structs, regs, alts, ids


def adb_alternative(adb, node, field, selector, value):
    """The ADB node FIELD of NODE holds when SELECTOR == VALUE, or None."""
    fields = {f.get("name"): f for f in adb.nodes[node].findall("field")}
    f, sel = fields.get(field), fields.get(selector)
    if f is None or sel is None or f.get("subnode") not in adb.nodes:
        return None
    names = {}
    for item in (sel.get("enum") or "").split(","):
        key, _, val = item.partition("=")
        if val:
            names[int(val, 0)] = key.strip()
    want = names.get(value)
    for alt in adb.nodes[f.get("subnode")].findall("field"):
        if want and alt.get("selected_by") == want:
            return alt.get("subnode")
    return None


def access(acc):
    """What "reg set" may do with a field: RO and INDEX are refused; the
    ADB's WO (written, reads as 0: ase), OP (an operation: clr) and RW
    are all writable."""
    return "RW" if acc in ("WO", "RW", "OP") else acc


def compare(adb, structs, ours, node, where, stats, errors, depth=0):
    theirs = adb.flat(node)
    for name, (off, bits, count, sub, acc) in structs[ours].items():
        t = theirs.get(name)
        if t is None:
            stats["absent"] += 1
            continue
        toff, telem, tcount, tsub, tacc = t
        stats["compared"] += 1
        label = "%s.%s" % (where, name)
        if off != toff:
            errors.append("%s: offset 0x%x, ADB 0x%x" % (label, off, toff))
        if bits * count != telem * tcount:
            errors.append("%s: width 0x%x, ADB 0x%x" %
                          (label, bits * count, telem * tcount))
        if not sub and tacc and access(acc) != access(tacc):
            errors.append("%s: access %s, ADB %s" % (label, acc, tacc))
        if sub and tsub and tsub in adb.nodes and depth < 8:
            compare(adb, structs, sub, tsub, label, stats, errors, depth + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--adb", default=DEFAULT_ADB)
    args = ap.parse_args()
    if not os.path.exists(args.adb):
        print("SKIP: no %s (install mstflint)" % args.adb)
        return SKIP
    adb = Adb(args.adb)
    structs, regs, alts, ids = load_dump(args.dump)
    stats = {"compared": 0, "absent": 0}
    errors, matched, alone = [], [], []
    for name, layout in sorted(regs.items()):
        node = adb.regs.get(name.upper())
        if node not in adb.nodes:
            alone.append(name)
            continue
        matched.append(name)
        compare(adb, structs, layout, node, name, stats, errors)
    done = set(regs.values())
    reg_node = {layout: adb.regs.get(name.upper()) for name, layout in regs.items()}
    nalts = 0
    for s, field, selector, value, layout in alts:
        node = reg_node.get(s)
        alt = adb_alternative(adb, node, field, selector, value) \
            if node in adb.nodes else None
        if alt in adb.nodes:
            nalts += 1
            done.add(layout)
            compare(adb, structs, layout, alt, "%s[%s=%d]" % (s, selector, value),
                    stats, errors)
    nids = 0
    for name, rid in sorted(ids.items()):
        if name.upper() in adb.ids:
            nids += 1
            if adb.ids[name.upper()] != rid:
                errors.append("%s: register id 0x%x, ADB 0x%x" %
                              (name, rid, adb.ids[name.upper()]))
    nsame = 0
    for name in structs:
        if name in done:
            continue
        # mvcr_reg, a layout the register catalogue leaves out, is mvcr_ext
        for node in (name + "_ext", name[:-4] + "_ext"
                     if name.endswith("_reg") else None):
            if node in adb.nodes:
                nsame += 1
                compare(adb, structs, name, node, name, stats, errors)
                break
    print("ADB: %s" % args.adb)
    print("compared %d fields in %d registers, %d union alternatives and "
          "%d other layouts both know (%d fields named differently or "
          "ADB-less)" % (stats["compared"], len(matched), nalts, nsame,
                         stats["absent"]))
    print("compared %d register ids" % nids)
    if alone:
        print("registers the ADB lacks: %s" % " ".join(alone))
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
