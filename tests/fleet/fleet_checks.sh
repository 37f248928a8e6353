#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# The NHC check and the Slurm HealthCheckProgram on emulated devices that
# are healthy, hot (CRITICAL) and warm (WARNING): which verdict fails the
# node, with which message.  NHC's die and log are stood in for as NHC's
# own checks use them (die RC MESSAGE, then return 1); scontrol is a
# stand-in that records its arguments.
#
#   fleet_checks.sh MLX5CTL FLEET_DIR
set -euo pipefail

tool=$1 fleet=$2
healthy=emu:connectx7
hot=emu:connectx7,port1=down:an-failure,module_temp=85
warm=emu:connectx7,module_temp=75
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mlx5ctl-fleet.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export MLX5CTL=$tool
unset MLX5CTL_DEVICE
fail() {
	echo "fleet_checks: $*" >&2
	exit 1
}

nhc() {
	bash -c 'die() { echo "die $1 $2"; }; log() { echo "log $1"; }
		source "$0"; check_mlx5ctl_health "$@"' "$fleet/mlx5ctl.nhc" "$@"
}

expect_nhc() {
	local want_rc=$1 want_out=$2 out rc=0
	shift 2
	out=$(nhc "$@") || rc=$?
	[ "$rc" = "$want_rc" ] || fail "NHC $*: rc $rc, wanted $want_rc ($out)"
	[[ "$out" == $want_out ]] || fail "NHC $*: '$out', wanted '$want_out'"
}

expect_nhc 0 "" -d $healthy
expect_nhc 1 "die 1 check_mlx5ctl_health:  MLX5CTL CRITICAL - port 1 down: Autonegotiation failure; port 1 module at 85.0 C" -d $hot
expect_nhc 0 "log check_mlx5ctl_health:  MLX5CTL WARNING - *module at 75.0 C" -d $warm
expect_nhc 1 "die 1 check_mlx5ctl_health:  MLX5CTL WARNING - *" -W -d $warm
expect_nhc 1 "die 1 check_mlx5ctl_health:  MLX5CTL CRITICAL - *" -d $healthy -d $hot
expect_nhc 1 "die 1 check_mlx5ctl_health:  unknown option -x" -x
MLX5CTL=$scratch/none expect_nhc 1 "die 1 check_mlx5ctl_health:  $scratch/none failed (exit 127): *"
echo "fleet_checks: NHC fails the node on CRITICAL and UNKNOWN, on WARNING with -W"

cat >"$scratch/scontrol" <<'EOS'
#!/bin/sh
printf '%s\n' "$@" >>"$SCONTROL_LOG"
exit ${SCONTROL_RC:-0}
EOS
chmod +x "$scratch/scontrol"
export SCONTROL=$scratch/scontrol SCONTROL_LOG=$scratch/log SLURMD_NODENAME=node17

slurm() {
	local want_rc=$1 rc=0
	shift
	rm -f "$SCONTROL_LOG"
	"$fleet/mlx5ctl-slurm-healthcheck" "$@" 2>"$scratch/err" || rc=$?
	[ "$rc" = "$want_rc" ] || fail "Slurm $*: rc $rc, wanted $want_rc"
}

slurm 0 $healthy
[ ! -e "$SCONTROL_LOG" ] || fail "a healthy node was drained"
slurm 0 $warm
[ ! -e "$SCONTROL_LOG" ] || fail "a warm node was drained without -W"
slurm 0 $hot
printf '%s\n' update NodeName=node17 State=DRAIN \
	"Reason=mlx5ctl: MLX5CTL CRITICAL - port 1 down: Autonegotiation failure; port 1 module at 85.0 C" >"$scratch/want"
cmp -s "$scratch/want" "$SCONTROL_LOG" || fail "the drain: $(cat "$SCONTROL_LOG")"
slurm 0 -W $warm
grep -q "^Reason=mlx5ctl: MLX5CTL WARNING - " "$SCONTROL_LOG" || fail "-W did not drain a warm node"
SCONTROL_RC=1 slurm 1 $hot
grep -q "could not drain node17" "$scratch/err" || fail "a failed drain says nothing"
echo "fleet_checks: Slurm drains on CRITICAL, on WARNING with -W, and says when it cannot"
