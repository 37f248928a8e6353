#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""mlx5ctl health under a real monitoring engine: Nagios Core 4.

  nagios_health.py MLX5CTL

Runs nagios4 (Debian's nagios4-core) on a throw-away configuration with
one service per verdict, each checking an emulated device with
"mlx5ctl ... health", until Nagios has checked them all (60 s at most),
then reads Nagios's status.dat: the state Nagios took from the exit code,
the plugin output and long output it split from ours, and the perfdata
it parsed.  Exit 0 when every service is what the tool promises, 1
otherwise, 77 without nagios4.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

NAGIOS = shutil.which("nagios4") or "/usr/sbin/nagios4"

# service: (health arguments, Nagios state, start of the plugin output)
SERVICES = {
    "ok": ("-d emu:connectx7 health", 0, "MLX5CTL OK - 1 of 1 ports up"),
    "warning": ("-d emu:connectx7,module_temp=75 health", 1,
                "MLX5CTL WARNING - port 1 module at 75.0 C"),
    "critical": ("-d emu:connectx7,port1=down:an-failure health", 2,
                 "MLX5CTL CRITICAL - port 1 down: Autonegotiation failure"),
    "unknown": ("-d emu:nosuchprofile health", 3, "MLX5CTL UNKNOWN - "),
    "misuse": ("-d emu:connectx7 health extra", 3,
               'MLX5CTL UNKNOWN - health: unexpected "extra"'),
}

CFG = """log_file={d}/nagios.log
cfg_file={d}/objects.cfg
status_file={d}/status.dat
status_update_interval=1
object_cache_file={d}/objects.cache
precached_object_file={d}/objects.precache
resource_file={d}/resource.cfg
temp_file={d}/nagios.tmp
temp_path={d}
lock_file={d}/nagios.lock
retain_state_information=0
state_retention_file={d}/retention.dat
command_file={d}/nagios.cmd
check_result_path={d}/checkresults
nagios_user={user}
nagios_group={group}
interval_length=1
enable_notifications=0
enable_flap_detection=0
check_service_freshness=0
"""

OBJECTS = """define timeperiod {{
  timeperiod_name always
  alias always
  sunday 00:00-24:00
  monday 00:00-24:00
  tuesday 00:00-24:00
  wednesday 00:00-24:00
  thursday 00:00-24:00
  friday 00:00-24:00
  saturday 00:00-24:00
}}
define contact {{
  contact_name nobody
  host_notifications_enabled 0
  service_notifications_enabled 0
  host_notification_period always
  service_notification_period always
  host_notification_options n
  service_notification_options n
  host_notification_commands noop
  service_notification_commands noop
}}
define command {{
  command_name noop
  command_line /bin/true
}}
define host {{
  host_name node1
  address 127.0.0.1
  check_command noop
  max_check_attempts 1
  check_period always
  contacts nobody
  notification_period always
}}
"""

SERVICE = """define command {{
  command_name check_{name}
  command_line {tool} {args}
}}
define service {{
  host_name node1
  service_description {name}
  check_command check_{name}
  max_check_attempts 1
  check_interval 1
  retry_interval 1
  check_period always
  contacts nobody
  notification_period always
}}
"""


def status(path):
    """{service: {key: value}} of the servicestatus blocks."""
    out, cur = {}, None
    try:
        lines = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return out
    for line in lines.splitlines():
        line = line.strip()
        if line == "servicestatus {":
            cur = {}
        elif line == "}" and cur is not None:
            out[cur.get("service_description")] = cur
            cur = None
        elif cur is not None and "=" in line:
            k, v = line.split("=", 1)
            cur[k] = v
    return out


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    tool = os.path.abspath(sys.argv[1])
    if not os.path.exists(NAGIOS):
        print("nagios_health: nagios4 is not installed (nagios4-core); skipped")
        return 77
    with tempfile.TemporaryDirectory(prefix="mlx5ctl-nagios-") as d:
        os.mkdir(os.path.join(d, "checkresults"))
        user = "root" if os.geteuid() == 0 else os.environ.get("USER", "")
        with open(os.path.join(d, "nagios.cfg"), "w") as f:
            f.write(CFG.format(d=d, user=user, group=user))
        with open(os.path.join(d, "resource.cfg"), "w"):
            pass
        with open(os.path.join(d, "objects.cfg"), "w") as f:
            f.write(OBJECTS.format())
            for name, (args, _, _) in SERVICES.items():
                f.write(SERVICE.format(name=name, tool=tool, args=args))
        p = subprocess.Popen([NAGIOS, os.path.join(d, "nagios.cfg")],
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                st = status(os.path.join(d, "status.dat"))
                if all(st.get(n, {}).get("has_been_checked") == "1"
                       for n in SERVICES):
                    break
                time.sleep(0.5)
        finally:
            p.terminate()
            p.wait(timeout=30)
        return report(st, tool)


def report(st, tool):
    bad = 0
    for name, (args, state, prefix) in SERVICES.items():
        s = st.get(name)
        if not s or s.get("has_been_checked") != "1":
            print(f"FAIL {name}: Nagios never checked it")
            bad += 1
            continue
        ours = subprocess.run([tool] + args.split(), capture_output=True,
                              text=True).stdout.splitlines()
        first = ours[0] if ours else ""
        output, _, perf = first.partition(" | ")
        got = (int(s["current_state"]), s["plugin_output"],
               s.get("performance_data", ""))
        want = (state, output, perf)
        ok = got == want and output.startswith(prefix)
        if ok and len(ours) > 1:
            ok = s.get("long_plugin_output", "") == "\\n".join(ours[1:])
        print(f"{'ok  ' if ok else 'FAIL'} {name}: state {got[0]}, output "
              f"{got[1]!r}, perfdata {len(got[2].split())} items")
        if not ok:
            print(f"     want state {state}, output {output!r}, perfdata "
                  f"{perf!r}; Nagios has {s}")
            bad += 1
    print(f"nagios_health: {len(SERVICES) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
