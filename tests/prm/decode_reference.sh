#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#
# decode_reference.sh REV [BUILD]: rewrite tests/prm/decode_reference.txt
# from decode_all built with the tool's decode.c, print.c and util.c of
# git revision REV (the layouts are today's), so a rework of the decoder
# is checked against what the code before it printed.  BUILD is a
# configured build directory (default build) for the include paths.
set -eu -o pipefail

rev=${1:?usage: decode_reference.sh REV [BUILD]}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${2:-$src/build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in decode.c decode.h print.c print.h util.c cli.h; do
	git -C "$src" show "$rev:mlx5ctl/$f" >"$tmp/$f"
done
cmake --build "$build" --target mlx5ctl_prm >/dev/null
cc -O1 -std=gnu11 -D_GNU_SOURCE -I"$tmp" -I"$src/providers/mlx5ctl/prm" \
	-I"$build/include" -I"$src/kernel-headers" -I"$src" \
	$(pkg-config --cflags json-c) \
	"$src/tests/prm/decode_all.c" "$tmp/decode.c" "$tmp/print.c" \
	"$tmp/util.c" "$build/lib/libmlx5ctl_prm.a" \
	$(pkg-config --libs json-c) -o "$tmp/decode_all"
"$src/tests/prm/decode_check.py" "$tmp/decode_all" --write \
	"$src/tests/prm/decode_reference.txt"
echo "decode_reference.txt: $(wc -l <"$src/tests/prm/decode_reference.txt") cases from $rev"
