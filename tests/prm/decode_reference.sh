#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
#
# decode_reference.sh REV [BUILD]: rewrite tests/prm/decode_reference.txt
# from decode_all built with the decoder of git revision REV (the layouts
# are today's), so a rework of the decoder is checked against what the
# code before it printed.  BUILD is a configured build directory
# (default build).
set -eu -o pipefail

rev=${1:?usage: decode_reference.sh REV [BUILD]}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${2:-$here/../../build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$here/decoder_at.sh" "$rev" "$build" "$here/decode_all.c" "$tmp/decode_all"
"$here/decode_check.py" "$tmp/decode_all" --write "$here/decode_reference.txt"
echo "decode_reference.txt: $(wc -l <"$here/decode_reference.txt") cases from $rev"
