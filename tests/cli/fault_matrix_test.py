#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""The fault matrix: every command family of mlx5ctl against every fault
the emulator injects (Documentation/emulator.md: fault=fw-error, timeout,
gone, short-output), on the family's first RPC (fault_after=0), after it
(fault_after=N, N half the RPCs a clean run of the family sends, as its
-v trace counts them) and on its last RPC where that is another one, on
the ctl backend and on fwctl where the family works there; and, on ctl,
a fault on an opcode no family sends.

Every cell checks what the documentation promises:
  - the exit status of mlx5ctl(1) (1 when a command failed; health is a
    monitoring plugin: UNKNOWN, 3, when the device could not be read);
  - exactly one error line on stderr, in the DIAGNOSTICS format
    ("mlx5ctl: DEV: WHAT failed: REASON"), naming the failure: the
    firmware status, or the errno mlx5ctl_rpc(3) gives for it; health
    names it in its status line on stdout instead;
  - no -o FILE, nor a temporary, left behind by a failed command
    (mlx5ctl(1), OUTPUT FILES);
  - no leak: $MLX5CTL_TEST_WRAPPER (valgrind in ./build.sh test) fails
    the cell's exit status, and the ASan build runs the same cells.
Cells that succeed do so for a reason the EXPECT table gives.

Usage: fault_matrix_test.py --list
       fault_matrix_test.py --binary PATH [-q] [FAMILY...]

One case per family, so ctest runs them side by side; every run ends with
"fault matrix: N cells run, N passed" and the failing cells.  Under
$MLX5CTL_TEST_WRAPPER (valgrind) a representative subset runs, to keep
that stage short: every fault on the first RPC and mid-run on ctl, and
fwctl's own failure, short-output; the rest runs in the plain and ASan
builds, and the summary says how many cells were left to them.  A backend
the caller may not open (ctl needs CAP_SYS_ADMIN, reg set's scope
CAP_SYS_RAWIO) is skipped, saying so; exit 77 when nothing could run.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_test  # noqa: E402
from cli_test import Failure, run  # noqa: E402

DEV = "emu:connectx7"
OUT = "@OUT@"                   # replaced by the cell's -o FILE
NOP = "0x80d"                   # an opcode no family sends

# name: (arguments, the backends it works on)
FAMILIES = {
    "info": (["info"], ("ctl", "fwctl")),
    "cap_show": (["cap", "show", "general", "roce"], ("ctl", "fwctl")),
    "reg_show": (["reg", "show", "PAOS", "local_port", "1"],
                 ("ctl", "fwctl")),
    "reg_set": (["-s", "debug-write-full", "reg", "set", "PAOS",
                 "local_port", "1", "admin_status=down"], ("ctl", "fwctl")),
    "obj": (["obj", "show", "qp", "0x1c8"], ("ctl", "fwctl")),
    "counters_vport": (["counters", "vport"], ("ctl", "fwctl")),
    "counters_q": (["counters", "q", "1"], ("ctl", "fwctl")),
    "counters_port": (["counters", "port"], ("ctl", "fwctl")),
    "diagcnt": (["diagcnt", "dump"], ("ctl", "fwctl")),
    "rscdump_menu": (["rscdump", "menu"], ("ctl", "fwctl")),
    "rscdump_dump": (["rscdump", "dump", "QP", "num1", "all", "-o", OUT],
                     ("ctl", "fwctl")),
    # Several requests of 128K for the default 832K image.  fwctl
    # registers no memory: coredump needs ctl (mlx5ctl(1)).
    "coredump": (["coredump", "--umem-size", "128K", "-o", OUT], ("ctl",)),
    "snapshot": (["snapshot", "-o", OUT], ("ctl", "fwctl")),
    "health": (["health"], ("ctl", "fwctl")),
    "link": (["link", "--eeprom"], ("ctl", "fwctl")),
}

# What each fault is called where the tool reports it: mlx5ctl_rpc(3)'s
# errno, or the firmware status (emu.h: fw-error answers internal error).
REASON = {
    "fw-error": r'firmware error \(status 0x1 "internal error"',
    "timeout": "Connection timed out",          # ETIMEDOUT
    "gone": "No such device",                   # ENODEV
    "short-output": "Protocol error",           # EPROTO, fwctl only
}
# health lists each problem as "WHAT: firmware error (status 0x1)".
HEALTH_REASON = dict(REASON, **{"fw-error": r"firmware error \(status 0x1\)"})

CTL_ZEROS = ("the ctl object copies the whole outbox and the bytes firmware "
             "did not write read as zeros, so the status reads 0 "
             "(emulator.md)")

# Cells whose outcome is not "failed, naming the fault":
# (family, fault, backend, position) -> (outcome, why), "*" matching any.
# outcome: "ok", or a regex the one error line (health: status line) has.
EXPECT = {
    ("info", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; QUERY_ADAPTER's fields may all be 0"),
    ("cap_show", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; a capability may be 0"),
    ("reg_show", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; PAOS decodes from zeros"),
    ("reg_set", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; the write goes to the local_port given "
         "(mlx5ctl(1): where the read came from) and its answer is zeros"),
    ("obj", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; a QP context decodes from zeros"),
    ("counters_vport", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; counters may read 0"),
    ("counters_q", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; counters may read 0"),
    ("counters_port", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; counters may read 0"),
    ("diagcnt", "short-output", "ctl", "first"):
        ("no debug capabilities", CTL_ZEROS + "; a general capability "
         "page of zeros announces no debug capabilities"),
    ("diagcnt", "short-output", "ctl", "mid"):
        ("samples no counters", CTL_ZEROS + "; diagnostic parameters of "
         "zeros sample no counter"),
    ("diagcnt", "short-output", "ctl", "last"):
        ("ok", CTL_ZEROS + "; a sample of zeros decodes (counter 0, "
         "value 0)"),
    ("rscdump_menu", "short-output", "ctl", "*"):
        ("sequence number", CTL_ZEROS + "; seq_num 0 where 1 is due "
         "fails the dump (mlx5ctl(1): seq_num checked)"),
    ("rscdump_dump", "short-output", "ctl", "*"):
        ("sequence number", CTL_ZEROS + "; seq_num is checked "
         "(mlx5ctl(1))"),
    ("coredump", "short-output", "ctl", "first"):
        ("log_cr_dump_to_mem_size 0", CTL_ZEROS + "; 0 says the device "
         "cannot dump to memory (mlx5ctl(1))"),
    ("coredump", "short-output", "ctl", "*"):
        ("without data", CTL_ZEROS + "; an answer of zeros ends the dump "
         "without a byte after more_dump said there was more: no core "
         "dump"),
    ("snapshot", "short-output", "ctl", "*"):
        (r"commands failed, .* not written: diagcnt params \(diagnostic "
         "counters: the device has no debug capabilities",
         CTL_ZEROS + "; answers of zeros are recorded, but diagcnt params "
         "finds no debug capabilities in them: the snapshot fails naming "
         "it (mlx5ctl(1): exits 1, naming them).  The RPCs counted are the "
         "first handle's (counters port); health, link and what follows "
         "share the next one, whose RPCs past the count reach diagcnt "
         "params first"),
    ("snapshot", "fw-error", "*", "*"):
        ("ok", "firmware refusals are recorded as the device's answers; "
         "snapshot fails only on other failures (mlx5ctl(1))"),
    ("health", "short-output", "ctl", "first"):
        ("no ports", CTL_ZEROS + "; a capability page of zeros has no "
         "ports: UNKNOWN"),
    ("health", "short-output", "ctl", "last"):
        ("ok", CTL_ZEROS + "; the last RPC reads error counters, and "
         "zeros are no errors"),
    ("health", "short-output", "ctl", "mid"):
        (r"up at 0 Gb/s \(PTYS\)", CTL_ZEROS + "; a port up at 0 Gb/s "
         "is an answer nobody can judge: UNKNOWN"),
    ("link", "short-output", "ctl", "first"):
        ("reports no ports", CTL_ZEROS + "; a capability page of zeros has "
         "no ports: nothing to summarise, the command fails"),
    ("link", "short-output", "ctl", "*"):
        ("ok", CTL_ZEROS + "; from the middle on the RPCs read the module "
         "EEPROM and its temperature: zeros are a blank identity, dark "
         "lanes and no temperature, nothing the verdict judges"),
    ("*", "nop", "*", "*"):
        ("ok", "fault_opcode=NOP: a fault on an opcode the family never "
         "sends hits nothing"),
}


class Cell:
    def __init__(self, family, fault, backend, position, after):
        self.family, self.fault, self.backend = family, fault, backend
        self.position, self.after = position, after

    def __str__(self):
        pos = "%s(fault_after=%d)" % (self.position, self.after)
        return "%s x %s x %s x %s" % (self.family, self.fault, pos,
                                      self.backend)

    def spec(self):
        if self.fault == "nop":
            return "%s,fault=fw-error,fault_opcode=%s" % (DEV, NOP)
        return "%s,fault=%s,fault_after=%d" % (DEV, self.fault, self.after)


def expectation(cell, nrpcs):
    """(outcome, why) of CELL; NRPCS: the family's clean RPC count."""
    if cell.position == "mid" and nrpcs <= cell.after:
        return "ok", "the family sends %d RPC: none after it to fault" % nrpcs
    for key in ((cell.family, cell.fault, cell.backend, cell.position),
                (cell.family, cell.fault, cell.backend, "*"),
                (cell.family, cell.fault, "*", "*"),
                ("*", cell.fault, "*", "*")):
        if key in EXPECT:
            return EXPECT[key]
    table = HEALTH_REASON if cell.family == "health" else REASON
    return table[cell.fault], None


def argv_of(family, backend, out):
    args = [out if a == OUT else a for a in FAMILIES[family][0]]
    return ["-b", backend] + args


class Skip(Exception):
    pass


def count_rpcs(family, backend, out):
    """RPCs a clean run sends to the first device it opens, per its -v
    trace: "rpc NAME: RESULT" lines up to the next channel's line, those
    the policy refused left out (they never reach the kernel's count)."""
    r = run("-v", "-d", DEV, *argv_of(family, backend, out), dev=False,
            rc=None, wrap=False)
    if r.rc and "Operation not permitted" in r.err:
        raise Skip("%s on %s needs privileges: %s" %
                   (family, backend, r.err.splitlines()[0]))
    if r.rc:
        raise Failure("a clean run failed\n%s" % r)
    n = channels = 0
    for line in r.err.splitlines():
        if ": backend " in line:
            channels += 1
        elif (channels == 1 and ": rpc " in line and
              not re.search(r": (Bad message|Operation not permitted)$",
                            line)):
            n += 1
    if not n:
        raise Failure("no RPC traced\n%s" % r)
    return n


def error_lines(err):
    """stderr less the warnings mlx5ctl(1) documents (reg set's taint)."""
    return [ln for ln in err.splitlines()
            if not ln.startswith("mlx5ctl: warning: ")]


def check_failed(cell, r, want, left):
    plugin = cell.family == "health"
    if r.rc != (3 if plugin else 1):
        return "exit %d, %d expected" % (r.rc, 3 if plugin else 1)
    lines = error_lines(r.err)
    if plugin:
        status = r.out.splitlines()[0] if r.out else ""
        if not re.match(r"MLX5CTL UNKNOWN - .*(%s)" % want, status):
            return "status line does not name the failure: %r" % status
        # Only when it cannot open the device does it say so on stderr.
        if len(lines) > 1:
            return "%d lines on stderr" % len(lines)
        return None
    if len(lines) != 1:
        return "%d error lines, 1 expected" % len(lines)
    if not re.match(r"mlx5ctl: %s: .*(%s)" % (re.escape(cell.spec()), want),
                    lines[0]):
        return "the error line does not name the failure (%s)" % want
    if left:
        return "left behind: %s" % ", ".join(left)
    return None


def check_ok(cell, r, has_out, left):
    if r.rc != 0:
        return "exit %d, 0 expected" % r.rc
    noise = [ln for ln in error_lines(r.err)
             if not ln.startswith("mlx5ctl: note: ")]
    if noise:
        return "stderr of a success: %r" % noise[0]
    if has_out and left != ["out"]:
        return "output files %s, [out] expected" % left
    return None


def run_cell(cell, nrpcs):
    """None when the cell holds, else why not."""
    want, _ = expectation(cell, nrpcs)
    tmp = tempfile.mkdtemp(prefix="mlx5ctl-fault-")
    try:
        argv = argv_of(cell.family, cell.backend, os.path.join(tmp, "out"))
        try:
            r = run("-d", cell.spec(), *argv, dev=False, rc=None)
        except Failure as e:
            return str(e)
        left = sorted(os.listdir(tmp))
        has_out = OUT in FAMILIES[cell.family][0]
        if want == "ok":
            why = check_ok(cell, r, has_out, left)
        else:
            why = check_failed(cell, r, want, left)
        return why and "%s\n%s" % (why, r)
    finally:
        shutil.rmtree(tmp)


def cells_of(family):
    """Every cell of FAMILY, with the clean RPC count each depends on."""
    for backend in FAMILIES[family][1]:
        with tempfile.TemporaryDirectory(prefix="mlx5ctl-fault-") as tmp:
            try:
                nrpcs = count_rpcs(family, backend,
                                   os.path.join(tmp, "out"))
            except Skip as e:
                print("skip %s" % e)
                continue
        mid = max(1, nrpcs // 2)
        for fault in REASON:
            yield Cell(family, fault, backend, "first", 0), nrpcs
            yield Cell(family, fault, backend, "mid", mid), nrpcs
            # The last RPC, when it is not the middle one already.
            if nrpcs - 1 > mid:
                yield Cell(family, fault, backend, "last", nrpcs - 1), nrpcs
        if backend == "ctl":
            yield Cell(family, "nop", backend, "any", 0), nrpcs


def representative(cell, nrpcs):
    """Whether CELL runs under the wrapper: the failure paths of every
    family and fault, not the cells a clean run already covers."""
    if cell.position not in ("first", "mid") or nrpcs <= cell.after:
        return False
    return cell.backend == "ctl" or cell.fault == "short-output"


def run_family(family, verbose):
    """(cells run, cells left out, [(cell, why)] of those that failed)."""
    wrapped = bool(os.environ.get("MLX5CTL_TEST_WRAPPER"))
    failed, n, left = [], 0, 0
    for cell, nrpcs in cells_of(family):
        if wrapped and not representative(cell, nrpcs):
            left += 1
            continue
        n += 1
        why = run_cell(cell, nrpcs)
        want, reason = expectation(cell, nrpcs)
        if why:
            failed.append((cell, why))
        if verbose or why:
            print("%s %s%s" % ("FAIL" if why else "ok  ", cell,
                               " -> %s: %s" % (want, reason) if reason
                               else ""))
    return n, left, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--binary")
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("families", nargs="*")
    a = ap.parse_args()
    if a.list:
        print("\n".join(FAMILIES))
        return 0
    if not a.binary:
        ap.error("--binary is required")
    cli_test.BINARY = a.binary
    total, left, failed = 0, 0, []
    for family in a.families or FAMILIES:
        if family not in FAMILIES:
            ap.error("unknown family %s" % family)
        try:
            n, m, f = run_family(family, not a.quiet)
        except Failure as e:
            print("FAIL %s: %s" % (family, e))
            return 1
        total += n
        left += m
        failed += f
    print("fault matrix: %d cells run, %d passed" % (total,
                                                    total - len(failed)))
    if left:
        print("(%d more cells run without $MLX5CTL_TEST_WRAPPER)" % left)
    for cell, why in failed:
        print("failed: %s\n%s" % (cell, why))
    if failed:
        return 1
    return 0 if total else cli_test.SKIP


if __name__ == "__main__":
    sys.exit(main())
