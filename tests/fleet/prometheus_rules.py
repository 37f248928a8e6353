#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""The shipped Prometheus alert rules, checked by Prometheus's promtool.

  prometheus_rules.py RULES MLX5CTL MLX5CTL_TEXTFILE

promtool check rules accepts the file; then promtool test rules runs the
rules over what mlx5ctl-textfile really writes for emulated devices
(healthy, a module over its critical level with port 1 down, a module
over its warning level), each as an instance, and over the real sample
names with values that change over time (a flapping link, frame errors,
a bad effective BER, a textfile the timer stopped rewriting), and every
firing alert must be the one expected: no more, no fewer.  77 without
promtool.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROMTOOL = shutil.which("promtool")
DEVICES = {
    "healthy": "emu:connectx7",
    "hot": "emu:connectx7,port1=down:an-failure,module_temp=85",
    "warm": "emu:connectx7,module_temp=75",
}
SAMPLE = re.compile(r'^([a-z0-9_]+)\{([^}]*)\} (\S+)$')
EVAL = "12m"


def textfile(tool, writer, d, dev):
    env = dict(os.environ, MLX5CTL=tool)
    subprocess.run(["sh", writer, d, dev], env=env, check=True)
    name = re.sub(r'[^A-Za-z0-9_.-]', '_', dev)
    with open(os.path.join(d, "mlx5ctl_%s.prom" % name)) as f:
        return [SAMPLE.match(l).groups() for l in f
                if not l.startswith("#")]


def series(name, labels, instance, values):
    return {"series": '%s{%s,instance="%s"}' % (name, labels, instance),
            "values": values}


def alert(name, labels, instance, severity):
    lab = dict(re.findall(r'(\w+)="([^"]*)"', labels))
    lab.update(alertname=name, alertstate="firing", instance=instance,
               severity=severity)
    return {"labels": "ALERTS{%s}" % ",".join(
        '%s="%s"' % kv for kv in sorted(lab.items())), "value": 1}


def one(samples, name, **want):
    """The labels of the sample NAME whose labels include WANT."""
    for n, labels, _ in samples:
        if n == name and all('%s="%s"' % kv in labels for kv in want.items()):
            return labels
    raise SystemExit("FAIL no %s %s in the textfile output" % (name, want))


def device_case(samples, inst):
    """The device's samples, constant; the alerts its state deserves."""
    inputs = [series(n, l, inst, "%sx20" % v) for n, l, v in samples]
    health = one(samples, "mlx5_health_status")
    speed = [v for n, l, v in samples if n == "mlx5_health_port_speed_bytes"]
    if speed != [{"hot": "0"}.get(inst, "50000000000")]:
        raise SystemExit("FAIL %s: port speed %s, 400 Gb/s is 5e10 B/s" %
                         (inst, speed))
    module = one(samples, "mlx5_health_temperature_celsius",
                 sensor="port1_module")
    expect = {
        "healthy": [],
        "hot": [alert("MLX5TemperatureCritical", module, inst, "critical"),
                alert("MLX5LinkDown", health, inst, "critical"),
                alert("MLX5HealthCritical", health, inst, "critical")],
        "warm": [alert("MLX5TemperatureWarning", module, inst, "warning")],
    }[inst]
    return inputs, expect


def changing_case(samples):
    """Real names and labels, values that move; their alerts."""
    down = one(samples, "mlx5_port_phys_layer_link_down_events_total")
    fcs = one(samples, "mlx5_port_ieee_802_3_a_frame_check_sequence_errors_total")
    sym = one(samples, "mlx5_port_ieee_802_3_a_symbol_error_during_carrier_total")
    ber = one(samples, "mlx5_port_phys_layer_statistical_effective_ber")
    prom = '/var/lib/prometheus/node-exporter/mlx5ctl_mlx5_0.prom'
    inputs = [
        series("mlx5_port_phys_layer_link_down_events_total", down, "flappy",
               "0 0 0 0 0 0 0 1 1 1 1 1 1 1 1 1 1 1 1 1"),
        series("mlx5_port_ieee_802_3_a_frame_check_sequence_errors_total",
               fcs, "errors", "0+10x20"),
        series("mlx5_port_ieee_802_3_a_symbol_error_during_carrier_total",
               sym, "errors", "0x20"),
        series("mlx5_port_phys_layer_statistical_effective_ber", ber,
               "noisy", "1e-9x20"),
        series("node_textfile_mtime_seconds", 'file="%s"' % prom, "stale",
               "0x20"),
        series("node_textfile_mtime_seconds", 'file="%s"' % prom, "fresh",
               "0+60x20"),
    ]
    expect = [alert("MLX5LinkFlapping", down, "flappy", "warning"),
              alert("MLX5FrameErrors", fcs, "errors", "warning"),
              alert("MLX5EffectiveBitErrorRate", ber, "noisy", "warning"),
              alert("MLX5TextfileStale", 'file="%s"' % prom, "stale",
                    "warning")]
    return inputs, expect


def to_yaml(rules, inputs, expect):
    """promtool's test file; JSON is YAML, and needs no YAML module."""
    import json
    test = {"interval": "1m", "input_series": inputs,
            "promql_expr_test": [{"expr": 'ALERTS{alertstate="firing"}',
                                  "eval_time": EVAL, "exp_samples": expect}]}
    return json.dumps({"rule_files": [rules], "evaluation_interval": "1m",
                       "tests": [test]}, indent=1)


def main():
    rules, tool, writer = sys.argv[1:4]
    if not PROMTOOL:
        print("prometheus_rules: promtool is not installed; skipped")
        return 77
    p = subprocess.run([PROMTOOL, "check", "rules", rules],
                       capture_output=True, text=True)
    print(p.stdout.strip())
    if p.returncode:
        print("FAIL promtool check rules:", p.stderr)
        return 1
    inputs, expect = [], []
    with tempfile.TemporaryDirectory(prefix="mlx5ctl-rules-") as d:
        for inst, dev in DEVICES.items():
            samples = textfile(tool, writer, d, dev)
            i, e = device_case(samples, inst)
            inputs += i
            expect += e
        i, e = changing_case(textfile(tool, writer, d, DEVICES["healthy"]))
        inputs += i
        expect += e
        test = os.path.join(d, "mlx5ctl.test.yml")
        with open(test, "w") as f:
            f.write(to_yaml(os.path.abspath(rules), inputs, expect))
        p = subprocess.run([PROMTOOL, "test", "rules", test],
                           capture_output=True, text=True)
    print(p.stdout.strip(), p.stderr.strip())
    print("prometheus_rules: %d series, %d alerts expected: %s" %
          (len(inputs), len(expect), "ok" if not p.returncode else "FAIL"))
    return 1 if p.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
