#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""End-to-end tests of the operator diagnostics against emu:connectx7:
register decodes checked against what the emulator was given, reg set
round trips and refusals, obj, counters (also Prometheus), and health at
each verdict through the emulator's degraded states.

Usage: cli_diag_test.py --list
       cli_diag_test.py --binary PATH CASE...

Runs the binary like cli_test.py does, $MLX5CTL_TEST_WRAPPER included.
"""
import json
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_test as t  # noqa: E402
from cli_test import check, fields, jrun, num, run  # noqa: E402

CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def dev(*opts):
    return ",".join(("emu:connectx7",) + opts)


def with_dev(spec, *args, **kw):
    return run("-d", spec, *args, dev=False, **kw)


def jwith_dev(spec, *args, **kw):
    return jrun("-d", spec, *args, dev=False, **kw)


# -- registers ---------------------------------------------------------------

@case
def reg_ppcnt_groups():
    # grp 0 at the first read: the emulator's base plus one step.
    r = run("reg", "show", "PPCNT", "local_port", "1", "grp", "0")
    f = fields(r.out)
    check(f.get("grp") == "ieee_802_3", "grp not named", r)
    check(num(f.get("a_frames_transmitted_ok", "-1")) == 9124500,
          "frames transmitted", r)
    check(num(f.get("a_frame_check_sequence_errors", "-1")) == 0,
          "FCS errors on a healthy port", r)
    for grp, field in (("rfc_2863", "if_in_ucast_pkts"),
                       ("rfc_2819", "ether_stats_pkts"),
                       ("rfc_3635", "dot3in_pause_frames"),
                       ("eth_extended", "port_transmit_wait"),
                       ("eth_discard", "ingress_general"),
                       ("per_prio", "rx_frames"),
                       ("per_tc", "transmit_queue"),
                       ("phys_layer", "rs_fec_corrected_blocks"),
                       ("phys_layer_statistical", "phy_received_bits")):
        doc, r = jrun("reg", "show", "PPCNT", "local_port", "1", "grp", grp)
        cs = doc["PPCNT"]["counter_set"]
        check(field in cs, "PPCNT %s: no %s" % (grp, field), r)
    # Counters advance with the link's errors when the spec asks.
    doc, r = jwith_dev(dev("port1=errors"), "reg", "show", "PPCNT",
                       "local_port", "1", "grp", "phys_layer")
    check(num(doc["PPCNT"]["counter_set"]["symbol_errors"]) == 3,
          "symbol errors of a port with errors", r)
    run("reg", "show", "PPCNT", "local_port", "1", "grp", "nosuchgroup",
        rc=2)
    r = run("reg", "show", "PPCNT", "local_port", "1", "grp", "0x3f", rc=1)
    check("0x3e6d0015" in r.err, "unknown group syndrome", r)


@case
def reg_pddr_pages():
    r = run("reg", "show", "PDDR", "local_port", "1", "page_select", "0")
    f = fields(r.out)
    check(f.get("phy_mngr_fsm_state") == "active_or_linkup",
          "operational page of an up port", r)
    r = with_dev(dev("port1=down:remote-fault"), "reg", "show", "PDDR",
                 "local_port", "1", "page_select", "troubleshooting_info")
    check(re.search(r"^\s+monitor_opcode\s+14$", r.out, re.M) and
          re.search(r"^monitor_message\s+Remote fault received$", r.out,
                    re.M), "troubleshooting message", r)
    doc, r = jrun("reg", "show", "PDDR", "local_port", "1", "page_select",
                  "module_info")
    page = doc["PDDR"]["page_data"]
    check(page["cable_type"] == "optical_module", "cable type", r)
    check(num(page["temperature"]) == 45 * 256 and
          page["temperature_celsius"] == 45.0, "module temperature", r)


@case
def reg_mcia_module():
    r = run("reg", "show", "MCIA", "module", "0", "i2c_device_address",
            "0x50", "size", "16")
    check(re.search(r"^module_identifier\s+0x19 \(OSFP\)$", r.out, re.M),
          "module identifier not decoded", r)
    doc, r = jrun("reg", "show", "MCIA", "module", "0",
                  "i2c_device_address", "0x50", "device_address", "129",
                  "size", "16")
    check("module_type" not in doc["MCIA"], "type named off byte 0", r)
    r = with_dev(dev("port1=down"), "reg", "show", "MCIA", "module", "0",
                 "i2c_device_address", "0x50", "size", "1")
    check(fields(r.out)["status"] == "no_eeprom_module",
          "unplugged module status", r)


@case
def reg_identity_and_state():
    f = fields(run("reg", "show", "MGIR").out)
    check(num(f.get("extended_minor", "-1")) == 39 and
          num(f.get("extended_sub_minor", "-1")) == 1002, "MGIR version")
    check(f.get("psid") == "MT_0000000834", "MGIR psid")
    f = fields(run("reg", "show", "PMLP", "local_port", "1").out)
    check(f.get("width") == "x4", "PMLP width")
    f = fields(run("reg", "show", "PMAOS", "module", "0").out)
    check(f.get("oper_status") == "plugged_enabled", "PMAOS oper_status")
    f = fields(run("reg", "show", "MPEIN").out)
    # Widths are codes (mstflint's ADB: 0 x1 ... 4 x16).
    check(f.get("link_width_active") == "x16", "MPEIN width")
    r = run("reg", "show", "MTMP", "sensor_index", "64")
    m = re.search(r"^temperature\s+(\d+)", r.out, re.M)
    check(m and int(m.group(1)) == 45 * 8, "module sensor", r)
    r = with_dev(dev("module_temp=85"), "reg", "show", "MTMP",
                 "sensor_index", "64")
    m = re.search(r"^temperature\s+(\d+)", r.out, re.M)
    check(m and int(m.group(1)) == 85 * 8, "module_temp knob", r)


# Every register the emulated device has: keys, a field, the value the
# emulator was given (None: present, any value).
EMULATED = {
    "PCAP": (("local_port", "1"), "local_port", 1),
    "PMLP": (("local_port", "1"), "width", "x4"),
    "PMTU": (("local_port", "1"), "max_mtu", 9216),
    "PTYS": (("local_port", "1"), "data_rate_oper", 4000),
    "PAOS": (("local_port", "1"), "oper_status", "up"),
    "PFCC": (("local_port", "1"), "pptx", 1),
    "PPCNT": (("local_port", "1", "grp", "0"),
              "a_frames_received_ok", 11340000 + 5200),
    "PPTB": (("local_port", "1"), "pm", 0xff),
    "PBMC": (("local_port", "1"), "port_buffer_size", 2048),
    "PMAOS": (("module", "0"), "oper_status", "plugged_enabled"),
    "PPLM": (("local_port", "1"), "fec_mode_active", 0x80),
    "SLRG": (("local_port", "1", "lane", "2"), "grade", 4200 + 2 * 17),
    "PDDR": (("local_port", "1", "page_select", "1"), "monitor_opcode", 0),
    "PCMR": (("local_port", "1"), "fcs_chk", 1),
    "PCAM": ((), "ppcnt_statistical_group", 1),
    "MTCAP": ((), "sensor_count", 2),
    "MTMP": (("sensor_index", "1"), "temperature", 332),
    "MCIA": (("module", "0", "i2c_device_address", "0x50", "size", "1"),
             "module_type", "OSFP"),
    "MGIR": ((), "extended_major", 28),
    "MFRL": ((), "reset_level", 0x9),
    "MTRC_CAP": ((), "num_string_trace", 255),
    "MPEIN": ((), "link_speed_active", 0x20),
    "MPCNT": ((), "grp", None),
    "MPIR": ((), "bus", 8),
    "MCQS": ((), "identifier", "boot_img"),
    "MCAM": ((), "mcia_32dwords", 1),
}


def find_key(doc, key):
    """KEY anywhere in a decoded register (pages and sets nest)."""
    if isinstance(doc, dict):
        if key in doc:
            return doc[key]
        for v in doc.values():
            found = find_key(v, key)
            if found is not None:
                return found
    return None


def jreg(spec, name, *keys):
    doc, _ = jwith_dev(spec, "reg", "show", name, *keys)
    return doc[name]


@case
def decode_rules():
    """The decoding rules of the man page, on the registers they name."""
    f = fields(run("reg", "show", "PPLM", "local_port", "1").out)
    # Linux reads fec_mode_active as a bit set (en_ethtool.c): every FEC
    # mask of PPLM in hex with its names, none as a bare number.
    check(f["fec_mode_active"] == "0x80 (rs_544_514)", "PPLM FEC mask")
    for k, v in f.items():
        if re.match(r"fec_override_(cap|admin)_\d+g_\dx$", k):
            check(v.startswith("0x"), "%s = %s: a mask not in hex" % (k, v))
    doc, r = jrun("reg", "show", "PDDR", "local_port", "1", "page_select",
                  "troubleshooting_info")
    check(json.dumps(doc).count('"monitor_opcode"') == 1,
          "PDDR monitor opcode printed twice", r)
    check(find_key(doc, "monitor_message") == "No issue observed",
          "the opcode's message", r)
    check("error_type" not in jreg(t.DEV, "PMAOS", "module", "0"),
          "PMAOS error_type shown for a module without error")
    r = run("reg", "show", "MCIA", "module", "0", "i2c_device_address",
            "0x50", "size", "16")
    check(re.search(r"^status\s+good$", r.out, re.M) and
          re.search(r"^\s+0000: 19 50 ", r.out, re.M),
          "MCIA status and bytes", r)
    check(jreg(t.DEV, "MTMP", "sensor_index", "1")["sensor_name"] == "board",
          "MTMP name halves not joined")
    cs = jreg(t.DEV, "PPCNT", "local_port", "1", "grp", "ieee_802_3")
    check(not any(k.endswith(("_high", "_low")) for k in cs["counter_set"]),
          "reg show keeps counter halves")
    ptys = jreg(t.DEV, "PTYS", "local_port", "1", "proto_mask", "ethernet")
    check(ptys["data_rate_oper_gbps"] == ptys["data_rate_oper"] / 10,
          "PTYS rate unit")
    f = fields(run("reg", "show", "MPEIN").out)
    check(f["link_speed_active"] == "0x20 (gen5_32gts)" and
          f["link_width_active"] == "x16", "MPEIN speed and width")
    phys = jreg(t.DEV, "PPCNT", "local_port", "1", "grp",
                "phys_layer")["counter_set"]
    check(phys["time_since_last_clear_seconds"] ==
          phys["time_since_last_clear"] / 1000, "ms not converted")
    check(fields(run("obj", "show", "QP", "0x1c8").out).get("mtu") ==
          "ib_mtu_1024", "QP mtu not named")


# Degraded states whose registers must tell one story.
AGREE_SPECS = ("", "port1=down", "port1=down:module-temp", "port1=errors",
               "module_temp=75", "port1=down:cable-unplugged")


@case
def emulator_registers_agree():
    """PAOS, PTYS, PPLM, PDDR, PPCNT, MTMP and health on the same link."""
    for opt in AGREE_SPECS:
        spec = dev(opt) if opt else t.DEV
        paos = jreg(spec, "PAOS", "local_port", "1")
        ptys = jreg(spec, "PTYS", "local_port", "1", "proto_mask", "ethernet")
        pplm = fields(with_dev(spec, "reg", "show", "PPLM", "local_port",
                               "1").out)
        op = jreg(spec, "PDDR", "local_port", "1", "page_select",
                  "operational_info")["page_data"]
        mod = jreg(spec, "PDDR", "local_port", "1", "page_select",
                   "module_info")["page_data"]
        phys = jreg(spec, "PPCNT", "local_port", "1", "grp",
                    "phys_layer")["counter_set"]
        mtmp = jreg(spec, "MTMP", "sensor_index", "64")
        hdoc, _ = jwith_dev(spec, "health", rc=None)
        port = hdoc["ports"][0]
        up = paos["oper_status"] == "up"
        what = "%s: " % spec
        check(up == (ptys["data_rate_oper"] > 0) ==
              (op["phy_mngr_fsm_state"] == "active_or_linkup") ==
              (int(op["link_active"], 16) != 0) ==
              (pplm["fec_mode_active"] != "0x0") ==
              (port["oper_status"] == "up"), what + "up or down?")
        check(int(op["link_active"], 16) == int(ptys["ext_eth_proto_oper"], 16),
              what + "PDDR link_active is not PTYS's mode")
        if up:
            # PDDR names mode N, PPLM sets bit N: the same FEC.
            check(pplm["fec_mode_active"].endswith("(%s)" %
                                                   op["fec_mode_active"]),
                  what + "PDDR FEC %s, PPLM %s" % (op["fec_mode_active"],
                                                   pplm["fec_mode_active"]))
            check(phys["rs_fec_no_errors_blocks"] > 0,
                  what + "RS-FEC active and no RS-FEC blocks")
            check(port["speed_gbps"] == ptys["data_rate_oper_gbps"],
                  what + "health and PTYS speeds")
        else:
            check(op["fec_mode_active"] == "no_fec", what + "FEC while down")
        if not port["module"]["present"]:
            # Unplugged (the default reason of a port down): PDDR agrees.
            check(mod["cable_type"] == "cable_unplugged" and
                  mtmp["temperature_celsius"] == 0, what + "module absent")
            continue
        check(mtmp["temperature_celsius"] == mod["temperature_celsius"] ==
              port["module"]["temperature_celsius"],
              what + "module temperatures: MTMP %s, PDDR %s, health %s" % (
                  mtmp["temperature_celsius"], mod["temperature_celsius"],
                  port["module"]["temperature_celsius"]))
        if "module-temp" in opt:
            check(mtmp["temperature_celsius"] >=
                  mtmp["temp_threshold_hi_celsius"],
                  what + "a module-temperature shutdown below critical")


@case
def reg_every_register():
    doc, r = jrun("reg", "list", dev=False)
    # The built-in ones: those from mstflint's ADB (cli_test's
    # reg_show_adb_only) would each read the ADB, seconds under valgrind.
    names = [x["name"] for x in doc["registers"] if x["source"] == "builtin"]
    check(len(names) >= 30, "fewer than 30 registers known", r)
    for name in names:
        if name not in EMULATED:
            # Decoded or not, a register the device lacks is refused
            # by firmware with the emulator's "no such register".
            r = run("reg", "show", name, rc=None)
            check(r.rc in (0, 1, 2), "%s: rc %d" % (name, r.rc), r)
            if r.rc == 1 and name == "RESOURCE_DUMP":
                # All zero names mkey 0 as the dump's memory: no one's.
                check("refuses a dump to memory that is not registered by "
                      "this handle (mkey 0x0)" in r.err,
                      "RESOURCE_DUMP: not the kernel's refusal", r)
            elif r.rc == 1:
                check('status 0x3 "bad parameter"' in r.err,
                      "%s: not a firmware refusal" % name, r)
            continue
        keys, field, want = EMULATED[name]
        doc, r = jrun("reg", "show", name, *keys)
        got = find_key(doc[name], field)
        check(got is not None, "%s: no %s" % (name, field), r)
        if want is None:
            continue
        if isinstance(want, int) and isinstance(got, str) and \
                got.startswith("0x"):
            got = int(got, 16)
        check(got == want, "%s.%s = %r, emulator gave %r" %
              (name, field, got, want), r)
    check(len(EMULATED) >= 26, "emulated registers")


@case
def reg_set_round_trip():
    r = run("reg", "set", "PAOS", "local_port", "1", "admin_status=down",
            rc=1)
    check("PAOS writes need -s debug-write-full" in r.err,
          "refusal does not name the scope", r)
    r = run("-s", "debug-write", "reg", "set", "PAOS", "local_port", "1",
            "admin_status=down", rc=1)
    check("debug-write-full" in r.err, "debug-write is not enough", r)
    r = run("reg", "set", "PAOS", "local_port", "1", "admin_status=3000",
            rc=2)
    r = run("reg", "set", "PAOS", "local_port", "1", "oper_stat=1", rc=2)
    if os.geteuid() != 0:
        print("skip: debug-write-full needs CAP_SYS_RAWIO")
        return
    with tempfile.TemporaryDirectory() as d:
        spec = dev("state=%s" % os.path.join(d, "cx7.state"))
        r = with_dev(spec, "-s", "debug-write-full", "reg", "set", "PAOS",
                     "local_port", "1", "admin_status=down")
        f = fields(r.out)
        check(f.get("admin_status") == "down" and
              f.get("oper_status") == "down", "write answered", r)
        f = fields(with_dev(spec, "reg", "show", "PAOS", "local_port",
                            "1").out)
        check(f.get("admin_status") == "down", "state not kept")
        r = with_dev(spec, "health", rc=1)
        check("disabled by admin" in r.out, "health of a disabled port", r)
        with_dev(spec, "-s", "debug-write-full", "reg", "set", "PAOS",
                 "local_port", "1", "admin_status=up")
        with_dev(spec, "health", rc=0)

    # What the state file cannot hold is refused at open, never lost.
    with tempfile.TemporaryDirectory() as d:
        missing = os.path.join(d, "no", "cx7.state")
        r = with_dev(dev("state=" + missing), "info", rc=1)
        check("state file %s: No such file or directory" % missing in r.err,
              "a state file in a missing directory accepted", r)
        bad = os.path.join(d, "cx7.state")
        with open(bad, "w") as f:
            f.write("counter_reads 1\nppcnt_cleared 0 0x12 999\n")
        r = with_dev(dev("state=" + bad), "info", rc=1)
        check("is after counter_reads 1" in r.err,
              "a clear after the last read accepted", r)
        # A value wider than what holds it would come back cut: refused.
        for line in ("port 0 300 1 1522 1522 0 0 0 0 0",
                     "port 0 1 1 1522 1522 0 0 2 0 0",
                     "module 40000 0", "sensor_max 0 -32769"):
            with open(bad, "w") as f:
                f.write(line + "\n")
            r = with_dev(dev("state=" + bad), "info", rc=1)
            check("%s:1: not a state line" % bad in r.err,
                  "%r accepted" % line, r)
        # The read count stops at its top: wrapped to 0, the clear would
        # lie after the last read and the file would not load again.
        with open(bad, "w") as f:
            f.write("ppcnt_cleared 0 0x12 9\n"
                    "counter_reads %d\n" % (2 ** 64 - 1))
        with_dev(dev("state=" + bad), "counters", "port")
        with_dev(dev("state=" + bad), "counters", "port")
        check("counter_reads %d" % (2 ** 64 - 1) in open(bad).read(),
              "the read count moved past its top")


# -- capabilities ------------------------------------------------------------

REPORTED = ("general", "ethernet", "odp", "atomic", "roce", "flow_table",
            "qos", "debug", "device_memory", "device_events", "general_2")


@case
def cap_every_reported_type():
    doc, r = jrun("cap", "list", dev=False)
    names = [x["name"] for x in doc["types"]]
    for name in names:
        for mode in ([], ["--max"]):
            if name not in REPORTED:
                r = run("cap", "show", name, *mode, rc=1)
                check('status 0x3 "bad parameter"' in r.err,
                      "%s: refusal" % name, r)
                continue
            doc, r = jrun("cap", "show", name, *mode)
            page = doc[name]
            check(isinstance(page, dict) and len(page) > 1,
                  "%s: no named fields" % name, r)
    doc, r = jrun("cap", "show", "odp", "--max")
    rc_caps = doc["odp"]["transport_page_fault_scheme_cap"]["rc_odp_caps"]
    check(rc_caps["send"] == 1 and rc_caps["srq_receive"] == 1, "ODP", r)
    doc, r = jrun("cap", "show", "device_memory")
    check(doc["device_memory"]["max_memic_size"] == 256 * 1024, "MEMIC", r)


# -- objects -----------------------------------------------------------------

OBJECTS = (("qp", "0x1c8", "qpc", "cqn_snd", 0x400),
           ("cq", "0x400", "cq_context", "c_eqn_or_apu_element", 0x8),
           ("eq", "8", "eq_context_entry", "log_eq_size", 10),
           ("sq", "0x120", "sq_context", "cqn", 0x400),
           ("rq", "0x121", "rq_context", "cqn", 0x401),
           ("rqt", "5", "rqt_context", "rqt_max_size", 8),
           ("tir", "9", "tir_context", "indirect_table", 5),
           ("tis", "8", "tis_context", "pd", 3),
           ("srq", "0x20", "srq_context_entry", "cqn", 0x401),
           ("dct", "0x1d0", "dct_context_entry", "cqn", 0x401),
           ("mkey", "3", "memory_key_mkey_entry", "qpn", 0xffffff))


@case
def obj_show_every_type():
    for typ, oid, ctx, field, val in OBJECTS:
        doc, r = jrun("obj", "show", typ, oid)
        check(num(doc[typ][ctx][field]) == val,
              "%s %s: %s" % (typ, oid, field), r)
    r = run("obj", "show", "qp", "0x1c8")
    check(re.search(r"^qpn 0x1c8$", r.out, re.M) and "qpc:" in r.out,
          "text form", r)


@case
def obj_errors():
    r = run("obj", "show", "qp", "0x1ca", rc=1)
    check('status 0x5 "bad resource"' in r.err, "dead object", r)
    r = run("obj", "show", "nosuch", "1", rc=2)
    check("mkey" in r.err, "types not listed", r)
    run("obj", "show", "qp", "0x1000000", rc=2)
    run("obj", "show", "qp", rc=2)
    doc, r = jrun("obj", "list", dev=False)
    check(len(doc["types"]) == 11, "obj list", r)


# -- counters ----------------------------------------------------------------

PROM_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
PROM_LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
# Values as Go's ParseFloat reads them: 2e-09 is a BER.
PROM_SAMPLE = re.compile(r"^(%s)(\{%s(?:,%s)*\})? "
                         r"(-?[0-9.]+(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)$"
                         % (PROM_NAME, PROM_LABEL, PROM_LABEL))


def check_prometheus(text):
    """Every line parses; HELP/TYPE precede their samples; a metric's
    samples form one group; no duplicates."""
    typed, seen, samples, closed, last = {}, set(), 0, set(), None
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            parts = line.split(" ", 3)
            check(len(parts) == 4 and re.fullmatch(PROM_NAME, parts[2]),
                  "bad comment line: %r" % line)
            if parts[1] == "TYPE":
                check(parts[3] in ("counter", "gauge", "untyped"),
                      "bad type: %r" % line)
                check(parts[2] not in typed, "TYPE twice: %r" % line)
                typed[parts[2]] = parts[3]
            continue
        m = PROM_SAMPLE.match(line)
        check(m, "sample does not parse: %r" % line)
        name = m.group(1)
        check(name in typed, "sample before its TYPE: %r" % line)
        if name != last:
            check(name not in closed, "metric split in groups: %r" % line)
            if last:
                closed.add(last)
            last = name
        if typed[name] == "counter":
            check(name.endswith("_total"), "counter without _total: %r"
                  % line)
            check(float(m.group(3)) >= 0, "negative counter: %r" % line)
        key = (name, m.group(2))
        check(key not in seen, "duplicate sample: %r" % line)
        seen.add(key)
        samples += 1
    check(samples > 0, "no samples")
    return samples


@case
def counters_vport():
    r = run("counters", "vport")
    f = fields(r.out)
    check(num(f.get("received_eth_unicast_packets", "-1")) ==
          11334020 + 5197, "unicast packets", r)
    check(num(f.get("received_eth_unicast_octets", "-1")) ==
          (11334020 + 5197) * 1200, "unicast octets", r)
    doc, r = jrun("counters")
    check(doc["counters"]["received_errors_packets"] == 0, "JSON", r)


@case
def counters_q():
    doc, r = jrun("counters", "q", "1")
    check(doc["counters"]["rx_write_requests"] == 482113 + 211,
          "rx_write_requests", r)
    check("status" not in doc["counters"], "header fields leaked", r)
    r = run("counters", "q", "2", rc=1)
    check("0x3e6d0013" in r.err, "unallocated counter set", r)
    run("counters", "q", rc=2)
    run("counters", "q", "0x100", rc=2)


@case
def counters_port():
    doc, r = jrun("counters", "port")
    g = doc["groups"]
    check(set(g) == {"ieee_802_3", "rfc_2863", "rfc_2819", "rfc_3635",
                     "eth_extended", "eth_discard", "per_prio", "per_tc",
                     "phys_layer", "phys_layer_statistical"},
          "the Ethernet groups", r)
    # _high/_low joined: the first counter read of the run.
    check(g["ieee_802_3"]["a_frames_transmitted_ok"] == 9120000 + 4500,
          "64-bit counter", r)
    check(g["per_prio"]["0"]["rx_frames"] > 0 and
          g["per_prio"]["3"]["rx_frames"] == 0, "traffic on prio 0", r)
    r = run("counters", "port", "local_port", "1", "grp", "phys_layer")
    check(re.search(r"^symbol_errors\s+0$", r.out, re.M), "text", r)
    run("counters", "port", "grp", "nosuch", rc=2)
    run("counters", "port", "local_port", rc=2)
    r = run("counters", "port", "local_port", "2", rc=1)
    check("PPCNT" in r.err, "a port the device lacks", r)


@case
def counters_prometheus():
    for args in (("counters", "vport", "--format", "prometheus"),
                 ("counters", "--format", "prometheus"),
                 ("counters", "q", "1", "--format", "prometheus")):
        r = run(*args)
        check_prometheus(r.out)
        promtool(r.out)
    # Identity labels from the device (the emulator's ibdev and PCI
    # address), never the -d string: one NIC however named, one series.
    outs = []
    for name in ("emu:connectx7", "emu:connectx7,fault=none",
                 "emu:connectx7,state=" + os.devnull):
        r = with_dev(name, "counters", "--format", "prometheus")
        outs.append(re.sub(r"\} \d+$", "}", r.out, flags=re.M))
        check('mlx5_vport_received_eth_unicast_packets_total'
              '{ibdev="mlx5_0",pci="0000:08:00.0",vport="0"} ' in r.out,
              "labelled sample", r)
        check("device=" not in r.out and name not in r.out.replace(
            'pci="0000:08:00.0"', "").replace('ibdev="mlx5_0"', ""),
              "the -d string in a label", r)
    check(outs[0] == outs[1] == outs[2], "series depend on the -d name")
    r = run("counters", "port", "--format", "prometheus")
    check(check_prometheus(r.out) > 100, "port counters", r)
    promtool(r.out)
    for prio in range(8):
        check(re.search(r'^mlx5_port_per_prio_rx_frames_total\{ibdev='
                        r'"mlx5_0",pci="0000:08:00.0",port="1",prio="%d"\}'
                        r' \d+$' % prio, r.out, re.M),
              "per_prio sample of prio %d" % prio, r)
    # Lanes are a label; bytes, not octets; gauges are not _total.
    check(re.search(r'^mlx5_port_phys_layer_rs_fec_corrected_symbols_total'
                    r'\{[^}]*,lane="7"\} \d+$', r.out, re.M) and
          "_lane" not in r.out, "per-lane counters", r)
    check("octets" not in r.out and
          "mlx5_port_rfc_2863_if_in_bytes_total{" in r.out, "bytes", r)
    for gauge in ("mlx5_port_phys_layer_time_since_last_clear_seconds",
                  "mlx5_port_phys_layer_statistical_raw_ber",
                  "mlx5_port_phys_layer_statistical_effective_ber"):
        check("# TYPE %s gauge" % gauge in r.out, "%s is a gauge" % gauge, r)
    check("_ber_coef" not in r.out and "_magnitude" not in r.out,
          "BER halves exported", r)
    # --format json is -j.
    a, r = jrun("counters", "vport")
    r = run("counters", "vport", "--format", "json")
    check(json.loads(r.out) == a, "--format json differs from -j", r)
    run("-j", "counters", "--format", "prometheus", rc=2)
    run("counters", "--format", "xml", rc=2)
    run("counters", "--format", rc=2)


def promtool(text):
    """prometheus's own linter, where installed (Debian: prometheus)."""
    import shutil
    import subprocess
    tool = shutil.which("promtool")
    if not tool:
        return
    p = subprocess.run([tool, "check", "metrics"], input=text,
                       capture_output=True, text=True)
    check(p.returncode == 0, "promtool check metrics:\n%s%s" %
          (p.stdout, p.stderr))


# -- health ------------------------------------------------------------------

VERDICT = re.compile(r"^MLX5CTL (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]+)"
                     r"(?: \| (.*))?$", re.M)
# Perfdata as the Monitoring Plugins guidelines define it:
# 'label'=value[UOM];[warn];[crit];[min];[max]
PERF = re.compile(r"'([^'=]+)'=(-?[0-9.]+)([a-zA-Z%]*)"
                  r"(?:;(-?[0-9.]*))?(?:;(-?[0-9.]*))?(?:;(-?[0-9.]*))?"
                  r"(?:;(-?[0-9.]*))?$")


def perfdata(text):
    """{label: (value, uom, warn, crit, min, max)} of a status line."""
    out = {}
    for item in text.split():
        m = PERF.match(item)
        check(m, "perfdata item %r not in the guidelines' form" % item)
        out[m.group(1)] = m.groups()[1:]
    return out


def health(spec, rc):
    r = with_dev(spec, "health", rc=rc)
    first = r.out.splitlines()[0] if r.out else ""
    m = VERDICT.match(first)
    check(m, "the first line is not the plugin status line", r)
    check(len(VERDICT.findall(r.out)) == 1, "more than one status line", r)
    doc, rj = jwith_dev(spec, "health", rc=rc)
    check(doc["exit_code"] == rc and doc["verdict"] == m.group(1),
          "JSON verdict disagrees", rj)
    perf = perfdata(m.group(3) or "")
    # The perfdata and the JSON report the same measurements.
    for sensor in doc.get("sensors", []):
        v = perf.get("%s_celsius" % sensor["name"])
        check(v and float(v[0]) == sensor["temperature_celsius"] and
              float(v[2]) == sensor["warning_celsius"] and
              float(v[3]) == sensor["critical_celsius"],
              "perfdata of %s" % sensor["name"], r)
    for port in doc.get("ports", []):
        v = perf.get("port%d_speed_gbps" % port["port"])
        check(v and float(v[0]) == port["speed_gbps"], "speed perfdata", r)
        errs = perf.get("port%d_errors" % port["port"])
        check(errs and errs[1] == "c" and
              int(errs[0]) == sum(port["errors"].values()),
              "error counter perfdata", r)
    return r, doc


@case
def health_ok():
    r, doc = health(dev(), 0)
    check("28.39.1002" in r.out and "MT_0000000834" in r.out,
          "firmware identity", r)
    check(re.search(r"^port 1\s+up \(admin up\), 400 Gb/s, 4 lanes$",
                    r.out, re.M), "port line", r)
    check(re.search(r"module\s+0: OSFP, 45\.0 C", r.out), "module", r)
    p = doc["ports"][0]
    check(p["oper_status"] == "up" and p["speed_gbps"] == 400 and
          p["module"]["temperature_celsius"] == 45 and not p["errors"],
          "JSON port", doc)
    check([s["name"] for s in doc["sensors"]] == ["asic", "board"],
          "sensors", doc)


@case
def health_warning():
    r, doc = health(dev("module_temp=75"), 1)
    check("module at 75.0 C" in r.out, "hot module", r)
    r, doc = health(dev("port1=errors"), 1)
    errs = doc["ports"][0]["errors"]
    # Each counter read steps the errors: a multiple of the step, not 0.
    check(errs.get("symbol_errors", 0) % 3 == 0 and
          errs.get("symbol_errors", 0) > 0 and
          errs.get("a_frame_check_sequence_errors", 0) % 7 == 0 and
          errs.get("a_frame_check_sequence_errors", 0) > 0,
          "error counters", doc)
    check("error counters non-zero" in r.out, "errors in the verdict", r)


@case
def health_critical():
    r, doc = health(dev("port1=down:an-failure"), 2)
    check("port 1 down: Autonegotiation failure" in r.out, "reason", r)
    check(doc["ports"][0]["link_down_reason"]["monitor_opcode"] == 2,
          "JSON reason", doc)
    r, doc = health(dev("module_temp=85"), 2)
    r, doc = health(dev("port1=down"), 2)
    check("Cable is unplugged" in r.out and
          doc["ports"][0]["module"]["present"] is False, "unplugged", r)


@case
def health_unknown():
    r = run("-d", "emu:nosuchprofile", "health", dev=False, rc=3)
    check(VERDICT.match(r.out), "status line when the device fails", r)
    # Misuse is UNKNOWN (3), never CRITICAL (2): one status line saying
    # why (a plugin always prints one), no JSON document.
    for args, why in ((["health", "extra"], 'health: unexpected "extra"'),
                      (["health", "-j"], 'health: unexpected "-j"'),
                      (["-s", "bogus", "health"], 'unknown scope "bogus"'),
                      (["-b", "nonsense", "health"],
                       'unknown backend "nonsense"')):
        r = run(*args, rc=3)
        check(r.out == "MLX5CTL UNKNOWN - %s (mlx5ctl health --help)\n" % why,
              "status line on misuse", r)
        r = run("-j", *args, rc=3)
        check(r.out == "", "JSON on misuse", r)
    # Firmware answers cut short: on ctl the outbox past them is zeros
    # (no port, no sensor), on fwctl the kernel says EPROTO.  Never OK.
    for backend in ("ctl", "fwctl"):
        r = with_dev(dev("fault=short-output"), "-b", backend, "health",
                     rc=3)
        check(VERDICT.match(r.out) and r.out.startswith("MLX5CTL UNKNOWN"),
              "short answers judged on " + backend, r)
    # The device gone mid-run: what was read stays, the verdict UNKNOWN.
    r = with_dev(dev("fault=gone", "fault_after=5"), "health", rc=3)
    check("No such device" in r.out.splitlines()[0], "device removed", r)


@case
def health_several_devices():
    ok, bad = dev(), dev("port1=down:an-failure")
    r = run("-d", ok, "-d", bad, "health", dev=False, rc=2)
    m = VERDICT.match(r.out)
    check(m and m.group(1) == "CRITICAL", "worst verdict", r)
    check(m.group(2).startswith(bad + ": port 1 down"), "names the device", r)
    perf = perfdata(m.group(3))
    check(perf["%s_ports_up" % ok][0] == "1" and
          perf["%s_ports_up" % bad.replace("=", "_")][0] == "0",
          "per-device perfdata", r)
    doc, r = jrun("-d", ok, "-d", bad, "health", dev=False, rc=2)
    check([d["verdict"] for d in doc["devices"]] == ["OK", "CRITICAL"] and
          doc["verdict"] == "CRITICAL" and doc["exit_code"] == 2,
          "JSON of several devices", r)
    run("-d", ok, "-d", bad, "info", dev=False, rc=2)





@case
def degraded_spec_errors():
    for spec, word in (("module_temp=hot", "module_temp"),
                       ("port1=down:gremlins", "cable-unplugged"),
                       ("port2=down", "1 port"),
                       ("port1=sideways", "errors")):
        r = with_dev(dev(spec), "info", rc=None)
        check(r.rc != 0, "bad spec %s accepted" % spec, r)
        # The emulator's reason, where the library passes it on.
        if "Invalid argument" not in r.err:
            check(word in r.err, "bad spec %s not explained" % spec, r)


def main():
    return t.driver_main(CASES)


if __name__ == "__main__":
    sys.exit(main())
