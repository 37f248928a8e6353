#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""The counters under the real Prometheus node exporter.

  node_exporter.py MLX5CTL MLX5CTL_TEXTFILE

Writes an emulated device's counters with mlx5ctl-textfile into a
directory, runs prometheus-node-exporter (Debian's package) on 127.0.0.1
with only its textfile collector reading that directory, scrapes
/metrics, and checks that the exporter took the file without error
(node_textfile_scrape_error 0) and serves our samples with their types.
Also checks that a failed run keeps the last good file.  77 without the
exporter.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

EXPORTER = shutil.which("prometheus-node-exporter")
DEV = "emu:connectx7"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(port, deadline):
    url = "http://127.0.0.1:%d/metrics" % port
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main():
    tool, writer = sys.argv[1], sys.argv[2]
    if not EXPORTER:
        print("node_exporter: prometheus-node-exporter is not installed; skipped")
        return 77
    bad = []
    with tempfile.TemporaryDirectory(prefix="mlx5ctl-textfile-") as d:
        env = dict(os.environ, MLX5CTL=tool)
        p = subprocess.run(["sh", writer, d, DEV], env=env,
                           capture_output=True, text=True)
        prom = os.path.join(d, "mlx5ctl_emu_connectx7.prom")
        if p.returncode or not os.path.exists(prom):
            print("FAIL mlx5ctl-textfile: rc %d %s" % (p.returncode, p.stderr))
            return 1
        good = open(prom).read()
        # A run that fails keeps the last good file, and leaves nothing.
        p = subprocess.run(["sh", writer, d, DEV],
                           env=dict(env, MLX5CTL="false"),
                           capture_output=True, text=True)
        if p.returncode != 1 or open(prom).read() != good or \
                sorted(os.listdir(d)) != ["mlx5ctl_emu_connectx7.prom"]:
            bad.append("a failed run changed %s or left %s" %
                       (prom, os.listdir(d)))
        port = free_port()
        ex = subprocess.Popen([EXPORTER,
                               "--web.listen-address=127.0.0.1:%d" % port,
                               "--collector.disable-defaults",
                               "--collector.textfile",
                               "--collector.textfile.directory=" + d],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        try:
            text = scrape(port, time.monotonic() + 30)
        finally:
            ex.terminate()
            err = ex.communicate(timeout=30)[1]
    lines = text.splitlines()
    ours = [l for l in lines if l.startswith("mlx5_")]
    want = {
        "node_textfile_scrape_error 0": "the exporter took the file",
        "# TYPE mlx5_port_phys_layer_link_down_events_total counter":
            "a counter",
        "# TYPE mlx5_port_phys_layer_statistical_raw_ber gauge": "a gauge",
    }
    for line, what in want.items():
        if line not in lines:
            bad.append("%s: no %r" % (what, line))
    if not any(l.startswith('mlx5_port_per_prio_rx_frames_total{ibdev="'
                            'mlx5_0",pci="0000:08:00.0",port="1",prio="7"}')
               for l in ours):
        bad.append("no per-priority sample with identity labels")
    if not any(l.startswith("mlx5_vport_") for l in ours):
        bad.append("no vport samples")
    samples = sum(1 for l in good.splitlines() if not l.startswith("#"))
    if len(ours) != samples:
        bad.append("%d samples written, %d served" % (samples, len(ours)))
    for b in bad:
        print("FAIL", b)
    if bad:
        print(err)
    print("node_exporter: %d of our samples served, scrape error 0: %s; "
          "%d passed, %d failed" % (len(ours), "node_textfile_scrape_error 0"
                                    in lines, 1 if not bad else 0,
                                    1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
