#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""End-to-end tests of the mlx5ctl utility against emu:connectx7.

Usage: cli_test.py --list
       cli_test.py --binary PATH CASE...

Every invocation of the binary is prefixed with the words of
$MLX5CTL_TEST_WRAPPER (./build.sh test runs this label under valgrind that
way), so a leak or a memory error fails the case that caused it.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

DEV = "emu:connectx7"
BINARY = None
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


class Failure(Exception):
    pass


class Result:
    def __init__(self, argv, rc, out, err):
        self.argv, self.rc, self.out, self.err = argv, rc, out, err

    def __str__(self):
        return "$ %s\nrc=%d\n--- stdout\n%s--- stderr\n%s" % (
            " ".join(shlex.quote(a) for a in self.argv), self.rc, self.out,
            self.err)


def run(*args, env=None, rc=0, dev=True, prefix=(), wrap=True):
    """Run mlx5ctl [-d DEV] ARGS; fail unless it exits RC (None: any).
    WRAP: under $MLX5CTL_TEST_WRAPPER (a run that only prepares may not)."""
    argv = [BINARY] + (["-d", DEV] if dev else []) + list(args)
    wrapper = list(prefix) + shlex.split(
        os.environ.get("MLX5CTL_TEST_WRAPPER", "") if wrap else "")
    full_env = dict(os.environ)
    full_env.pop("MLX5CTL_DEVICE", None)
    if env:
        full_env.update(env)
    p = subprocess.run(wrapper + argv, capture_output=True, text=True,
                       env=full_env, timeout=240)
    r = Result(argv, p.returncode, p.stdout, p.stderr)
    if p.returncode < 0:
        raise Failure("killed by signal %d\n%s" % (-p.returncode, r))
    if rc is not None and p.returncode != rc:
        raise Failure("expected rc=%d\n%s" % (rc, r))
    return r


def check(cond, msg, res=None):
    if not cond:
        raise Failure(msg + ("\n%s" % res if res else ""))


def jrun(*args, **kw):
    """Run with -j; stdout must be exactly one JSON document."""
    r = run("-j", *args, **kw)
    try:
        return json.loads(r.out), r
    except ValueError as e:
        raise Failure("stdout is not one JSON document: %s\n%s" % (e, r))


def fields(text):
    """'name value...' lines of text output, as a dict of stripped lines."""
    d = {}
    for line in text.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2:
            d.setdefault(parts[0], parts[1].strip())
    return d


def num(v):
    return int(v, 0) if isinstance(v, str) else v


# -- global options, usage, exit codes ---------------------------------------

@case
def version():
    r = run("-V", dev=False)
    check(re.match(r"mlx5ctl \S+", r.out), "no version", r)


@case
def help_texts():
    r = run("help", dev=False)
    check("Usage: mlx5ctl" in r.out and "reg" in r.out, "no usage", r)
    run("-h", dev=False)
    for args in (["dev", "show", "--help"], ["reg", "show", "help"],
                 ["reg", "list", "-h"], ["prm", "show", "--help"],
                 ["cap", "show", "--help"], ["cap", "general", "help"]):
        r = run(*args, dev=False)
        check("Usage:" in r.out, "no usage for %s" % " ".join(args), r)
    for obj in ("dev", "info", "cap", "reg", "cmd", "prm"):
        for h in ("help", "--help"):
            r = run(obj, h, dev=False)
            check("Usage:" in r.out and obj in r.out,
                  "no usage for %s %s" % (obj, h), r)
            check(r.err == "", "help wrote to stderr", r)


@case
def misuse_exits_2():
    bad = [
        ["nosuchobject"],
        ["-Z", "info"],
        ["--nosuchoption", "info"],
        ["-s", "nosuchscope", "info"],
        ["-b", "nosuchbackend", "info"],
        ["-d", "", "info"],
        ["dev", "nosuchcommand"],
        ["reg", "nosuchcommand"],
        ["cap", "show", "nosuchtype"],
        ["reg", "show"],
        ["reg", "show", "NOSUCHREG"],
        ["cmd"],
        ["cmd", "notanopcode"],
        ["cmd", "0x80d", "op_mod"],
        ["cmd", "0x80d", "op_mod", "0x10000"],
        ["cmd", "0x80d", "in", "xyz"],
        ["cmd", "0x80d", "in", "abc"],
        ["cmd", "0x80d", "outlen", "8"],
        ["cmd", "0x80d", "bogus", "1"],
        ["prm", "show"],
        ["prm", "show", "no_such_struct"],
    ]
    for args in bad:
        r = run(*args, rc=2)
        check(r.err.startswith("mlx5ctl: ") or "Usage" in r.err,
              "misuse without a message", r)
        check(r.out == "", "misuse wrote to stdout", r)
    r = run("nosuchobject", rc=2)
    check("Usage: mlx5ctl" in r.err, "no usage on stderr", r)


@case
def option_value_missing():
    # An option whose value is missing ends the line: misuse, not a crash
    # while looking for the object word.  That search reads options as
    # getopt does (clusters, long-option prefixes), so health's misuse is
    # UNKNOWN however its options are spelt.
    for args in (["-d"], ["--dev"], ["-Z", "-d"], ["-jd"]):
        run(*args, dev=False, rc=2)
    for opts in (["-d", DEV], ["-jd", DEV], ["--dev", DEV], ["-Zd", DEV]):
        r = run("-Z", *opts, "health", dev=False, rc=3)
        check(r.out.startswith("MLX5CTL UNKNOWN - "), "no status line", r)


@case
def misuse_json_is_not_json():
    # Usage errors print no JSON: nothing to parse, nothing half-written.
    r = run("-j", "cap", "show", "nosuchtype", rc=2)
    check(r.out == "", "JSON document on misuse", r)


# -- devices -------------------------------------------------------------------

HOST = {"MLX5CTL_EMU_HOST": "2xconnectx7"}


@case
def dev_list():
    for args in ([], ["dev"], ["dev", "show"], ["dev", "list"]):
        r = run(*args, dev=False, env=HOST)
        for i in range(2):
            check(re.search(r"^mlx5_%d: ibdev mlx5_%d pci 0000:%02x:00.0 "
                            r"netdev ens%df0np0 fwctl fwctl%d emulated$" %
                            (i, i, 8 + i, i + 1, i), r.out, re.M),
                  "host device %d not listed" % i, r)
    doc, r = jrun("dev", dev=False, env=HOST)
    check([d["name"] for d in doc["devices"]] == ["mlx5_0", "mlx5_1"] and
          all(d["emulated"] is True for d in doc["devices"]),
          "JSON device list is not the host's", r)
    # Without a host, the machine's devices: none is emulated.
    doc, r = jrun("dev", dev=False)
    check(not [d for d in doc["devices"] if d["emulated"]],
          "an emulated device listed without MLX5CTL_EMU_HOST", r)


def loaded_libs(*args, env=None):
    """The shared objects the dynamic loader opened for a run."""
    r = run(*args, dev=False, env=dict(env or {}, LD_DEBUG="libs"),
            wrap=False, rc=None)
    return set(re.findall(r"calling init: (\S+)", r.err))


@case
def emulator_loaded_on_use():
    plugin = [l for l in loaded_libs("-d", DEV, "info")
              if l.endswith("/mlx5ctl/libmlx5ctl-emu.so")]
    check(plugin, "emu: did not load the emulator plugin")
    # No emulated device named: the plugin stays on disk.
    for args in (["dev"], ["--version"], ["-d", "mlx5_0", "info"]):
        check(not [l for l in loaded_libs(*args) if "libmlx5ctl-emu" in l],
              "%s loaded the emulator" % args)


@case
def emulator_not_installed():
    """The library alone, without its plugin beside it."""
    lib = subprocess.run(["ldd", BINARY], capture_output=True, text=True)
    path = re.search(r"libmlx5ctl\.so\.1 => (\S+)", lib.stdout).group(1)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, os.path.join(tmp, "libmlx5ctl.so.1"))
        r = run("-d", DEV, "info", dev=False, rc=1,
                env={"LD_LIBRARY_PATH": tmp})
    check(r.err.startswith("mlx5ctl: %s: open failed: the emulator is not "
                           "installed (" % DEV) and r.err.count("\n") == 1,
          "a missing emulator is not one clear line", r)


@case
def host_listing_keeps_state():
    """Listing a host reads a device's state=FILE, never writes it."""
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "s")
        env = {"MLX5CTL_EMU_HOST": "connectx7,state=" + state}
        run("-s", "debug-write-full", "-d", "mlx5_0", "-y", "reg", "set",
            "PAOS", "local_port", "1", "admin_status=down", dev=False,
            env=env)
        before = os.stat(state).st_mtime_ns
        run("dev", dev=False, env=env)
        check(os.stat(state).st_mtime_ns == before,
              "listing the host rewrote its state file")
        r = run("-d", "mlx5_0", "reg", "show", "PAOS", "local_port", "1",
                dev=False, env=env)
        check(re.search(r"^admin_status\s+down", r.out, re.M),
              "the host's device lost its state", r)


@case
def host_names():
    for name in ("mlx5_1", "0000:09:00.0", "ens2f0np0", "fwctl1"):
        doc, r = jrun("-d", name, "info", dev=False, env=HOST)
        check(doc.get("pci") == "0000:09:00.0" and doc.get("emulated"),
              "%s is not the host's second device" % name, r)
    r = run("-d", "mlx5_2", "info", dev=False, env=HOST, rc=1)
    check(r.err == "mlx5ctl: mlx5_2: open failed: no device mlx5_2 on the "
          "emulated host (MLX5CTL_EMU_HOST)\n", "unknown host device", r)
    r = run("dev", dev=False, env={"MLX5CTL_EMU_HOST": "2xnosuch"}, rc=1)
    check(r.err.startswith("mlx5ctl: MLX5CTL_EMU_HOST: unknown emulator "
                           "profile 'nosuch'") and r.err.count("\n") == 1,
          "a bad host spec is not one clear line", r)
    r = run("dev", dev=False, env={"MLX5CTL_EMU_HOST": "@/"}, rc=1)
    check(r.err == "mlx5ctl: MLX5CTL_EMU_HOST: emulated host: cannot read "
          "'/': Is a directory\n", "an unreadable host file", r)


@case
def dev_show_one():
    r = run("dev", "show", DEV, dev=False)
    check(r.out.startswith(DEV + ":"), "dev show DEV", r)
    check(len(r.out.splitlines()) == 1, "dev show DEV shows one", r)


@case
def unknown_device():
    for name in ("emu:nosuchprofile", "mlx5_99", "0000:ff:1f.7"):
        r = run("-d", name, "info", dev=False, rc=1)
        check(r.err.startswith("mlx5ctl: %s: open failed: " % name),
              "unclear error for an unknown device", r)
        check(r.out == "", "output for an unknown device", r)


@case
def device_from_environment():
    r = run("info", dev=False, env={"MLX5CTL_DEVICE": DEV})
    check(fields(r.out).get("device") == DEV, "$MLX5CTL_DEVICE ignored", r)


# -- info ----------------------------------------------------------------------

@case
def info_text():
    r = run("info")
    f = fields(r.out)
    for key in ("device", "backend", "scope", "uid", "uctx_caps",
                "fw_version", "vendor_id", "device_id", "emulated"):
        check(key in f, "info lacks %s" % key, r)
    check(f["backend"] == "ctl", "emu default backend is ctl", r)
    check(f["scope"] == "debug-read-only", "default scope", r)
    check(f["vendor_id"] == "0x15b3", "Mellanox vendor id", r)
    check(re.match(r"\d+\.\d+\.\d+$", f["fw_version"]), "fw version", r)
    check("adapter:" in r.out, "no QUERY_ADAPTER section", r)
    check(re.search(r"vsd_contd_psid\s+\S+", r.out), "no PSID", r)


@case
def info_json():
    doc, r = jrun("info")
    for key in ("device", "backend", "scope", "uid", "uctx_caps",
                "fw_version", "vendor_id", "device_id", "emulated",
                "adapter"):
        check(key in doc, "info JSON lacks %s" % key, r)
    check(doc["emulated"] is True, "emulated flag", r)
    for key in ("ieee_vendor_id", "vsd_vendor_id", "vsd_contd_psid"):
        check(key in doc["adapter"], "adapter lacks %s" % key, r)
    check(num(doc["adapter"]["vsd_vendor_id"]) == 0x15b3, "vsd_vendor_id", r)


@case
def info_backends_agree():
    out = {}
    for b in ("ctl", "fwctl"):
        r = run("-b", b, "info")
        f = fields(r.out)
        check(f.get("backend") == b, "-b %s ignored" % b, r)
        # The uctx caps differ by design: our object grants RAW_TX and
        # INTERNAL_DEV_RES from the caller's capabilities, fwctl only
        # TOOLS_RESOURCES when firmware has it.
        out[b] = [l for l in r.out.splitlines()
                  if not l.startswith(("backend", "uctx_caps"))]
    check(out["ctl"] == out["fwctl"],
          "ctl and fwctl disagree:\n%s\n---\n%s" % (
              "\n".join(out["ctl"]), "\n".join(out["fwctl"])))


@case
def privileges_explained():
    # The emulator checks the caller's capabilities as the kernel does.
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if not setpriv:
            print("skip: root without setpriv")
            return
        prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-all"]
    r = run("-b", "ctl", "info", rc=1, prefix=prefix)
    check("open failed: Operation not permitted" in r.err and
          "CAP_SYS_ADMIN" in r.err, "EPERM not explained", r)
    # Without -b the tool falls back to fwctl; when that costs something
    # (UMEM, or asked with -v) it says why ctl was passed over.
    why = ("is on the fwctl backend because ctl refused to open: "
           "Operation not permitted (a control object needs CAP_SYS_ADMIN)")
    with tempfile.TemporaryDirectory() as tmp:
        r = run("rscdump", "dump", "QP", "num1", "all", "--umem", "-o",
                os.path.join(tmp, "qp.bin"), rc=1, prefix=prefix)
    check("only the ctl backend" in r.err and why in r.err,
          "the fallback to fwctl not explained where it matters", r)
    r = run("-v", "info", prefix=prefix)
    check(why in r.err, "-v does not say why ctl was passed over", r)
    r = run("-v", "info")
    check("refused to open" not in r.err, "a note with nothing to explain", r)


@case
def scope_option():
    r = run("-s", "configuration", "info")
    check(fields(r.out).get("scope") == "configuration", "-s ignored", r)


# -- capabilities ---------------------------------------------------------------

def hca_cap_raw(cap_type, cur=True):
    """The capability page through 'cmd', to check the decoder against."""
    doc, r = jrun("cmd", "QUERY_HCA_CAP", "op_mod",
                  str((cap_type << 1) | int(cur)))
    return bytes.fromhex(doc["out"])[16:]


def bits(page, off, width):
    """mlx5_ifc.h convention: bit 0 is the MSB of the first dword."""
    val = int.from_bytes(page, "big")
    return (val >> (len(page) * 8 - off - width)) & ((1 << width) - 1)


# Offsets from Linux's mlx5_ifc.h (struct mlx5_ifc_cmd_hca_cap_bits), kept
# here independently of the layout database so a typo there shows.
GENERAL_IFC = {
    "log_max_qp": (0x9b, 5),
    "log_max_cq": (0xdb, 5),
    "log_max_mkey": (0xea, 6),
    "log_max_eq": (0xfc, 4),
    "log_max_pd": (0x32b, 5),
}


@case
def cap_general_text():
    r = run("cap", "show", "general")
    check(r.out.startswith("general capabilities (current):"), "header", r)
    f = fields(r.out)
    check(len(f) > 40, "fewer than 40 general fields", r)
    page = hca_cap_raw(0)
    for name, (off, width) in GENERAL_IFC.items():
        check(name in f, "no %s" % name, r)
        check(int(f[name], 0) == bits(page, off, width),
              "%s: decoded %s, raw page has %d" % (
                  name, f[name], bits(page, off, width)), r)
    check(int(f["log_max_qp"], 0) > 0, "log_max_qp is 0", r)
    # The default type is general, and "cap TYPE" means "cap show TYPE".
    check(run("cap").out == r.out, "cap != cap show general")
    check(run("cap", "general").out == r.out, "cap general")


@case
def cap_general_json():
    doc, r = jrun("cap", "show", "general")
    check(list(doc) == ["general"], "one object per type", r)
    gen = doc["general"]
    check(len(gen) > 40, "fewer than 40 general fields", r)
    check(isinstance(gen.get("log_max_qp"), int), "log_max_qp number", r)
    text = fields(run("cap", "show", "general").out)
    check(gen["log_max_qp"] == int(text["log_max_qp"], 0),
          "text and JSON disagree", r)
    doc, r = jrun("-p", "cap", "show", "general")
    check("\n" in r.out.strip(), "-p does not indent", r)


@case
def cap_roce_and_several():
    r = run("cap", "show", "roce")
    check(r.out.startswith("roce capabilities (current):"), "roce", r)
    check(len(fields(r.out)) > 5, "few RoCE fields", r)
    doc, r = jrun("cap", "show", "general", "roce")
    check(set(doc) == {"general", "roce"}, "two types, two objects", r)


@case
def cap_max():
    r = run("cap", "show", "general", "--max")
    check(r.out.startswith("general capabilities (max):"), "--max", r)
    check(int(fields(r.out)["log_max_qp"], 0) > 0, "max log_max_qp", r)


@case
def cap_list():
    doc, r = jrun("cap", "list", dev=False)
    names = {t["name"]: num(t["type"]) for t in doc["types"]}
    check(names.get("general") == 0 and names.get("roce") == 4,
          "cap list types", r)


# -- registers -------------------------------------------------------------------

@case
def reg_list():
    r = run("reg", "list", dev=False)
    for name, rid in (("MTMP", 0x900a), ("PAOS", 0x5006), ("MGIR", 0x9020)):
        m = re.search(r"^%s\s+(0x[0-9a-f]+)" % name, r.out, re.M | re.I)
        check(m and int(m.group(1), 16) == rid, "reg list: %s" % name, r)
    doc, r = jrun("reg", "list", dev=False)
    check(any(num(x["id"]) == 0x900a for x in doc["registers"]),
          "JSON reg list", r)


@case
def reg_by_number():
    """A register by the id "reg list" prints: the same answer as by name."""
    for name, rid in (("MTMP", "0x900a"), ("PAOS", "0x5006")):
        by_id, _ = jrun("reg", "show", rid, "local_port", "1") \
            if name == "PAOS" else jrun("reg", "show", rid)
        by_name, _ = jrun("reg", "show", name, "local_port", "1") \
            if name == "PAOS" else jrun("reg", "show", name)
        check(by_id == by_name, "reg show %s differs from %s" % (rid, name))
    r = run("reg", "show", "0x1", rc=2)
    check("unknown register" in r.err, "unknown id not refused", r)


@case
def reg_show_mtmp():
    r = run("reg", "show", "MTMP")
    m = re.search(r"^temperature\s+(-?\d+) \((-?[\d.]+) C\)$", r.out, re.M)
    check(m, "no temperature in Celsius", r)
    check(float(m.group(2)) == int(m.group(1)) * 0.125, "units of 1/8 C", r)
    check(-40 < float(m.group(2)) < 150, "implausible temperature", r)
    doc, r = jrun("reg", "show", "mtmp")
    (reg,) = doc.values()
    check("temperature" in reg and "temperature_celsius" in reg,
          "MTMP JSON", r)
    run("reg", "show", "MTMP", "sensor_index", "0")


@case
def reg_show_keys():
    r = run("reg", "show", "MTMP", "nosuchkey", "1", rc=2)
    check("sensor_index" in r.err, "valid keys not listed", r)
    # A field that is not an index is not a key: show never writes.
    r = run("reg", "show", "MTMP", "temperature", "1", rc=2)
    r = run("reg", "show", "MTMP", "sensor_index", rc=2)


@case
def reg_show_paos_enums():
    r = run("reg", "show", "PAOS", "local_port", "1")
    f = fields(r.out)
    check(f.get("oper_status") in ("up", "down", "up_once"),
          "oper_status not decoded to a name", r)


@case
def reg_write_needs_scope():
    r = run("reg", "set", "PAOS", "local_port", "1", "admin_status=up",
            rc=1)
    check(re.search(r"^mlx5ctl: %s: ACCESS_REG PAOS write failed: "
                    % re.escape(DEV), r.err, re.M),
          "write at the default scope not refused clearly", r)
    check("policy" in r.err and "debug-read-only" in r.err,
          "no word about the policy and the scope", r)


@case
def reg_write_with_scope():
    if os.geteuid() != 0:
        print("skip: debug-write-full needs CAP_SYS_RAWIO")
        return
    r = run("-s", "debug-write-full", "reg", "set", "PAOS", "local_port", "1",
            "admin_status=down", "ase=1")
    f = fields(r.out)
    check(f.get("admin_status") == "down" and f.get("oper_status") == "down",
          "PAOS write not answered with the new state", r)
    r = run("-s", "debug-write-full", "reg", "set", "PAOS", "local_port", "1",
            "admin_status=bogus", rc=2)
    check("up_once" in r.err, "valid enum names not listed", r)
    r = run("-s", "debug-write-full", "reg", "set", "PAOS", "local_port", "1",
            rc=2)


def paos_writable_per_adb():
    """PAOS fields mstflint's ADB lets a Set() write, or None."""
    if not os.path.exists(ADB):
        return None
    import xml.etree.ElementTree as ET
    node = [n for n in ET.parse(ADB).getroot().iter("node")
            if n.get("name") == "paos_reg_ext"][0]
    return {f.get("name") for f in node.findall("field")
            if f.get("access") in ("RW", "WO", "OP")}


@case
def reg_set_read_only_refused():
    r = run("-v", "-s", "debug-write-full", "reg", "set", "PAOS",
            "local_port", "1", "oper_status=down", rc=2)
    m = re.fullmatch(r"mlx5ctl: reg set PAOS: oper_status is read-only; "
                     r"writable: (.*)\n", r.err)
    check(m, "not one line naming the read-only field", r)
    check("ACCESS_REG" not in r.err, "something was sent", r)
    theirs = paos_writable_per_adb()
    if theirs is not None:
        ours = set(m.group(1).split(", "))
        check(ours == theirs, "writable fields %s, the ADB says %s"
              % (sorted(ours), sorted(theirs)), r)


@case
def reg_set_twice_refused():
    for args, word in (
            (["set", "PAOS", "local_port", "1", "admin_status=down",
              "admin_status=up"], "admin_status is given twice"),
            (["show", "PAOS", "local_port", "1", "local_port", "2"],
             "local_port is given twice"),
            (["set", "PAOS", "local_port", "1", "local_port=2",
              "admin_status=up"], "local_port is an index key"),
            (["set", "MTMP", "sensor_index", "0", "mtr=1", "mtr=0"],
             "mtr is given twice")):
        r = run("-v", "-s", "debug-write-full", "reg", *args, rc=2)
        check(word in r.err and len(r.err.splitlines()) == 1,
              "not refused in one line: %s" % word, r)
        check("ACCESS_REG" not in r.err, "something was sent", r)
        check(r.out == "", "output on a usage error", r)


@case
def reg_set_warns_of_taint():
    if os.geteuid() != 0:
        print("skip: debug-write-full needs CAP_SYS_RAWIO")
        return
    for backend, flag in (("ctl", "TAINT_USER"), ("fwctl", "TAINT_FWCTL")):
        r = run("-b", backend, "-s", "debug-write-full", "reg", "set",
                "PAOS", "local_port", "1", "admin_status=up")
        warn = [ln for ln in r.err.splitlines() if "warning" in ln]
        check(len(warn) == 1 and "taints the running kernel" in warn[0]
              and flag in warn[0], "no one-line taint warning", r)
    # Refused by the policy: nothing sent that taints, no warning.
    r = run("-s", "debug-write", "reg", "set", "PAOS", "local_port", "1",
            "admin_status=up", rc=1)
    check("warning" not in r.err, "warned of a write the kernel refuses", r)


def on_terminal(argv, answer):
    """Run ARGV with a terminal on stdin; type ANSWER when asked."""
    import pty
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdin=slave, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    os.close(slave)
    if answer is not None:
        os.write(master, answer.encode())
    out, err = p.communicate(timeout=60)
    os.close(master)
    return Result(argv, p.returncode, out, err)


@case
def reg_set_asks_on_terminal():
    if os.geteuid() != 0:
        print("skip: debug-write-full needs CAP_SYS_RAWIO")
        return
    with tempfile.TemporaryDirectory() as tmp:
        dev = "%s,state=%s/st" % (DEV, tmp)
        argv = [BINARY, "-d", dev, "-s", "debug-write-full", "reg", "set",
                "PAOS", "local_port", "1", "admin_status=down"]
        r = on_terminal(argv, "n\n")
        check(r.rc == 1 and "not confirmed, nothing written" in r.err,
              "a refused question did not stop the write", r)
        check(re.search(r"admin_status +up -> down\n", r.err) and
              re.search(r"ase +0 -> 1 \(set with it\)", r.err) and
              "write PAOS? [y/N]" in r.err, "old -> new not shown", r)
        r = run("-d", dev, "reg", "show", "PAOS", "local_port", "1",
                dev=False)
        check(fields(r.out).get("admin_status") == "up",
              "written although not confirmed", r)
        r = on_terminal(argv, "y\n")
        check(r.rc == 0 and fields(r.out).get("admin_status") == "down",
              "confirmed write not done", r)
        r = on_terminal(argv[:1] + ["--yes"] + argv[1:], None)
        check(r.rc == 0 and "[y/N]" not in r.err, "--yes still asked", r)


@case
def counters_port_clear():
    for backend in ("ctl", "fwctl"):
        # fwctl/mlx5 would pass the read with clr: the tool does not send it.
        r = run("-b", backend, "counters", "port", "grp", "phys_layer",
                "clear", rc=1)
        check("needs -s debug-write" in r.err,
              "clear refused without the scope on " + backend, r)
    # A refused clear names firmware's own syndrome, as a plain read does.
    plain = run("counters", "port", "local_port", "2", "grp", "phys_layer",
                rc=1)
    r = run("-s", "debug-write", "counters", "port", "local_port", "2",
            "grp", "phys_layer", "clear", rc=1)
    syn = re.compile(r"syndrome 0x[0-9a-f]+")
    check(syn.search(r.err) and
          syn.search(r.err).group(0) == syn.search(plain.err).group(0),
          "syndrome of a failed clear", r)
    with tempfile.TemporaryDirectory() as tmp:
        dev = ["-d", "%s,state=%s/st" % (DEV, tmp)]
        before, _ = jrun(*dev, "counters", "port", "grp", "phys_layer",
                         dev=False)
        r = run(*dev, "-s", "debug-write", "counters", "port", "grp",
                "phys_layer", "clear", dev=False)
        check("taints" in r.err, "no taint warning for clear", r)
        after, _ = jrun(*dev, "counters", "port", "grp", "phys_layer",
                        dev=False)

    def cnt(doc, name):
        return doc["groups"]["phys_layer"][name]
    check(cnt(after, "time_since_last_clear") <
          cnt(before, "time_since_last_clear"),
          "time_since_last_clear did not restart: %s -> %s"
          % (cnt(before, "time_since_last_clear"),
             cnt(after, "time_since_last_clear")))
    check(cnt(after, "rs_fec_corrected_blocks") <
          cnt(before, "rs_fec_corrected_blocks"), "counters not cleared")


@case
def json_everywhere():
    # Every command: one document on stdout, nothing else.
    for args, dev in ((["dev"], False), (["info"], True),
                      (["cap", "show", "general", "roce"], True),
                      (["cap", "list"], False), (["reg", "list"], False),
                      (["reg", "show", "MGIR"], True),
                      (["reg", "show", "PTYS", "local_port", "1"], True),
                      (["cmd", "NOP"], True), (["prm", "list"], False),
                      (["prm", "show", "cmd_hca_cap"], False)):
        for pretty in ([], ["-p"]):
            doc, r = jrun(*(pretty + args), dev=dev)
            check(isinstance(doc, dict) and doc, "empty document", r)


# -- raw commands ------------------------------------------------------------------

@case
def cmd_nop():
    r = run("cmd", "0x80d")
    f = fields(r.out)
    check(f.get("status") == "0x0 (ok)", "NOP status", r)
    check(f.get("syndrome") == "0x0", "NOP syndrome", r)
    check(r.err == "", "stderr on success", r)
    doc, r = jrun("cmd", "NOP", "outlen", "16")
    check(num(doc["status"]) == 0 and doc["name"] == "NOP", "NOP JSON", r)
    check(len(bytes.fromhex(doc["out"])) == 16, "outlen", r)


@case
def cmd_firmware_errors():
    # QUERY_MTT passes the kernel's policy; the emulated firmware does not
    # implement it, and says so as real firmware does.
    r = run("cmd", "QUERY_MTT", rc=1)
    check("bad operation" in r.err and "status 0x2" in r.err,
          "no clear bad operation error", r)
    check(re.match(r"mlx5ctl: %s: QUERY_MTT \(0x8001\) failed: firmware error "
                   r"\(status 0x2 \"bad operation\", syndrome 0x[0-9a-f]+\)$"
                   % re.escape(DEV), r.err), "error format", r)
    check(fields(r.out).get("status") == "0x2 (bad operation)", "stdout", r)
    # A bad op_mod: bad parameter.
    r = run("cmd", "QUERY_HCA_CAP", "op_mod", "0x7fff", rc=1)
    check("status 0x3" in r.err and "bad parameter" in r.err, "op_mod", r)
    # Short output: bad output length, from the typed path too.
    r = run("cmd", "QUERY_ISSI", "outlen", "16", rc=1)
    check("status 0x51" in r.err, "short outbox", r)
    doc, r = jrun("cmd", "QUERY_MTT", rc=1)
    check(num(doc["status"]) == 2 and doc["status_str"] == "bad operation",
          "JSON of a firmware error", r)


@case
def cmd_refused_by_policy():
    # An unknown opcode never reaches firmware: the kernel refuses it.
    r = run("cmd", "0x999", rc=1)
    check(r.err.startswith("mlx5ctl: %s: command 0x999 failed: Bad message\n"
                           % DEV), "error format", r)
    check("policy" in r.err, "no word about the policy", r)
    check(r.out == "", "output for a command that never ran", r)


@case
def policy_notes_name_the_scope():
    # The notes come from the policy of the kernel the handle talks to.
    r = run("-s", "configuration", "cmd", "SET_HCA_CAP", "op_mod", "1", rc=1)
    check("refuses SET_HCA_CAP, with these fields, at every scope" in r.err,
          "SET_HCA_CAP of the function itself must be refused", r)
    r = run("-s", "debug-write", "cmd", "ACCESS_REG", "op_mod", "2", "in",
            "00005008 00000000 00010000", rc=1)
    check("Bad message" in r.err and "at every scope" in r.err,
          "op_mod 2 is neither read nor write", r)
    # PPCNT read with clr: a write of PPCNT, at debug-write.
    r = run("cmd", "ACCESS_REG", "op_mod", "1", "in",
            "00005008 00000000 00010000 80000000", "outlen", "272", rc=1)
    check("at scope debug-read-only: ACCESS_REG, with these fields, needs "
          "-s debug-write or above" in r.err, "PPCNT clr is a write", r)
    # HOST_ENDIANNESS: written by mlx5_core, so full scope only.
    r = run("-s", "debug-write", "cmd", "ACCESS_REG", "op_mod", "0", "in",
            "00007004 00000000 00000000 00000000", rc=1)
    check("needs -s debug-write-full or above" in r.err,
          "a driver-owned register below full scope", r)


@case
def policy_fwctl_is_upstreams():
    # Upstream fwctl/mlx5 passes register writes at configuration; the
    # library still sends none from a read-only handle.
    r = run("-b", "fwctl", "reg", "set", "PAOS", "local_port", "1",
            "admin_status=down", rc=1)
    check("ACCESS_REG PAOS write failed: Operation not permitted" in r.err
          and "the library sends none from scope debug-read-only, on any "
          "backend" in r.err, "library did not refuse the write", r)
    r = run("-b", "fwctl", "cmd", "ACCESS_REG", "op_mod", "0", "in",
            "00005006 00000000 00010000", rc=1)
    check("Operation not permitted" in r.err, "raw write from read-only", r)
    # At debug-write the emulated fwctl lets PAOS through, as upstream
    # would; our ctl object wants debug-write-full for it.
    r = run("-b", "fwctl", "-s", "debug-write", "reg", "set", "PAOS",
            "local_port", "1", "admin_status=down", "ase=1")
    check(fields(r.out).get("admin_status") == "down", "fwctl write", r)
    r = run("-b", "ctl", "-s", "debug-write", "reg", "set", "PAOS",
            "local_port", "1", "admin_status=down", rc=1)
    check("PAOS writes need -s debug-write-full" in r.err, "ctl write", r)


@case
def cmd_input():
    # QUERY_ISSI has no input; the same bytes from hex and from a file.
    a = run("cmd", "QUERY_ISSI", "in", "00000000 00000000")
    with tempfile.NamedTemporaryFile() as f:
        f.write(bytes(8))
        f.flush()
        b = run("cmd", "0x10a", "in", "@" + f.name)
    check(a.out == b.out, "hex and @FILE differ", b)
    r = run("cmd", "0x80d", "in", "@/nonexistent/file", rc=1)
    check("No such file" in r.err, "missing file", r)


# -- the layout database -------------------------------------------------------------

@case
def prm_introspection():
    r = run("prm", "list", "mtmp", dev=False)
    check("mtmp" in r.out.lower(), "prm list PATTERN", r)
    doc, r = jrun("prm", "show", "MTMP", dev=False)
    (s,) = doc.values()
    temp = [f for f in s["fields"] if f["name"] == "temperature"]
    check(temp and temp[0]["bits"] == 16 and "signed" in temp[0]["flags"],
          "MTMP temperature layout", r)
    check(temp[0]["offset"] == "0x04.0", "PRM offset notation", r)


@case
def prm_show_cmd_hca_cap():
    r = run("prm", "show", "cmd_hca_cap", dev=False)
    m = re.match(r"cmd_hca_cap: (\d+) bytes, (\d+) fields, source builtin$",
                 r.out.splitlines()[0])
    check(m and int(m.group(1)) == 256 and int(m.group(2)) > 200,
          "header names size, field count and source", r)
    f = fields(r.out)
    check(f.get("log_max_qp", "").split()[:2] == ["0x10.0", "5"],
          "log_max_qp at 0x10.0, 5 bits (mlx5_ifc.h)", r)
    doc, r = jrun("prm", "show", "general", dev=False)
    check(doc["cmd_hca_cap"]["source"] == "builtin",
          "a capability type names its layout", r)


@case
def prm_show_pddr_json():
    doc, r = jrun("prm", "show", "pddr_reg", dev=False)
    s = doc["pddr_reg"]
    check(s["bytes"] == 256 and s["source"] == "builtin", "pddr_reg size", r)
    names = {f["name"]: f for f in s["fields"]}
    check(names["page_select"]["bits"] == 8 and
          "index" in names["page_select"]["flags"], "page_select key", r)
    check(names["page_data"]["count"] == 248, "page_data bytes", r)


@case
def prm_list_pattern():
    doc, r = jrun("prm", "list", "*_reg", dev=False)
    names = [x["name"] for x in doc["structs"]]
    check("mtmp_reg" in names and "pddr_reg" in names, "glob", r)
    check(all(n.endswith("_reg") for n in names), "glob matches only", r)
    r = run("prm", "list", "PDDR", dev=False)
    lines = r.out.splitlines()
    check(lines and all("pddr" in ln for ln in lines), "substring, any case", r)
    r = run("prm", "list", "no_such_layout_at_all", dev=False)
    check(r.out == "", "no match lists nothing", r)


ADB = "/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb"


@case
def reg_show_adb_only():
    """MVCR: the utility has no layout for it, mstflint's ADB has."""
    if not os.path.exists(ADB):
        print("skip: no %s (install mstflint)" % ADB)
        return
    r = run("reg", "show", "MVCR", "sensor_index", "0")
    check(r.out.startswith("# MVCR 0x900c: source adb"), "source header", r)
    f = fields(r.out)
    # 0.01 V units, as the ADB's description of the field says.
    check(f.get("voltage_sensor_value") == "85 (0.85 V)" and
          f.get("sensor_name") == "asic", "the emulator's ASIC rail", r)
    doc, r = jrun("reg", "show", "MVCR", "sensor_index", "1")
    check(doc["MVCR"]["source"] == "adb" and
          doc["MVCR"]["sensor_name"] == "board", "JSON source", r)
    doc, r = jrun("reg", "show", "MTMP")
    check(doc["MTMP"]["source"] == "builtin", "built-in source", r)
    doc, r = jrun("reg", "list", dev=False)
    src = {x["name"]: x["source"] for x in doc["registers"]}
    check(src.get("MVCR") == "adb" and src.get("MTMP") == "builtin",
          "reg list sources", r)
    run("reg", "show", "MVCR", "sensor_index", "9", rc=1)
    # Without the ADB the register is unknown, and quietly so.
    r = run("reg", "show", "MVCR", env={"MLX5CTL_PRM_ADB": ""}, rc=2)
    check("unknown register" in r.err and "warning" not in r.err,
          "without the ADB", r)
    with tempfile.NamedTemporaryFile("w", suffix=".adb") as bad:
        bad.write("<not an adb/>\n")
        bad.flush()
        r = run("reg", "show", "MVCR", env={"MLX5CTL_PRM_ADB": bad.name},
                rc=2)
        warn = [ln for ln in r.err.splitlines() if "warning" in ln]
        check(len(warn) == 1 and bad.name in warn[0],
              "a broken ADB: one warning line", r)
        run("reg", "show", "MTMP", env={"MLX5CTL_PRM_ADB": bad.name})


SKIP = 77


class Skip(Exception):
    """A case that cannot run here; exit 77 when it was the only case."""


def driver_main(cases):
    """The command line every driver script shares: --list, or run cases."""
    global BINARY
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--binary")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if a.list:
        print("\n".join(cases))
        return 0
    if not a.binary:
        ap.error("--binary is required")
    BINARY = a.binary
    failed = skipped = 0
    for name in a.cases or cases:
        try:
            cases[name]()
            print("ok   %s" % name)
        except Skip as e:
            skipped += 1
            print("skip %s: %s" % (name, e))
        except Failure as e:
            failed += 1
            print("FAIL %s\n%s" % (name, e))
    if failed:
        return 1
    return SKIP if skipped and len(a.cases) == skipped else 0


def main():
    return driver_main(CASES)


if __name__ == "__main__":
    sys.exit(main())
