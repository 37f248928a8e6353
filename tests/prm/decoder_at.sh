#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#
# decoder_at.sh REV BUILD PROGRAM.c OUT: build PROGRAM.c with the tool's
# decode*.c, print.c and util.c as git revision REV had them (the layout
# database is today's, from BUILD), into OUT.  For comparing the decoder
# with an earlier one: decode_reference.sh, bench/rows/decode.
set -eu -o pipefail

rev=$1 build=$2 prog=$3 out=$4
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in $(git -C "$src" ls-tree --name-only "$rev" mlx5ctl/); do
	case ${f#mlx5ctl/} in
	decode*.[ch] | print.[ch] | util.c | cli.h) ;;
	*) continue ;;
	esac
	git -C "$src" show "$rev:$f" >"$tmp/${f#mlx5ctl/}"
done
cmake --build "$build" --target mlx5ctl_prm >/dev/null
# As the build compiles the tool: -O2, so a comparison is like for like.
cc -O2 -g -std=gnu11 -D_GNU_SOURCE -I"$tmp" -I"$src/providers/mlx5ctl/prm" \
	-I"$build/include" -I"$src/kernel-headers" -I"$src" \
	$(pkg-config --cflags json-c) \
	"$prog" "$tmp"/*.c \
	"$build/lib/libmlx5ctl_prm.a" $(pkg-config --libs json-c) -o "$out"
