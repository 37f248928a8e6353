#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""End-to-end tests of the emulator's device profiles (the JSON files of
providers/mlx5ctl/emu/profiles/, Documentation/emulator.md "Profiles"):
every shipped profile through the commands an operator runs, and the
values that make each device what it is checked against sources this
project did not write:

  - Linux 6.12 (linux-source-6.12 tarball): the PCI ids of mlx5_core's
    device table with their comments (core/main.c), port_type's values
    (MLX5_CAP_PORT_TYPE_*, mlx5_ifc.h), the ECPF's vport number
    (MLX5_VPORT_ECPF, vport.h);
  - mstflint's register database (register_access_table.adb): PTYS's
    proto_mask and ib_proto_* bits, the ib_link_width bits, PDDR's
    InfiniBand link_active layout;
  - the IBTA's lane rates (SDR 2.5 ... NDR 100 Gb/s), written out here.

Usage: profiles_test.py --list
       profiles_test.py --binary PATH CASE...
"""
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_test as t  # noqa: E402
from cli_test import Skip, check, jrun, run  # noqa: E402

CASES = {}
SRC = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PROFILES = os.path.join(SRC, "providers", "mlx5ctl", "emu", "profiles")
EMU = os.path.join(SRC, "providers", "mlx5ctl", "emu")
TARBALL = "/usr/src/linux-source-6.12.tar.xz"
ADB = "/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb"
KERNEL_FILES = {
    "main.c": "drivers/net/ethernet/mellanox/mlx5/core/main.c",
    "vport.h": "include/linux/mlx5/vport.h",
    "mlx5_ifc.h": "include/linux/mlx5/mlx5_ifc.h",
}
# The product each shipped profile is: Linux's name for it in the PCI
# table's comments, ports, and the protocol its ports run.
PRODUCTS = {
    "connectx7": ("ConnectX-7", 1, "ethernet"),
    "connectx7-ib": ("ConnectX-7", 1, "infiniband"),
    "connectx6dx": ("ConnectX-6 Dx", 2, "ethernet"),
    "bluefield3": ("BlueField-3", 2, "ethernet"),
}
# IBTA lane rates in Gb/s, by speed name; lanes by width name.
IB_LANE_GBPS = {"SDR": 2.5, "DDR": 5, "QDR": 10, "FDR10": 10, "FDR": 14,
                "EDR": 25, "HDR": 50, "NDR": 100}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def shipped():
    """The profiles the source tree ships, from the files themselves."""
    return sorted(f[:-5] for f in os.listdir(PROFILES) if f.endswith(".json"))


def kernel(name):
    """One of KERNEL_FILES, unpacked once next to the build's binaries."""
    cache = os.path.join(os.path.dirname(os.path.dirname(t.BINARY)),
                         "tests", "cli", "linux-" + name)
    if not os.path.exists(cache):
        if not os.path.exists(TARBALL):
            raise Skip("no %s (apt-get install linux-source-6.12)" % TARBALL)
        want = {v: k for k, v in KERNEL_FILES.items()}
        with tarfile.open(TARBALL) as tar:
            for m in tar:
                rel = m.name.split("/", 1)[-1]
                if rel in want:
                    path = os.path.join(os.path.dirname(cache),
                                        "linux-" + want[rel])
                    # Parallel cases unpack at once: each its own
                    # temporary name, the rename is atomic either way.
                    tmp = "%s.%d.tmp" % (path, os.getpid())
                    with open(tmp, "wb") as f:
                        f.write(tar.extractfile(m).read())
                    os.replace(tmp, path)
    with open(cache) as f:
        return f.read()


def adb_field(node, field):
    """The <field> element of NODE in mstflint's ADB, as text."""
    if not os.path.exists(ADB):
        raise Skip("no %s (apt-get install mstflint)" % ADB)
    with open(ADB) as f:
        text = f.read()
    body = re.search(r'<node name="%s".*?</node>' % node, text, re.S)
    check(body, "no node %s in the ADB" % node)
    m = re.search(r'<field name="%s"[^>]*>' % field, body.group(0))
    check(m, "no field %s.%s in the ADB" % (node, field))
    return m.group(0)


def adb_enum(node, field):
    """NAME -> value of the enum attribute of an ADB field."""
    m = re.search(r'enum="([^"]*)"', adb_field(node, field))
    return {k: int(v, 0) for k, v in (e.split("=") for e in m.group(1).split(","))}


def adb_width_bits():
    """'1x' -> bit of ib_link_width_capability, from its description."""
    descr = adb_field("ptys_reg_ext", "ib_link_width_capability")
    return {w: 1 << int(b) for b, w in re.findall(r"Bit (\d+) - (\d+x)", descr)}


def pci_ids():
    """Product name -> PCI device ids, from mlx5_core's device table."""
    ids = {}
    for dev, name in re.findall(
            r"PCI_VDEVICE\(MELLANOX,\s*(0x[0-9a-fA-F]+)\)[^/\n]*/\*\s*([^*]+?)\s*\*/",
            kernel("main.c")):
        ids.setdefault(name, []).append(int(dev, 16))
    return ids


def reg(dev, name, *keys):
    doc, _ = jrun("-d", "emu:" + dev, "reg", "show", name, *keys, dev=False)
    return doc[name]


def info(dev):
    doc, _ = jrun("-d", "emu:" + dev, "info", dev=False)
    return doc


def one_line_error(r, *want):
    check(r.rc == 1 and len(r.err.splitlines()) == 1,
          "not one line on stderr and exit 1", r)
    for w in want:
        check(w in r.err, "the message lacks %r" % w, r)


@case
def every_profile_known():
    """An unknown name lists each file of the profile directory,
    connectx7 first (what "emu:" alone and old snapshots stand for); a
    host of all of them gives each its own names."""
    r = run("-d", "emu:nope", "info", dev=False, rc=1)
    m = re.search(r"\(valid: ([^)]*)\)", r.err)
    check(m, "no list of profiles", r)
    names = m.group(1).split(", ")
    check(names[0] == "connectx7", "connectx7 is not first", r)
    check(sorted(names) == shipped(), "known profiles differ from the files",
          r)
    doc, r = jrun("dev", dev=False,
                  env={"MLX5CTL_EMU_HOST": "+".join(reversed(names))})
    devs = doc["devices"]
    check(len(devs) == len(names), "host devices", r)
    for key in ("ibdev", "pci", "netdev", "fwctl"):
        check(len(set(d[key] for d in devs)) == len(devs),
              "two devices of the host share a %s" % key, r)


@case
def identity_as_linux_knows_it():
    """Each profile's PCI device id is one mlx5_core's table gives the
    product it claims; FW major and MGIR's agree with the version."""
    ids = pci_ids()
    for prof, (product, _, _) in PRODUCTS.items():
        doc = info(prof)
        known = [i for n, v in ids.items() if n.startswith(product) for i in v]
        check(int(doc["device_id"], 16) in known,
              "%s: device id %s is not one of Linux's %s ids %s"
              % (prof, doc["device_id"], product, [hex(i) for i in known]))
        check(int(doc["vendor_id"], 16) == 0x15b3, "%s: not Mellanox" % prof)
        mgir = reg(prof, "MGIR")
        major = int(doc["fw_version"].split(".")[0])
        fw = json.dumps(mgir)
        check(re.search(r'"(fw_)?major"\s*:\s*%d\b' % major, fw),
              "%s: MGIR disagrees with fw_version %s" % (prof,
                                                           doc["fw_version"]))


@case
def port_type_and_ports():
    """General caps say the protocol (Linux's MLX5_CAP_PORT_TYPE_*) and
    the port count each product has; link and health cover every port."""
    ifc = kernel("mlx5_ifc.h")
    types = {m.group(1).lower(): int(m.group(2), 0) for m in re.finditer(
        r"MLX5_CAP_PORT_TYPE_(IB|ETH)\s*=\s*(0x[0-9a-f]+|\d+)", ifc)}
    check(types, "no MLX5_CAP_PORT_TYPE_* in mlx5_ifc.h")
    for prof, (_, nports, proto) in PRODUCTS.items():
        doc, r = jrun("-d", "emu:" + prof, "cap", "show", "general",
                      dev=False)
        gen = doc["general"] if "general" in doc else doc
        flat = json.dumps(gen)
        want = types["ib" if proto == "infiniband" else "eth"]
        check(re.search(r'"port_type"\s*:\s*("%s"|%d)[,}]' % (
            "ib" if want == 0 else "eth", want), flat),
              "%s: port_type is not %d" % (prof, want), r)
        check(re.search(r'"num_ports"\s*:\s*%d\b' % nports, flat),
              "%s: num_ports is not %d" % (prof, nports), r)
        link, r = jrun("-d", "emu:" + prof, "link", dev=False)
        check([p["port"] for p in link["ports"]] ==
              list(range(1, nports + 1)), "%s: link ports" % prof, r)
        r = run("-d", "emu:" + prof, "health", dev=False)
        check(r.out.startswith("MLX5CTL OK - %d of %d ports up"
                               % (nports, nports)), "%s: health" % prof, r)


@case
def ib_ptys_is_ndr_4x():
    """PTYS of the IB port: the InfiniBand page (the ADB's proto_mask),
    NDR (the ADB's ib_proto bit) on 4x (its width bit), at the IBTA's
    4 x 100 Gb/s; no Ethernet mode, and the Ethernet page refused."""
    mask = adb_enum("ptys_reg_ext", "proto_mask")
    speeds = adb_enum("ptys_reg_ext", "ib_proto_capability")
    widths = adb_width_bits()
    p = reg("connectx7-ib", "PTYS", "local_port", "1")
    check(p["proto_mask"] in ("infiniband", mask["InfiniBand"]),
          "proto_mask %r" % p["proto_mask"])
    check(int(p["ib_proto_oper"], 16) == speeds["NDR"],
          "ib_proto_oper %s is not the ADB's NDR" % p["ib_proto_oper"])
    check(int(p["ib_link_width_oper"], 16) == widths["4x"],
          "ib_link_width_oper %s is not the ADB's 4x"
          % p["ib_link_width_oper"])
    check(int(p["ib_proto_capability"], 16) & speeds["NDR"], "no NDR cap")
    check(p["data_rate_oper"] == 4 * IB_LANE_GBPS["NDR"] * 10,
          "data_rate_oper %s is not 4 x 100 Gb/s" % p["data_rate_oper"])
    for f in ("ext_eth_proto_oper", "eth_proto_oper",
              "ext_eth_proto_capability"):
        check(int(p[f], 16) == 0, "%s set on an IB port" % f)
    r = run("-d", "emu:connectx7-ib", "reg", "show", "PTYS", "local_port",
            "1", "proto_mask", "ethernet", dev=False, rc=None)
    check(r.rc != 0 and "bad parameter" in r.err,
          "the Ethernet page of an IB port answered", r)


@case
def ib_ptys_admin_write():
    """A narrower admin (HDR only, 2x) is what the link then runs: the
    rate follows the IBTA's lanes; a speed the port lacks is refused."""
    speeds = adb_enum("ptys_reg_ext", "ib_proto_capability")
    widths = adb_width_bits()
    with tempfile.TemporaryDirectory() as d:
        dev = "emu:connectx7-ib,state=%s" % os.path.join(d, "st")
        run("-d", dev, "-s", "debug-write-full", "-y", "reg", "set", "PTYS",
            "local_port", "1", "proto_mask", "infiniband",
            "ib_proto_admin=%#x" % speeds["HDR"],
            "ib_link_width_admin=%#x" % widths["2x"], dev=False)
        doc, r = jrun("-d", dev, "reg", "show", "PTYS", "local_port", "1",
                      dev=False)
        p = doc["PTYS"]
        check(int(p["ib_proto_oper"], 16) == speeds["HDR"] and
              int(p["ib_link_width_oper"], 16) == widths["2x"] and
              p["data_rate_oper"] == 2 * IB_LANE_GBPS["HDR"] * 10,
              "admin not applied", r)
        r = run("-d", dev, "-s", "debug-write-full", "-y", "reg", "set",
                "PTYS", "local_port", "1", "proto_mask", "infiniband",
                "ib_proto_admin=%#x" % speeds["DDR"], dev=False, rc=None)
        check(r.rc != 0, "DDR (not in the capability) accepted", r)


@case
def ib_link_and_pddr():
    """link names the IB speed and its lanes; PDDR's link_active has the
    ADB's IB layout (speed in the low, width in the high 16 bits)."""
    speeds = adb_enum("ptys_reg_ext", "ib_proto_capability")
    widths = adb_width_bits()
    check("link_speed_active" in adb_field("pddr_link_active_ib_ext",
                                           "link_speed_active"), "ADB")
    doc, r = jrun("-d", "emu:connectx7-ib", "link", dev=False)
    port = doc["ports"][0]
    check(doc["verdict"] == "OK" and port["link_mode"] == "NDR" and
          port["mode_lanes"] == 4 and port["speed_gbps"] == 400,
          "link on IB", r)
    pddr = reg("connectx7-ib", "PDDR", "local_port", "1", "page_select",
               "operational_info")
    flat = json.dumps(pddr)
    m = re.search(r'"link_active"\s*:\s*"(0x[0-9a-f]+)"', flat)
    check(m and int(m.group(1), 16) == widths["4x"] << 16 | speeds["NDR"],
          "PDDR link_active %s" % (m.group(1) if m else None))
    check(re.search(r'"proto_active"\s*:\s*1\b', flat), "proto_active")
    r, _ = link_states()
    check(r, "states")


def link_states():
    """The IB port's other states: errors degrade, down is down."""
    r = run("-d", "emu:connectx7-ib,port1=errors", "link", dev=False, rc=3)
    check("symbol_error_counter" in r.out and "port_rcv_errors" in r.out,
          "IB error counters not shown", r)
    r = run("-d", "emu:connectx7-ib,port1=down", "link", dev=False, rc=4)
    return r, None


@case
def ib_health_and_counters():
    """health on IB: OK, then the IBTA PortCounters errors; the vport
    counts InfiniBand traffic and no Ethernet; PPCNT serves the IB port
    group and refuses the Ethernet ones."""
    r = run("-d", "emu:connectx7-ib", "health", dev=False)
    check(r.out.startswith("MLX5CTL OK") and "400 Gb/s" in r.out, "health", r)
    r = run("-d", "emu:connectx7-ib,port1=errors", "health", dev=False, rc=1)
    check("symbol_error_counter=" in r.out and "port_rcv_errors=" in r.out,
          "IB errors not reported", r)
    doc, r = jrun("-d", "emu:connectx7-ib", "counters", dev=False)
    c = doc["counters"]
    check(c["received_ib_unicast_packets"] > 0 and
          c["received_eth_unicast_packets"] == 0, "vport counters", r)
    # NDR moves more than 2^32 words a day: the 32-bit PortXmitData stops
    # at its maximum, the extended group's 64 bits hold the count.
    ib = json.dumps(reg("connectx7-ib", "PPCNT", "local_port", "1", "grp",
                        "ib_port"))
    check(re.search(r'"port_xmit_data"\s*:\s*(4294967295|"0xffffffff")', ib),
          "PortXmitData does not stop at 2^32 - 1: %s" % ib)
    ext = json.dumps(reg("connectx7-ib", "PPCNT", "local_port", "1", "grp",
                         "ib_ext_port"))
    m = re.search(r'"port_xmit_data(?:_high)?"\s*:\s*(\d+)', ext)
    check(m and int(m.group(1)) > 0, "extended PortXmitData: %s" % ext)
    r = run("-d", "emu:connectx7-ib", "reg", "show", "PPCNT", "local_port",
            "1", "grp", "ieee_802_3", dev=False, rc=None)
    check(r.rc != 0, "an Ethernet group on an IB port", r)


@case
def two_ports_addressed():
    """port N reaches both ports of the two-port profiles, at the
    product's speed (100GbE, 200GbE); a third port is a usage error."""
    for prof, gbps in (("connectx6dx", 100), ("bluefield3", 200)):
        for port in (1, 2):
            doc, r = jrun("-d", "emu:" + prof, "link", "port", str(port),
                          dev=False)
            p = doc["ports"]
            check(len(p) == 1 and p[0]["port"] == port and
                  p[0]["speed_gbps"] == gbps, "%s port %d" % (prof, port), r)
            ptys = reg(prof, "PTYS", "local_port", str(port))
            check(ptys["local_port"] == port and
                  ptys["data_rate_oper"] == gbps * 10, "PTYS", ptys)
        bus = int(info(prof)["pci"].split(":")[1], 16)
        mpir = reg(prof, "MPIR")
        check(int(str(mpir["bus"]), 0) == bus, "MPIR bus is not the PCI's",
              mpir)
        r = run("-d", "emu:" + prof, "link", "port", "3", dev=False, rc=2)
        check("no port 3" in r.err, "port 3", r)
        r = run("-d", "emu:%s,port2=down" % prof, "health", dev=False, rc=2)
        check("port 2 down" in r.out, "port 2 down not seen", r)


@case
def bluefield3_is_the_ecpf():
    """The DPU's Arm function manages the e-switch: eswitch_manager and
    the manager's vport number Linux reserves for the ECPF."""
    ecpf = re.search(r"MLX5_VPORT_ECPF\s*=\s*(0x[0-9a-f]+)", kernel("vport.h"))
    check(ecpf, "no MLX5_VPORT_ECPF in vport.h")
    doc, r = jrun("-d", "emu:bluefield3", "cap", "show", "general",
                  "eswitch", dev=False)
    flat = json.dumps(doc)
    check(re.search(r'"eswitch_manager"\s*:\s*1\b', flat), "manager", r)
    m = re.search(r'"esw_manager_vport_number"\s*:\s*"(0x[0-9a-f]+)"', flat)
    check(m and int(m.group(1), 16) == int(ecpf.group(1), 16),
          "vport number is not MLX5_VPORT_ECPF", r)
    r = run("-d", "emu:connectx7", "cap", "show", "eswitch", dev=False,
            rc=None)
    check(r.rc != 0, "connectx7 reports an e-switch page", r)


@case
def every_profile_every_command():
    """The commands an operator runs, on each shipped profile and port."""
    for prof in shipped():
        ports = PRODUCTS.get(prof, ("", 1, ""))[1]
        dev = "emu:" + prof
        for args in (["info"], ["cap", "show"], ["health"], ["link"],
                     ["counters"]):
            jrun("-d", dev, *args, dev=False)
        for port in range(1, ports + 1):
            lp = ["local_port", str(port)]
            for name, keys in (("PTYS", []), ("PAOS", []),
                               ("PDDR", ["page_select", "operational_info"]),
                               ("PPCNT", ["grp", "phys_layer"])):
                reg(prof, name, *lp, *keys)


@case
def file_profile_is_the_builtin():
    """emu:@FILE reads a profile file as the built-in of that name: a
    shipped file gives the same answers; a snapshot of an IB device
    replays link."""
    for prof in ("connectx7-ib", "bluefield3"):
        path = os.path.join(PROFILES, prof + ".json")
        for args in (["link"], ["reg", "show", "PTYS", "local_port", "1"]):
            a = run("-d", "emu:" + prof, *args, dev=False).out
            b = run("-d", "emu:@" + path, *args, dev=False).out
            check(a.replace("emu:@" + path, "") ==
                  b.replace("emu:@" + path, "").replace("emu:" + prof, "")
                  or a.split("\n", 1)[-1] == b.split("\n", 1)[-1],
                  "%s differs from its file" % prof)
    with tempfile.TemporaryDirectory() as d:
        snap = os.path.join(d, "ib.json")
        run("-d", "emu:connectx7-ib", "snapshot", "-o", snap, dev=False)
        a = run("-d", "emu:connectx7-ib", "link", dev=False).out
        b = run("-d", "emu:@" + snap, "link", dev=False).out
        check("NDR" in b and a.splitlines()[1:3] == b.splitlines()[1:3],
              "the replayed IB link differs:\n%s\n%s" % (a, b))


@case
def profile_dir_override():
    """MLX5CTL_EMU_PROFILES names the directory the built-ins come from."""
    with tempfile.TemporaryDirectory() as d:
        for f in os.listdir(PROFILES):
            shutil.copy(os.path.join(PROFILES, f), d)
        path = os.path.join(d, "connectx6dx.json")
        with open(path) as f:
            doc = json.load(f)
        doc["profile"]["psid"] = "MT_OVERRIDE"
        with open(path, "w") as f:
            json.dump(doc, f)
        r = run("-d", "emu:connectx6dx", "info", dev=False,
                env={"MLX5CTL_EMU_PROFILES": d})
        check("MT_OVERRIDE" in r.out, "the override was not read", r)
        r = run("-d", "emu:connectx6dx", "info", dev=False,
                env={"MLX5CTL_EMU_PROFILES": os.path.join(d, "none")},
                rc=None)
        one_line_error(r, "cannot open profile", "connectx6dx.json")


def doc(profile, version=2):
    return {"schema": {"name": "mlx5ctl-snapshot", "version": version},
            "profile": profile}


@case
def bad_profiles_one_line():
    """A bad profile is refused with one line naming what is wrong."""
    with open(os.path.join(PROFILES, "connectx7.json")) as f:
        full = json.load(f)["profile"]
    nodev = {k: v for k, v in full.items() if k != "device"}
    cases = [
        (doc({"base": "connectx7"}, version=3),
         "schema: not a version 1 or 2 mlx5ctl snapshot"),
        (doc({"base": "connectx7"}, version=1),
         "profile: needs schema version 2"),
        (doc({"base": "connectx9"}), "profile.base: not a built-in profile"),
        (doc(nodev), "profile.device: missing"),
        (doc({"base": "connectx7", "ports": 5}), "ports: not an array"),
        (doc({"base": "connectx7", "ports": []}),
         "ports: a device has at least one port"),
        (doc({"base": "connectx7", "ports": [{"local_port": 1}]}),
         "ports[0].proto: missing"),
        (doc({"base": "connectx7", "psid": 7}), "profile.psid: not a string"),
        (doc({"base": "connectx7", "hw_rev": 70000}),
         "profile.hw_rev: not a number from 0 to 65535"),
        (doc({"base": "connectx7", "colour": "red"}),
         "profile.colour: unknown key"),
        (doc({"base": "connectx7", "caps": {"general": {"log_max_qqp": 3}}}),
         "caps.general.log_max_qqp: unknown field"),
        (doc({"base": "connectx7", "caps": {"general": {"num_ports": 256}}}),
         "caps.general.num_ports: not a value"),
        (doc({"base": "connectx7", "caps": {"warp": {}}}),
         "caps.warp: not a capability page"),
        (doc({"base": "connectx7", "registers": ["PTYS", "XYZZY"]}),
         "registers[1]: not a register the emulator serves"),
        (doc({"base": "connectx7", "objects": {"FOO": [1]}}),
         "objects.FOO: no QUERY command of that name"),
        (doc({"base": "connectx7", "counters": {"ppcnt": {"0x7f": {}}}}),
         "counters.ppcnt.0x7f: not a counter group"),
        (doc({"base": "connectx7", "counters": {"vport": {
            "received_eth_unicast.packets": {"step": -1}}}}),
         "counters.vport.received_eth_unicast.packets: keys are base"),
        (doc({"base": "connectx7", "device": {"fw_version": "28.x"}}),
         "device.fw_version: not MAJOR.MINOR.SUBMINOR"),
    ]
    with tempfile.TemporaryDirectory() as d:
        for i, (text, want) in enumerate(cases):
            path = os.path.join(d, "p%d.json" % i)
            with open(path, "w") as f:
                json.dump(text, f)
            r = run("-d", "emu:@" + path, "info", dev=False, rc=None)
            one_line_error(r, want, path)


@case
def bases_do_not_loop():
    """Two built-ins that name each other as base end in one message; a
    built-in file naming another profile is refused."""
    with tempfile.TemporaryDirectory() as d:
        for a, b in (("connectx7", "connectx6dx"), ("connectx6dx",
                                                    "connectx7")):
            with open(os.path.join(d, a + ".json"), "w") as f:
                json.dump(doc({"base": b}), f)
        r = run("-d", "emu:connectx7", "info", dev=False, rc=None,
                env={"MLX5CTL_EMU_PROFILES": d})
        one_line_error(r, "bases nested too deep")
        # A built-in is the profile its file is named after.
        with open(os.path.join(PROFILES, "connectx7.json")) as f:
            full = json.load(f)
        full["profile"]["device"]["profile"] = "connectx6dx"
        with open(os.path.join(d, "connectx7.json"), "w") as f:
            json.dump(full, f)
        r = run("-d", "emu:connectx7", "info", dev=False, rc=None,
                env={"MLX5CTL_EMU_PROFILES": d})
        one_line_error(r, "device.profile: not the file's name")


def c_code(path):
    """PATH's C without comments and string-free, for a literal search."""
    with open(path) as f:
        text = f.read()
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def json_values(node, out):
    """Every scalar under NODE: numbers (C syntax strings too), strings."""
    if isinstance(node, dict):
        for v in node.values():
            json_values(v, out)
    elif isinstance(node, list):
        for v in node:
            json_values(v, out)
    elif isinstance(node, str):
        try:
            out.add(int(node, 0))
        except ValueError:
            out.add(node)
    elif isinstance(node, int) and not isinstance(node, bool):
        out.add(node)


def significant(v):
    while v and v % 10 == 0:
        v //= 10
    return v


def device_values(profile):
    """What makes a profile one device: identity, inventory (module,
    ports' link modes, object numbers and contexts) and counter bases
    and steps; capability values, often protocol constants (4096, 0xffff)
    that handlers rightly use, are left out."""
    values = set()
    for key in ("device", "psid", "hw_dev_id", "ieee_vendor_id", "module",
                "ports", "counters"):
        json_values(profile.get(key), values)
    for objs in profile.get("objects", {}).values():
        values.update(int(n, 0) for n in objs)
        json_values(objs, values)
    # Distinctive numbers only: not 2^n nor 2^n - 1 (sizes, masks), and
    # three significant digits or more (1000 ms a read is a unit).
    nums = {v for v in values if isinstance(v, int) and v >= 0x100 and
            v & (v + 1) and v & (v - 1) and significant(v) >= 100}
    strs = {v for v in values if isinstance(v, str) and len(v) >= 4 and
            not v.startswith("0x")}
    return nums, strs


@case
def handlers_hold_no_device_values():
    """No value that makes a shipped profile the device it is (ids,
    versions, link-mode masks, object numbers, counter bases and steps,
    module and identity strings) is written in the emulator's command
    and register handlers: the profiles are the one source of them."""
    nums, strs = set(), set()
    for prof in shipped():
        with open(os.path.join(PROFILES, prof + ".json")) as f:
            n, s = device_values(json.load(f)["profile"])
        nums |= n
        strs |= s
    check(len(nums) > 50 and len(strs) > 10,
          "too few values read from the profiles")
    handlers = [f for f in os.listdir(EMU) if re.match(
        r"emu_(fw|reg)[a-z_]*\.c$", f)]
    check(len(handlers) >= 8, "no handler files found")
    found = []
    for f in handlers:
        code = c_code(os.path.join(EMU, f))
        for m in re.finditer(r"\b(0x[0-9a-fA-F]+|\d+)(?:ull|ul|u)?\b", code):
            if int(m.group(1), 0) in nums:
                found.append("%s: %s" % (f, m.group(0)))
        found += ["%s: \"%s\"" % (f, s) for s in strs if '"%s"' % s in code]
    check(not found, "device values in handlers:\n  " + "\n  ".join(found))


def main():
    return t.driver_main(CASES)


if __name__ == "__main__":
    sys.exit(main())
