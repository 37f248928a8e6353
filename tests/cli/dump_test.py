#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""End-to-end tests of the dump commands (rscdump, coredump, diagcnt,
snapshot) against emu:connectx7, with cli_test.py's driver and helpers.

Usage: dump_test.py --list
       dump_test.py --binary PATH CASE...

"slow_" cases stream a dump of at least 1 GiB; CMake gives them the label
"slow" and leaves them out of sanitizer builds, and they skip (77) under
$MLX5CTL_TEST_WRAPPER.
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_test  # noqa: E402
from cli_test import Skip, check, jrun, run  # noqa: E402

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def tmpdir():
    return tempfile.TemporaryDirectory(prefix="mlx5ctl-dump-")


def segments(doc):
    return [s["segment"] for s in doc["segments"]]


# -- outputs: atomic, never losing what was there ------------------------

FAILING = {
    "rscdump": ("emu:connectx7,rscdump_seq_skip=2",
                ["rscdump", "dump", "QP", "num1", "all"]),
    "coredump": ("emu:connectx7,fault=fw-error,fault_opcode=0x805,"
                 "fault_after=3,coredump_size=64M",
                 ["coredump", "--umem-size", "1M"]),
    "snapshot": ("emu:connectx7,fault=gone,fault_after=2", ["snapshot"]),
}


def leftovers(d, keep):
    return sorted(set(os.listdir(d)) - set(keep))


@case
def output_failure_keeps_target():
    # A failed dump leaves an existing target as it was and nothing else.
    for name, (dev, args) in FAILING.items():
        with tmpdir() as d:
            f = os.path.join(d, "p")
            with open(f, "w") as fh:
                fh.write("keep\n")
            os.chmod(f, 0o640)
            r = run("-d", dev, *args, "-o", f, dev=False, rc=1)
            check(open(f).read() == "keep\n", "%s: target changed" % name, r)
            check(leftovers(d, ["p"]) == [], "%s: left %s" %
                  (name, leftovers(d, ["p"])), r)
            check(not os.path.exists(os.path.join(d, "new")), name)
            run("-d", dev, *args, "-o", os.path.join(d, "new"), dev=False,
                rc=1)
            check(leftovers(d, ["p"]) == [], "%s: new file left" % name)


@case
def output_success_replaces_atomically():
    with tmpdir() as d:
        f = os.path.join(d, "core.bin")
        with open(f, "w") as fh:
            fh.write("old")
        os.chmod(f, 0o640)
        run("coredump", "-o", f)
        check(os.path.getsize(f) == 851968, "dump not in place")
        check(os.stat(f).st_mode & 0o777 == 0o640, "mode not kept")
        check(leftovers(d, ["core.bin"]) == [], "temporary left")
        # Through a symlink the file it names is replaced, not the link.
        link = os.path.join(d, "link")
        os.symlink("core.bin", link)
        run("snapshot", "-o", link)
        check(os.path.islink(link), "symlink replaced")
        check(json.load(open(f))["schema"]["name"] == "mlx5ctl-snapshot",
              "snapshot not written through the link")


@case
def output_devices_written_in_place():
    # Not a regular file: written in place, never unlinked.
    for name, args in (("rscdump", ["rscdump", "dump", "QP"]),
                       ("coredump", ["coredump"]), ("snapshot", ["snapshot"])):
        r = run(*args, "-o", "/dev/full", rc=1)
        check("No space left on device" in r.err, "%s: no error" % name, r)
        check(os.path.exists("/dev/full") and
              not os.path.isfile("/dev/full"), "%s: /dev/full gone" % name)
        run(*args, "-o", "/dev/null")
    r = subprocess.run([cli_test.BINARY, "-d", cli_test.DEV, "coredump", "-o",
                        "-"], capture_output=True)
    check(r.returncode == 0 and len(r.stdout) == 851968,
          "coredump -o - did not write the dump to stdout")
    r = run("-j", "snapshot", "-o", "-", rc=2)
    check(r.out == "" and "pick one" in r.err, "-o - with -j", r)


@case
def output_signal_leaves_nothing():
    # SIGINT/SIGTERM mid-dump: the temporary goes, the target stays.
    import signal
    import time
    for sig in (signal.SIGINT, signal.SIGTERM):
        with tmpdir() as d:
            f = os.path.join(d, "q")
            with open(f, "w") as fh:
                fh.write("keep\n")
            p = subprocess.Popen([cli_test.BINARY, "-d",
                                  "emu:connectx7,rscdump_size=8G", "rscdump",
                                  "dump", "QP", "num1", "all", "-o", f],
                                 stderr=subprocess.DEVNULL)
            for _ in range(400):
                if leftovers(d, ["q"]) or p.poll() is not None:
                    break
                time.sleep(0.01)
            check(p.poll() is None, "the dump ended before the signal")
            p.send_signal(sig)
            p.wait(timeout=60)
            check(p.returncode == -sig, "not ended by the signal")
            check(open(f).read() == "keep\n", "target changed")
            check(leftovers(d, ["q"]) == [], "left %s" % leftovers(d, ["q"]))


@case
def stdout_failures_are_errors():
    for cmd in (["info"], ["counters", "port", "--format", "prometheus"],
                ["cap", "show", "general"], ["--version"], ["-h"]):
        with open("/dev/full", "w") as full:
            p = subprocess.run([cli_test.BINARY, "-d", cli_test.DEV] + cmd,
                               stdout=full, stderr=subprocess.PIPE, text=True)
        check(p.returncode == 1, "%s > /dev/full: rc %d" % (cmd, p.returncode))
        check(p.stderr.strip().splitlines()[-1] ==
              "mlx5ctl: writing standard output failed: No space left on "
              "device", "%s: %r" % (cmd, p.stderr))
    p = subprocess.run([cli_test.BINARY, "-d", cli_test.DEV, "info"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, preexec_fn=lambda: os.close(1))
    check(p.returncode == 1 and "Bad file descriptor" in p.stderr,
          "closed stdout: rc %d %r" % (p.returncode, p.stderr))


# -- resource dump ---------------------------------------------------------

@case
def rscdump_menu():
    r = run("rscdump", "menu")
    for name in ("QP", "CQ", "EQ"):
        check(re.search(r"^0x[0-9a-f]+\s+%s\s+%sN" % (name, name), r.out,
                        re.M), "menu lacks %s" % name, r)
    check("num_of_obj1_supports_all" in r.out, "support flags", r)
    doc, r = jrun("rscdump", "menu")
    names = {m["segment"]: m for m in doc["menu"]}
    check(set(names) == {"QP", "CQ", "EQ"}, "JSON menu", r)
    check("support_index1" in names["QP"]["supports"], "JSON flags", r)
    check(names["QP"]["index1_name"] == "QPN", "index names", r)


@case
def rscdump_decode():
    doc, r = jrun("rscdump", "dump", "qp", "index1", "3", "num1", "2")
    check(segments(doc) == ["info", "command", "0x1000", "0x1000",
                            "terminate"], "segment sequence", r)
    objs = doc["segments"][2:4]
    check([o["index1"] for o in objs] == [3, 4], "objects 3 and 4", r)
    check(doc["segments"][1]["segment_called"] == 0x1000, "command", r)
    r = run("rscdump", "dump", "CQ", "--hex")
    check(re.search(r"^segment 0x1001 length \d+ index1 0", r.out, re.M) and
          re.search(r"^\s+000000: 00 ", r.out, re.M), "hex listing", r)


@case
def rscdump_all_and_active():
    doc, r = jrun("rscdump", "dump", "EQ", "num1", "all")
    check(segments(doc).count("0x1002") == 16, "all 16 EQs", r)
    doc2, r = jrun("rscdump", "dump", "EQ", "num1", "active")
    check(segments(doc2) == segments(doc), "active == all here", r)
    doc, r = jrun("rscdump", "dump", "EQ", "index1", "10", "num1", "all")
    check(segments(doc).count("0x1002") == 6, "from 10 to the end", r)


@case
def rscdump_inline_vs_umem():
    with tmpdir() as d:
        dev = "emu:connectx7,rscdump_objs=40,rscdump_size=3M"
        files = {}
        for mode in ("--inline", "--umem"):
            f = os.path.join(d, mode[2:] + ".bin")
            r = run("-d", dev, "rscdump", "dump", "QP", "num1", "all",
                    mode, "-o", f, dev=False)
            check(re.search(r"\d+ bytes in 43 segments", r.out),
                  "summary", r)
            files[mode] = open(f, "rb").read()
        check(len(files["--inline"]) >= 3 << 20, "dump size")
        check(files["--inline"] == files["--umem"],
              "inline and UMEM dumps differ")
        # --raw on stdout: the same bytes again
        p = subprocess.run([cli_test.BINARY, "-d", dev, "rscdump", "dump",
                            "QP", "num1", "all", "--raw"],
                           capture_output=True)
        check(p.returncode == 0 and p.stdout == files["--inline"],
              "--raw differs from -o")


@case
def rscdump_size_near_2p64():
    # The largest size asks for the largest segments, not for none: the
    # per-context share was once rounded up through a sum that wrapped.
    with tmpdir() as d:
        f = os.path.join(d, "qp.bin")
        run("-d", "emu:connectx7,rscdump_objs=2,rscdump_size=%d" %
            (2 ** 64 - 1), "rscdump", "dump", "QP", "num1", "all", "-o", f,
            dev=False)
        check(os.path.getsize(f) >= 2 * 0xffff * 4, "two full segments")


@case
def rscdump_fwctl_inline_only():
    with tmpdir() as d:
        f = os.path.join(d, "cq.bin")
        run("-b", "fwctl", "rscdump", "dump", "CQ", "num1", "3", "-o", f)
        check(os.path.getsize(f) > 0, "fwctl inline dump")
        r = run("-b", "fwctl", "rscdump", "dump", "CQ", "--umem", rc=1)
        check("UMEM registration failed: Operation not supported" in r.err
              and "ctl backend" in r.err, "clear UMEM refusal", r)


@case
def rscdump_seq_skip():
    with tmpdir() as d:
        f = os.path.join(d, "qp.bin")
        for mode in ("--inline", "--umem"):
            r = run("-d", "emu:connectx7,rscdump_seq_skip=3,rscdump_size=1M",
                    "rscdump", "dump", "QP", "num1", "all", mode, "-o", f,
                    dev=False, rc=1)
            check(re.search(r"resource dump failed: sequence number skipped "
                            r"\(sent \d+, firmware answered \d+\)", r.err),
                  "seq_num skip message", r)
            check(not os.path.exists(f), "partial dump left behind", r)


@case
def rscdump_fw_error_mid_dump():
    with tmpdir() as d:
        f = os.path.join(d, "qp.bin")
        for mode in ("--inline", "--umem"):
            r = run("-d", "emu:connectx7,fault=fw-error,fault_opcode=0x805,"
                    "fault_after=4,rscdump_size=8M", "rscdump", "dump", "QP",
                    "num1", "all", mode, "-o", f, dev=False, rc=1)
            check('resource dump failed: firmware error (status 0x1 '
                  '"internal error", syndrome 0x3e6d0001)' in r.err,
                  "FW error mid-dump", r)
            check(not os.path.exists(f), "partial dump left behind", r)


@case
def rscdump_error_segment():
    r = run("rscdump", "dump", "QP", "index1", "99", rc=1)
    check('firmware error segment: syndrome 0x1 "index1 names no object"'
          in r.err, "error segment reported", r)
    check(re.search(r"^segment error length 48", r.out, re.M) and
          re.search(r"syndrome_id\s+0x1$", r.out, re.M),
          "error segment decoded", r)


@case
def rscdump_reference_and_notice_segments():
    """Segments the emulator never sends, spliced into a replayed stream."""
    with tmpdir() as d:
        snap = os.path.join(d, "s.json")
        run("snapshot", "-o", snap)
        with open(snap) as f:
            doc = json.load(f)
        stream = doc["rscdump_menu"]
        check(stream.endswith("0001fffb"), "menu stream ends in terminate")
        ref = struct.pack(">HHIIIHH", 5, 0xfffd, 0x1001, 7, 0, 2, 0)
        notice = struct.pack(">HH", 3, 0xfff9) + b"hi!\n" + bytes(4)
        doc["rscdump_menu"] = stream[:-8] + (ref + notice).hex() + \
            stream[-8:]
        with open(snap, "w") as f:
            json.dump(doc, f)
        dev = "emu:@" + snap
        out, r = jrun("-d", dev, "rscdump", "dump", "0xffff", "--inline",
                      dev=False)
        check(segments(out)[-3:] == ["reference", "notice", "terminate"],
              "segment sequence", r)
        ref_seg, notice_seg = out["segments"][-3:-1]
        check(ref_seg["reference_segment_type"] == "0x1001" and
              ref_seg["index1"] == 7 and ref_seg["num_of_obj1"] == 2,
              "reference decoded", r)
        check(notice_seg["data"] == "6869210a00000000", "notice bytes", r)
        r = run("-d", dev, "rscdump", "dump", "0xffff", "--inline",
                dev=False)
        check(re.search(r"^\s+reference_segment_type\s+0x1001$", r.out,
                        re.M), "reference in text", r)


@case
def rscdump_misuse():
    r = run("rscdump", "dump", "FOO", rc=2)
    check("no segment \"FOO\"" in r.err and "QP (0x1000)" in r.err,
          "unknown segment lists the menu", r)
    run("rscdump", "dump", rc=2)
    run("rscdump", "dump", "QP", "num1", "lots", rc=2)
    run("rscdump", "dump", "QP", "-o", "x", "--raw", rc=2)
    r = run("rscdump", "help", dev=False)
    check("Usage:" in r.out, "usage", r)


# -- core dump -------------------------------------------------------------------

def cr_addresses(data):
    """The cr-space addresses of a core dump's (address, value) records."""
    check(len(data) % 8 == 0, "core dump of %d bytes: not whole records"
          % len(data))
    return [struct.unpack_from(">I", data, i)[0]
            for i in range(0, len(data), 8)]


@case
def coredump_streams_into_umem():
    with tmpdir() as d:
        dev = "emu:connectx7,coredump_size=300K"
        files = {}
        for size, requests in (("4K", 75), ("16K", 19), (None, 1)):
            f = os.path.join(d, "core-%s.bin" % size)
            args = ["-d", dev, "coredump", "-o", f]
            if size:
                args += ["--umem-size", size]
            r = run(*args, dev=False)
            check(re.search(r": %d bytes in %d requests" % (300 << 10,
                                                            requests),
                            r.out), "summary", r)
            files[size] = open(f, "rb").read()
        # Continuation by cookie loses and repeats nothing.
        addrs = cr_addresses(files["4K"])
        check(addrs == list(range(0, 4 * len(addrs), 4)),
              "records not consecutive across requests")
        check(files["4K"] == files["16K"] == files[None],
              "the UMEM size changed the dump")
        doc, r = jrun("-d", dev, "coredump", "-o", os.path.join(d, "j.bin"),
                      dev=False)
        check(doc["bytes"] == 300 << 10 and doc["requests"] == 1 and
              doc["umem_size"] == 512 << 10, "JSON summary", r)


@case
def coredump_clear_errors():
    with tmpdir() as d:
        f = os.path.join(d, "x.bin")
        r = run("-b", "fwctl", "coredump", "-o", f, rc=1)
        check("UMEM registration failed: Operation not supported" in r.err
              and "ctl backend" in r.err, "no UMEM on fwctl", r)
        r = run("-d", "emu:connectx7,coredump_size=0", "coredump", "-o", f,
                dev=False, rc=1)
        check("does not dump its core to memory (debug capability "
              "log_cr_dump_to_mem_size 0)" in r.err, "no core dump", r)
        r = run("-d", "emu:connectx7,fault=fw-error,fault_opcode=0x805,"
                "fault_after=6", "coredump", "-o", f, "--umem-size", "4K",
                dev=False, rc=1)
        check('core dump failed: firmware error (status 0x1 "internal '
              'error", syndrome 0x3e6d0001)' in r.err, "FW error mid-dump", r)
        check(not os.path.exists(f), "partial dump left behind", r)
        # A replayed device answers only what was recorded.
        snap = os.path.join(d, "s.json")
        run("snapshot", "-o", snap)
        r = run("-d", "emu:@" + snap, "coredump", "-o", f, dev=False, rc=1)
        check("core dump failed: not recorded in the snapshot" in r.err,
              "replay", r)
        check(not os.path.exists(f), "file written", r)


@case
def coredump_misuse():
    run("coredump", rc=2)
    run("coredump", "-o", rc=2)
    run("coredump", "-o", "x.bin", "--umem-size", "5K", rc=2)
    run("coredump", "-o", "x.bin", "--umem-size", "2G", rc=2)
    r = run("coredump", "-o", "x.bin", "--fast", "1", rc=2)
    check('unknown argument "--fast"' in r.err, "unknown argument", r)
    check(not os.path.exists("x.bin"), "file written")
    r = run("coredump", "help", dev=False)
    check("Usage:" in r.out and "--umem-size" in r.out, "usage", r)


# -- diagnostic counters -------------------------------------------------------

@case
def diagcnt_cap_and_params():
    doc, r = jrun("diagcnt", "cap")
    check(doc["num_of_diagnostic_counters"] == len(doc["counters"]) == 8,
          "8 counters", r)
    ids = [c["counter_id"] for c in doc["counters"]]
    check("0x2006" in ids and doc["log_max_samples"] == 12, "cap values", r)
    doc, r = jrun("diagcnt", "params")
    check(doc["params"]["enable"] == 1 and doc["params"]["repetitive"] == 1
          and len(doc["counters"]) == 8, "power-on sampling", r)
    r = run("diagcnt", "cap")
    check(re.search(r"^  0x2006\s+tx_packets$", r.out, re.M), "text", r)


@case
def diagcnt_dump_evolves():
    doc, r = jrun("diagcnt", "dump", "--samples", "3", "--interval", "0")
    samples = doc["samples"]
    check(len(samples) == 3, "3 samples", r)
    for c in range(8):
        vals = [s["counters"][c]["value"] for s in samples]
        sids = [s["counters"][c]["sample_id"] for s in samples]
        check(vals[0] < vals[1] < vals[2], "values evolve", r)
        check(sids == [0, 1, 2], "sample ids advance", r)
    # deterministic: a second run gives the same numbers
    doc2, r = jrun("diagcnt", "dump", "--samples", "3", "--interval", "0")
    check(doc2 == doc, "two runs differ", r)
    r = run("diagcnt", "dump", "--samples", "2", "--interval", "0", "--csv")
    lines = r.out.splitlines()
    check(lines[0] == "sample,counter_id,name,sample_id,timestamp,value"
          and len(lines) == 1 + 2 * 8, "CSV stream", r)
    check(lines[-1].startswith("1,0x2006,tx_packets,1,"), "CSV row", r)
    r = run("diagcnt", "dump", "--samples", "1")
    check(re.search(r"^sample 0:\n  0x0401 ", r.out, re.M), "text dump", r)


@case
def diagcnt_set():
    r = run("diagcnt", "set", "counters", "0x401,0x2006", rc=1)
    check("Bad message" in r.err and "scope" in r.err,
          "set needs debug-write", r)
    r = run("-s", "debug-write", "diagcnt", "set", "counters", "0x401,0x2006",
            "sync", "clear", "period", "10")
    check("sampling 2 counters" in r.out, "set", r)
    r = run("-s", "debug-write", "diagcnt", "set", "counters", "0x999", rc=1)
    check("syndrome 0x3e6d0107" in r.err, "unknown counter refused", r)
    r = run("-s", "debug-write", "diagcnt", "set", "period", "1", rc=1)
    check("syndrome 0x3e6d0108" in r.err, "period below the minimum", r)
    run("-s", "debug-write", "diagcnt", "set", "disable")
    run("diagcnt", "set", "single", "repetitive", rc=2)
    run("diagcnt", "dump", "--samples", "0", rc=2)
    run("-j", "diagcnt", "dump", "--csv", rc=2)


# -- snapshot and replay -----------------------------------------------------------

# Registers whose counters advance on every read (PPCNT, MPCNT).
VOLATILE = ("PPCNT", "MPCNT")


def read_only_commands():
    """Every read-only command whose answers come from the device."""
    doc, _ = jrun("cap", "list", dev=False)
    cmds = [["info"], ["rscdump", "menu"]]
    for t in doc["types"]:
        cmds += [["cap", "show", t["name"]], ["cap", "show", t["name"],
                                              "--max"]]
    doc, _ = jrun("reg", "list", dev=False)
    for reg in doc["registers"]:
        # A snapshot records the built-in catalogue's registers, not
        # those only mstflint's ADB knows (source "adb").
        if reg["name"] == "RESOURCE_DUMP" or reg["source"] != "builtin":
            continue
        cmds.append(["reg", "show", reg["name"]])
    cmds.append(["reg", "show", "PTYS", "local_port", "1"])
    cmds.append(["reg", "show", "PAOS", "local_port", "1"])
    return cmds


@case
def snapshot_replay_round_trip():
    with tmpdir() as d:
        snap = os.path.join(d, "s.json")
        r = run("snapshot", "-o", snap)
        check(re.search(r"\d+ answers, \d+ firmware refusals", r.out),
              "summary", r)
        doc = __import__("json").load(open(snap))
        check(doc["schema"] == {"name": "mlx5ctl-snapshot", "version": 1},
              "schema")
        prov = doc["provenance"]
        check(prov["device"]["pci"] == "0000:08:00.0" and
              prov["tool"].startswith("mlx5ctl ") and prov["created"],
              "provenance")
        replay = "emu:@" + snap
        cmds = read_only_commands()
        if os.environ.get("MLX5CTL_TEST_WRAPPER", "").strip():
            # Under valgrind every run costs a second: a sample of each
            # kind, including refusals, finds the leaks all would.
            cmds = [c for c in cmds if c in (
                ["info"], ["rscdump", "menu"], ["cap", "show", "general"],
                ["cap", "show", "debug", "--max"], ["cap", "show", "eswitch"],
                ["reg", "show", "MTMP"], ["reg", "show", "QPTS"],
                ["reg", "show", "PTYS", "local_port", "1"])]
        for args in cmds:
            if args[:3] in (["reg", "show", v] for v in VOLATILE):
                # Counters move with every read, so the live device's
                # answer depends on what it was asked before; the replay
                # answers what the snapshot saw, the same every time.
                a = run("-d", replay, *args, dev=False, rc=None)
                b = run("-d", replay, *args, dev=False, rc=None)
                check((a.rc, a.out) == (b.rc, b.out), "replay not stable", b)
                continue
            for j in ([], ["-j"]):
                live = run(*(j + args), rc=None)
                rep = run("-d", replay, *(j + args), dev=False, rc=None)
                out_l = live.out.replace(cli_test.DEV, "DEV")
                out_r = rep.out.replace(replay, "DEV")
                check(live.rc == rep.rc and out_l == out_r and
                      live.err.replace(cli_test.DEV, "DEV") ==
                      rep.err.replace(replay, "DEV"),
                      "replay differs for %s\n%s" % (" ".join(j + args), rep),
                      live)


@case
def snapshot_replay_limits():
    with tmpdir() as d:
        snap = os.path.join(d, "s.json")
        run("snapshot", "-o", snap)
        replay = "emu:@" + snap
        r = run("-d", replay, "rscdump", "dump", "QP", dev=False, rc=1)
        check("failed: not recorded in the snapshot" in r.err and
              "status" not in r.err, "unrecorded dump refused", r)
        r = run("-d", replay, "obj", "show", "QP", "0x1c8", dev=False, rc=1)
        check(r.err.startswith("mlx5ctl: %s: QUERY_QP 0x1c8 failed: not "
                               "recorded in the snapshot" % replay) and
              "status" not in r.err, "unrecorded command blamed firmware", r)
        run("snapshot", rc=2)


# What a bug report needs, replayed as the device printed it.
BUG_REPORT = (["health"], ["-j", "health"], ["counters", "port"],
              ["info"], ["diagcnt", "params"],
              ["reg", "show", "PDDR", "local_port", "1", "page_select",
               "troubleshooting_info"],
              ["reg", "show", "PDDR", "local_port", "1", "page_select",
               "module_info"],
              ["reg", "show", "MCIA", "module", "0", "i2c_device_address",
               "0x50", "size", "16"])


@case
def snapshot_serves_bug_report():
    for spec in ("emu:connectx7", "emu:connectx7,module_temp=75",
                 "emu:connectx7,port1=down:module-temp"):
        with tmpdir() as d:
            snap = os.path.join(d, "s.json")
            run("-d", spec, "snapshot", "-o", snap, dev=False)
            replay = "emu:@" + snap
            for args in BUG_REPORT:
                # A fresh run reads the counters where the snapshot did:
                # it runs "counters port" first.
                live = run("-d", spec, *args, dev=False, rc=None)
                rep = run("-d", replay, *args, dev=False, rc=None)
                check((live.rc, live.out.replace(spec, "DEV"),
                       live.err.replace(spec, "DEV")) ==
                      (rep.rc, rep.out.replace(replay, "DEV"),
                       rep.err.replace(replay, "DEV")),
                      "replay of %s on %s differs\n%s" % (args, spec, rep),
                      live)
            # Counter sets: the same counters, wherever they stood.
            live, _ = jrun("-d", spec, "counters", "q", "1", dev=False)
            rep, _ = jrun("-d", replay, "counters", "q", "1", dev=False)
            check(sorted(live["counters"]) == sorted(rep["counters"]),
                  "counters q replay lacks counters")


@case
def snapshot_claims_cost_nothing():
    """Records claiming big outboxes are not allocated at load."""
    import resource
    with tmpdir() as d:
        snap = os.path.join(d, "s.json")
        run("snapshot", "-o", snap)
        doc = json.load(open(snap))
        for c in doc["commands"]:
            c["out_len"] = 2 << 20       # the largest an outbox can be
        json.dump(doc, open(snap, "w"))
        claimed = len(doc["commands"]) * (2 << 20)
        run("-d", "emu:@" + snap, "info", dev=False)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        check(peak < claimed / 4, "replay of %d MiB of claims peaked at "
              "%d MiB" % (claimed >> 20, peak >> 20))
        for c in doc["commands"][:1]:
            c["out_len"] = (2 << 20) + 1
        json.dump(doc, open(snap, "w"))
        r = run("-d", "emu:@" + snap, "info", dev=False, rc=1)
        check('commands[0]: "out_len" too large' in r.err,
              "a claim past the largest outbox", r)


@case
def dump_device_gone_mid_run():
    """fault=gone with fault_after: removed mid-dump, no file left."""
    with tmpdir() as d:
        f = os.path.join(d, "qp.bin")
        r = run("-d", cli_test.DEV + ",fault=gone,fault_after=1", "rscdump",
                "dump", "QP", "num1", "all", "-o", f, dev=False, rc=1)
        check("No such device" in r.err and not os.path.exists(f),
              "device removed mid-dump", r)


@case
def snapshot_stdout_closed():
    """The commands it runs borrow stdout; a closed one stays closed."""
    with tmpdir() as d:
        snap = os.path.join(d, "s.json")
        p = subprocess.run([cli_test.BINARY, "-d", cli_test.DEV, "snapshot",
                            "-o", snap], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: os.close(1))
        check(p.returncode == 1 and "writing standard output failed" in
              p.stderr, "summary to a closed stdout: rc %d %s" %
              (p.returncode, p.stderr))


@case
def snapshot_failures_named():
    spec = "emu:connectx7,fault=timeout,fault_after=40"
    with tmpdir() as d:
        snap = os.path.join(d, "s.json")
        r = run("-d", spec, "snapshot", "-o", snap, dev=False, rc=1)
        m = re.search(r"snapshot: (\d+) commands failed, " +
                      re.escape(snap) + r" not written: (.*)", r.err)
        check(m and int(m.group(1)) > 0 and "Connection timed out" in
              m.group(2), "failures not named", r)
        check(not os.path.exists(snap), "a partial snapshot written", r)


def json_error_at(text):
    """(line, column) Python's json module reports for TEXT: an oracle
    for the position the tool names."""
    try:
        json.loads(text)
    except ValueError as e:
        return e.lineno, e.colno
    return None


@case
def snapshot_malformed_files():
    """One line each: what is wrong and where, no library internals."""
    head = '{"schema": {"name": "mlx5ctl-snapshot", "version": 1},\n'
    cases = [
        ("syntax.json", '{"a": 1,\n  "b": x }', "not JSON: "),
        ("trailing.json", '{"a": 1} x', "not JSON: text after the document"),
        ("nul.json", '{"a": 1}\0{"b": 2}', "not JSON: a NUL byte"),
        ("short.json", head + ' "commands": [', "the document ends early"),
        ("schema.json", '{"schema": {"name": "x", "version": 1}}',
         "schema: not a version 1 or 2 mlx5ctl snapshot"),
        ("cmds.json", head + ' "commands": {}}', "commands: not an array"),
        ("entry.json", head + ' "commands": [{"in": "00", "out": "%s"},'
         ' {"in": "zz"}]}' % ("00" * 16), 'commands[1]: no "in" hex string'),
    ]
    with tmpdir() as d:
        for name, text, want in cases:
            path = os.path.join(d, name)
            with open(path, "w") as f:
                f.write(text)
            r = run("-d", "emu:@" + path, "info", dev=False, rc=1)
            check(len(r.err.splitlines()) == 1 and want in r.err and
                  "json_" not in r.err, "not one clear line: %s" % name, r)
            at = json_error_at(text) if "not JSON" in want else None
            if at and "ends early" not in want:
                check("%s:%d:%d:" % (path, at[0], at[1]) in r.err,
                      "position differs from Python's json %s" % (at,), r)
        for path, want in ((os.path.join(d, "none.json"),
                            "cannot open snapshot %s: No such file or directory"),
                           (d, "cannot read snapshot %s: Is a directory")):
            r = run("-d", "emu:@" + path, "info", dev=False, rc=1)
            check(r.err == "mlx5ctl: emu:@%s: open failed: %s\n"
                  % (path, want % path), "file error not named", r)


def rss_of(stderr):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(m.group(1)) if m else None


@case
def slow_rscdump_1g_flat_rss():
    """A >= 1 GiB dump streams: peak RSS stays far below the dump size."""
    if os.environ.get("MLX5CTL_TEST_WRAPPER", "").strip():
        raise Skip("not under a wrapper: valgrind would take hours")
    if not os.access("/usr/bin/time", os.X_OK):
        raise Skip("/usr/bin/time (GNU time) not installed")
    with tmpdir() as d:
        f = os.path.join(d, "qp.bin")
        for mode in ("--umem", "--inline"):
            r = run("-d", "emu:connectx7,rscdump_size=1G", "rscdump", "dump",
                    "QP", "num1", "all", mode, "-o", f, dev=False,
                    prefix=("/usr/bin/time", "-v"))
            size = os.path.getsize(f)
            rss = rss_of(r.err)
            check(size >= 1 << 30, "dump smaller than 1 GiB: %d" % size, r)
            check(rss is not None, "no RSS from /usr/bin/time", r)
            print("%s: %d bytes, peak RSS %d KiB" % (mode, size, rss))
            # Generous: the process holds a 1 MiB UMEM and one segment.
            check(rss < 64 * 1024, "peak RSS %d KiB for a 1 GiB dump" % rss,
                  r)
            os.unlink(f)


@case
def slow_coredump_1g_flat_rss():
    """A 1 GiB core dump streams through one UMEM: RSS stays flat."""
    if os.environ.get("MLX5CTL_TEST_WRAPPER", "").strip():
        raise Skip("not under a wrapper: valgrind would take hours")
    if not os.access("/usr/bin/time", os.X_OK):
        raise Skip("/usr/bin/time (GNU time) not installed")
    with tmpdir() as d:
        f = os.path.join(d, "core.bin")
        r = run("-d", "emu:connectx7,coredump_size=1G", "coredump", "-o", f,
                dev=False, prefix=("/usr/bin/time", "-v"))
        size = os.path.getsize(f)
        rss = rss_of(r.err)
        check(size == 1 << 30, "core dump of %d bytes, not 1 GiB" % size, r)
        check(rss is not None, "no RSS from /usr/bin/time", r)
        print("coredump: %d bytes, peak RSS %d KiB" % (size, rss))
        # Generous: the process holds a 16 MiB UMEM.
        check(rss < 64 * 1024, "peak RSS %d KiB for a 1 GiB dump" % rss, r)


def main():
    return cli_test.driver_main(CASES)


if __name__ == "__main__":
    sys.exit(main())
