#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# libxml2 is not part of the tool: not linked, not loaded by commands that
# need no register database, loaded on a cache miss only; the cache gives
# the same answers as the XML, and an unwritable cache directory still
# answers.  Exit 77 (skipped) without mstflint's database.
#
#   adb_lazy_test.sh MLX5CTL
set -euo pipefail

tool=$1
adb=/usr/share/mstflint/prm_dbs/hca/ext/register_access_table.adb
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mlx5ctl-adb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export MLX5CTL_CACHE_DIR=$scratch/cache
unset MLX5CTL_PRM_ADB MLX5CTL_DEVICE
fail() {
	echo "adb_lazy_test: $*" >&2
	exit 1
}

# The dynamic loader's own account: which libraries one run maps.
loads() {
	LD_DEBUG=libs "$tool" "$@" 2>&1 >/dev/null | grep 'calling init:' || true
}

readelf -d "$tool" | grep NEEDED >"$scratch/needed"
grep -q 'libjson-c' "$scratch/needed" || fail "readelf shows no NEEDED entries"
! grep -q 'libxml2' "$scratch/needed" || fail "the tool links libxml2"

for cmd in --version "-d emu:connectx7 info" "-d emu:connectx7 reg show MTMP"; do
	# shellcheck disable=SC2086 # the command's words
	loads $cmd >"$scratch/loads"
	grep -q 'libjson-c' "$scratch/loads" || fail "LD_DEBUG=libs shows nothing for $cmd"
	! grep -q 'libxml2' "$scratch/loads" || fail "$cmd loads libxml2"
done
echo "adb_lazy_test: --version, info, reg show MTMP load no libxml2"

[ -r "$adb" ] || { echo "adb_lazy_test: no $adb: skipped"; exit 77; }
mvcr=(-d emu:connectx7 reg show MVCR sensor_index 0)
loads "${mvcr[@]}" >"$scratch/loads"
grep -q 'libxml2' "$scratch/loads" || fail "a cache miss does not load libxml2 (the check is blind)"
loads "${mvcr[@]}" >"$scratch/loads"
! grep -q 'libxml2' "$scratch/loads" || fail "a cache hit loads libxml2"
"$tool" -v "${mvcr[@]}" 2>"$scratch/err" >"$scratch/cached"
grep -q "from the cache in $MLX5CTL_CACHE_DIR" "$scratch/err" || fail "-v does not say cache hit"
echo "adb_lazy_test: a miss loads libxml2, a hit does not"

# No cache, and a cache that cannot be made: the same answers.
MLX5CTL_CACHE_DIR='' HOME=$scratch/nohome XDG_CACHE_HOME=$scratch/noxdg \
	"$tool" "${mvcr[@]}" >"$scratch/direct"
[ ! -e "$scratch/nohome" ] && [ ! -e "$scratch/noxdg" ] ||
	fail "MLX5CTL_CACHE_DIR empty still caches"
cmp -s "$scratch/cached" "$scratch/direct" || fail "the cache answers otherwise than the XML"
for what in "reg list" "prm list"; do
	# shellcheck disable=SC2086
	"$tool" $what >"$scratch/a"
	# shellcheck disable=SC2086
	MLX5CTL_CACHE_DIR='' "$tool" $what >"$scratch/b"
	cmp -s "$scratch/a" "$scratch/b" || fail "$what: the cache lists otherwise than the XML"
done
touch "$scratch/file"
MLX5CTL_CACHE_DIR=$scratch/file/cache "$tool" -v "${mvcr[@]}" \
	>"$scratch/unwritable" 2>"$scratch/err" || fail "an unwritable cache directory fails the command"
cmp -s "$scratch/unwritable" "$scratch/direct" || fail "an unwritable cache answers otherwise"
grep -q "parsed, not cached in $scratch/file/cache: Not a directory" "$scratch/err" ||
	fail "-v does not say why nothing was cached"
echo "adb_lazy_test: cached, uncached and unwritable answer alike"

# The documented places, when $MLX5CTL_CACHE_DIR is not set.
unset MLX5CTL_CACHE_DIR
XDG_CACHE_HOME=$scratch/xdg "$tool" "${mvcr[@]}" >/dev/null
ls "$scratch"/xdg/mlx5ctl/adb-*.bin >/dev/null || fail "nothing cached in \$XDG_CACHE_HOME/mlx5ctl"
env -u XDG_CACHE_HOME HOME="$scratch/home" "$tool" "${mvcr[@]}" >/dev/null
ls "$scratch"/home/.cache/mlx5ctl/adb-*.bin >/dev/null || fail "nothing cached in ~/.cache/mlx5ctl"
[ "$(stat -c %a "$scratch/home/.cache/mlx5ctl")" = 700 ] || fail "the cache directory is not private"
echo "adb_lazy_test: cached in \$XDG_CACHE_HOME/mlx5ctl, else ~/.cache/mlx5ctl (mode 700)"
