# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# Helpers the rows source (not a row: not executable).

BENCH_BUILD=${BENCH_BUILD:-build-bench}

# 1234567 -> "1 234 567"
group() {
	printf '%s' "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\| \|\.\)/\1 \2\3/' -e 'ta'
}

# One table line: figure measured reference ratio goal met
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@"
}

# The inclusive instruction count of FUNCTION in a callgrind profile.
inclusive() {
	callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
		awk -v f=":$2 " '
		!n && index($0, f) { gsub(",", "", $1); n = $1 }
		END { print n + 0 }'
}

# Whether measured M meets "at most G" (integers).
at_most() {
	[ "$1" -le "$2" ] && echo yes || echo no
}
