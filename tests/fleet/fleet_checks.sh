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

# mlx5ctl-textfile leaves the last file of a device whose health is UNKNOWN.
cat >"$scratch/unknown" <<EOS
#!/bin/sh
for a; do [ "\$a" = health ] && exit 3; done
exec "$tool" "\$@"
EOS
chmod +x "$scratch/unknown"
mkdir "$scratch/prom"
echo "# the last good file" >"$scratch/prom/mlx5ctl_emu_connectx7.prom"
rc=0
MLX5CTL=$scratch/unknown sh "$fleet/../mlx5ctl-textfile" "$scratch/prom" $healthy 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "mlx5ctl-textfile: health UNKNOWN exits $rc"
[ "$(ls -A "$scratch/prom")" = mlx5ctl_emu_connectx7.prom ] &&
	grep -q "the last good file" "$scratch/prom/mlx5ctl_emu_connectx7.prom" ||
	fail "mlx5ctl-textfile: health UNKNOWN replaced the file or left some"
echo "fleet_checks: a device whose health is UNKNOWN keeps its last file"

# The fleet guide's clush and pdsh lines, with stand-ins that run the
# command for three hosts (node02 hot) and prefix each line as they do.
doc=$fleet/../../Documentation/fleet.md
command -v jq >/dev/null || { echo "fleet_checks: no jq: the clush/pdsh lines not run"; exit 0; }
mkdir "$scratch/bin"
ln -s "$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")" "$scratch/bin/mlx5ctl"
n=0
while IFS= read -r line; do
	out=$(PATH=$scratch/bin:$PATH HOT=$hot OK=$healthy bash -c '
		stand_in() {
			local cmd=${!#} h
			for h in node01 node02 node03; do
				dev=$OK; [ $h = node02 ] && dev=$HOT
				MLX5CTL_DEVICE=$dev bash -c "$cmd" 2>&1 | sed "s/^/$h: /"
			done
		}
		clush() { stand_in "$@"; }
		pdsh() { stand_in "$@"; }
		'"${line#\$ }") || fail "the guide's line failed: $line"
	jq -e 'type == "array" and length > 0' <<<"$out" >/dev/null ||
		fail "the guide's line gives no list: $line: $out"
	case $line in
	*'!= "OK"'*)
		[ "$(jq -r 'map(.host) | join(",")' <<<"$out")" = node02 ] ||
			fail "not-OK hosts: $out" ;;
	*'.verdict)}]'*)
		[ "$(jq -c 'map(.verdict)' <<<"$out")" = '["OK","CRITICAL","OK"]' ] ||
			fail "verdicts: $out" ;;
	*sort_by*)
		[ "$(jq -c '.[0] | [.host, .celsius]' <<<"$out")" = '["node02",85]' ] ||
			fail "hottest module: $out" ;;
	*group_by*)
		[ "$(jq -c '.[0].hosts' <<<"$out")" = '["node01","node02","node03"]' ] ||
			fail "firmware groups: $out" ;;
	esac
	n=$((n + 1))
done < <(grep -E '^    \$ (clush|pdsh) ' "$doc" | sed 's/^    //')
[ "$n" = 4 ] || fail "$n clush/pdsh lines in the guide, 4 expected"
echo "fleet_checks: the guide's $n clush/pdsh lines give what they say"
