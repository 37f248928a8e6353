#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#
# decoder_at.sh REV BUILD PROGRAM.c OUT: build PROGRAM.c with the tool's
# decode.c, print.c and util.c as git revision REV had them (the layout
# database is today's, from BUILD), into OUT.  For comparing the decoder
# with an earlier one: decode_reference.sh, bench/rows/decode.
set -eu -o pipefail

rev=$1 build=$2 prog=$3 out=$4
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in decode.c decode.h print.c print.h util.c cli.h; do
	git -C "$src" show "$rev:mlx5ctl/$f" >"$tmp/$f"
done
cmake --build "$build" --target mlx5ctl_prm >/dev/null
# As the build compiles the tool: -O2, so a comparison is like for like.
cc -O2 -g -std=gnu11 -D_GNU_SOURCE -I"$tmp" -I"$src/providers/mlx5ctl/prm" \
	-I"$build/include" -I"$src/kernel-headers" -I"$src" \
	$(pkg-config --cflags json-c) \
	"$prog" "$tmp/decode.c" "$tmp/print.c" "$tmp/util.c" \
	"$build/lib/libmlx5ctl_prm.a" $(pkg-config --libs json-c) -o "$out"
