#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""mlx5ctl emu run: unmodified fwctl programs on the emulator.

Usage: emu_run_test.py --list
       emu_run_test.py --binary PATH --preload LIB CASE...

The program is fwctl_client.py, written from the kernel's uAPI and
mlx5_ifc.h without our library; what it sees must agree with mlx5ctl -j
on emu:connectx7 and with upstream fwctl/mlx5's errnos.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.join(HERE, "fwctl_client.py")
DEV = "emu:connectx7"
BINARY = None
CASES = {}

# What upstream answers (drivers/fwctl/main.c, drivers/fwctl/mlx5/main.c
# at torvalds/linux 42d3b66d; the policy rows in shared facts
# fwctl-mlx5-policy.tsv).
UPSTREAM_ERRNOS = {
    "reg_read_at_configuration": "EBADMSG",
    "create_uctx": "EBADMSG",
    "unknown_scope": "EOPNOTSUPP",
    "in_len_over_2mib": "EMSGSIZE",
    "in_len_under_header": "EMSGSIZE",
    "info_flags": "EOPNOTSUPP",
    "info_short": "EINVAL",
    "info_tail": "E2BIG",
    "unknown_ioctl": "ENOTTY",
}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


class Failure(Exception):
    pass


def run(argv, rc=0, env=None):
    full = dict(os.environ)
    full.pop("MLX5CTL_DEVICE", None)
    full.update(env or {})
    p = subprocess.run(argv, capture_output=True, text=True, env=full,
                       timeout=240)
    if rc is not None and p.returncode != rc:
        raise Failure("$ %s\nrc=%d (want %d)\n--- stdout\n%s--- stderr\n%s"
                      % (" ".join(argv), p.returncode, rc, p.stdout,
                         p.stderr))
    return p


def tool_json(*args):
    return json.loads(run([BINARY, "-j", "-d", DEV] + list(args)).stdout)


def launch(*prog, host=None, rc=0, env=None):
    argv = [BINARY, "emu", "run"] + (["--host", host] if host else [])
    return run(argv + ["--"] + list(prog), rc=rc, env=env)


def client(*args, host=None):
    p = launch(sys.executable, CLIENT, *args, host=host)
    return json.loads(p.stdout)


def preloaded(lib):
    """LIB after what the test runs with (the sanitizer runtime)."""
    base = os.environ.get("LD_PRELOAD")
    return base + ":" + lib if base else lib


def check_eq(what, got, want):
    if got != want:
        raise Failure("%s: %r, want %r" % (what, got, want))


def one_line_error(p, pattern):
    lines = p.stderr.splitlines()
    if len(lines) < 1 or not re.search(pattern, lines[0]) or p.stdout:
        raise Failure("want one error line matching %r, got:\n%s%s"
                      % (pattern, p.stderr, p.stdout))


@case
def client_sysfs():
    """/sys/class/fwctl and the PCI function are those of the device."""
    doc = client()
    info = tool_json("info")
    check_eq("devices", [d["name"] for d in doc["devices"]], ["fwctl0"])
    d = doc["devices"][0]
    check_eq("pci", d["pci"], info["pci"])
    check_eq("vendor", int(d["vendor"], 16), int(info["vendor_id"], 16))
    check_eq("device", int(d["device"], 16), int(info["device_id"], 16))
    check_eq("node is a char device", d["node_is_chr"], True)
    check_eq("node's numbers", d["node_rdev"], d["dev"])


@case
def client_info():
    """FWCTL_INFO: an mlx5 device with the uid and caps fwctl's open got."""
    doc = client()["fwctl0"]["info"]
    info = tool_json("-b", "fwctl", "info")
    check_eq("device type", doc["device_type"], 1)
    check_eq("device data length", doc["device_data_len"], 8)
    check_eq("uid", doc["uid"], int(info["uid"], 16))
    check_eq("uctx_caps", doc["uctx_caps"], int(info["uctx_caps"], 16))


def check_fields(what, doc, tool):
    """A command's status (ok) and every field the client decoded."""
    check_eq(what + " status", (doc.pop("status"), doc.pop("syndrome")),
             (0, 0))
    for field, val in doc.items():
        check_eq(what + "." + field, val, tool[field])


@case
def client_cap():
    """QUERY_HCA_CAP general through FWCTL_RPC agrees with cap show."""
    check_fields("general", client()["fwctl0"]["cap_general"],
                 tool_json("cap", "show", "general")["general"])


@case
def client_reg():
    """ACCESS_REG read of MTMP agrees with reg show MTMP."""
    check_fields("MTMP", client()["fwctl0"]["mtmp"],
                 tool_json("reg", "show", "MTMP")["MTMP"])


@case
def client_refusals():
    """Refused requests fail with upstream fwctl/mlx5's errnos."""
    doc = client()["fwctl0"]["refusals"]
    check_eq("errnos", doc, UPSTREAM_ERRNOS)


@case
def client_fw_error():
    """A firmware error is a successful RPC whose outbox says so."""
    doc = client()["fwctl0"]["fw_error"]
    p = run([BINARY, "-d", DEV, "-b", "fwctl", "cmd", "0x805", "op_mod", "1",
             "in", "00000000000000000000000000000001", "outlen", "48"],
            rc=1)
    m = re.search(r'status (0x[0-9a-f]+) .*syndrome (0x[0-9a-f]+)', p.stderr)
    if not m:
        raise Failure("no status in:\n" + p.stderr)
    check_eq("errno", doc["errno"], "ok")
    check_eq("status", doc["status"], int(m.group(1), 16))
    check_eq("syndrome", doc["syndrome"], int(m.group(2), 16))


@case
def client_dup_fork():
    """dup() and fork() keep the fd on the same fwctl file."""
    doc = client()["fwctl0"]["dup_fork"]
    check_eq("uid through the dup", doc["dup_uid"], 1)
    check_eq("child through the inherited fd", doc["child_ok"], True)
    check_eq("O_CLOEXEC", doc["cloexec"], True)


@case
def client_errno_kept():
    """Success leaves errno alone, as the kernel's open and ioctl do."""
    check_eq("errno after success", client()["fwctl0"]["errno_kept"],
             {"open": True, "ioctl": True})


@case
def client_release():
    """The file lives while a dup does; closing the last fd releases it.
    Firmware hands out the lowest free uid, so a released one returns."""
    doc = client()["fwctl0"]["lifetime"]
    if doc["held"] == doc["first"]:
        raise Failure("uid %d reused while a dup holds it" % doc["first"])
    check_eq("uid after the last close", doc["after"], doc["first"])


@case
def host_several():
    """--host: every device its own fwctlN on its own PCI function."""
    doc = client(host="2xconnectx7+connectx7")
    names = [d["name"] for d in doc["devices"]]
    check_eq("devices", names, ["fwctl0", "fwctl1", "fwctl2"])
    check_eq("distinct functions", len({d["pci"] for d in doc["devices"]}), 3)
    for n in names:
        check_eq(n + " errnos", doc[n]["refusals"], UPSTREAM_ERRNOS)
        check_eq(n + " temperature", doc[n]["mtmp"]["status"], 0)


@case
def host_from_environment():
    """Without --host, MLX5CTL_EMU_HOST names the host, and the program
    sees it through fwctl only: the variable is not passed on."""
    p = launch("sh", "-c", 'ls /sys/class/fwctl; echo "[$MLX5CTL_EMU_HOST]"',
               env={"MLX5CTL_EMU_HOST": "2xconnectx7"})
    check_eq("output", p.stdout.split(), ["fwctl0", "fwctl1", "[]"])


@case
def library_as_program():
    """mlx5ctl itself, unmodified, finds fwctl0 and answers as emu: does."""
    got = launch(BINARY, "-j", "-d", "fwctl0", "cap", "show", "general")
    want = run([BINARY, "-j", "-d", DEV, "-b", "fwctl", "cap", "show",
                "general"])
    check_eq("cap show general", json.loads(got.stdout),
             json.loads(want.stdout))


@case
def state_file():
    """state=FILE: what one program writes, the next one reads, and a
    shell between launcher and program, which never opens the device,
    does not write back the state it found."""
    with tempfile.TemporaryDirectory() as tmp:
        host = "connectx7,state=%s/cx7.state" % tmp
        paos = ["-d", "fwctl0", "reg", "show", "PAOS", "local_port", "1"]
        launch("sh", "-c", " ".join(
            [BINARY, "-y", "-s", "debug-write-full", "-d", "fwctl0", "reg",
             "set", "PAOS", "local_port", "1", "admin_status=down"]),
            host=host)
        got = launch(BINARY, "-j", *paos, host=host)
        check_eq("admin_status", json.loads(got.stdout)["PAOS"]
                 ["admin_status"], "down")


@case
def no_program():
    one_line_error(run([BINARY, "emu", "run"], rc=2), "no program given")
    one_line_error(run([BINARY, "emu", "run", "--"], rc=2),
                   "no program given")


@case
def unknown_spec():
    p = launch("true", host="connectx99", rc=1)
    one_line_error(p, r"^mlx5ctl: emu run: .*profile 'connectx99'")
    one_line_error(launch("true", host="300xconnectx7", rc=1), "COUNT")


@case
def unknown_option():
    p = run([BINARY, "emu", "run", "--hots", "x", "--", "true"], rc=2)
    one_line_error(p, 'unknown option "--hots"')
    one_line_error(run([BINARY, "emu", "run", "--host"], rc=2),
                   "--host needs a SPEC")
    one_line_error(run([BINARY, "emu", "run", "--host=", "true"], rc=2),
                   "--host names no device")


@case
def program_not_found():
    p = launch("/nonexistent/program", rc=127)
    one_line_error(p, "^mlx5ctl: emu run: /nonexistent/program: ")


@case
def exit_status():
    """The program's status is the launcher's, 128+N for signal N."""
    launch("sh", "-c", "exit 7", rc=7)
    launch("sh", "-c", "kill -TERM $$", rc=128 + 15)


@case
def ld_preload_appended():
    """A preload the caller set stays, first."""
    lib = os.environ["MLX5CTL_EMU_PRELOAD"]
    mine = preloaded(lib)
    p = launch("sh", "-c", 'printf %s "$LD_PRELOAD"', env={"LD_PRELOAD": mine})
    # A sanitizer build's launcher puts its runtime in front of all.
    if not p.stdout.endswith(":" + mine + ":" + lib) and \
            p.stdout != mine + ":" + lib:
        raise Failure("LD_PRELOAD %r, want it to end in %r"
                      % (p.stdout, mine + ":" + lib))


@case
def tree_removed():
    """The private sysfs and /dev tree is gone after the program."""
    with tempfile.TemporaryDirectory() as tmp:
        launch("sh", "-c", "ls /dev/fwctl/fwctl0", env={"TMPDIR": tmp})
        check_eq("left in TMPDIR", os.listdir(tmp), [])


@case
def without_launcher():
    """Preloaded without the launcher, the library changes nothing."""
    p = run(["sh", "-c", "ls /sys/class/fwctl"], rc=None,
            env={"LD_PRELOAD": preloaded(os.environ["MLX5CTL_EMU_PRELOAD"])})
    if "fwctl0" in p.stdout:
        raise Failure("emulated devices without the launcher")


def main():
    global BINARY
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--binary")
    ap.add_argument("--preload")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    if args.list:
        print("\n".join(CASES))
        return 0
    BINARY = args.binary
    os.environ["MLX5CTL_EMU_PRELOAD"] = args.preload
    for name in args.cases:
        try:
            CASES[name]()
        except Failure as e:
            print("FAIL %s: %s" % (name, e))
            return 1
        print("ok %s" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
