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

# The instructions spent in the FUNCTIONs of a callgrind profile, counted
# once: the inclusive cost of the calls into them from functions not
# among them (one that calls another is not counted twice).
calls_into() {
	local prof=$1
	shift
	callgrind_annotate --inclusive=yes --tree=caller --threshold=100 \
		"$prof" 2>/dev/null |
		awk -v set=" $* " '
		# The function of a line: after the last ":" once the
		# object ("[lib.so]") and call count ("(2x)") are cut off.
		function named(line,   n, part) {
			sub(/ +\[[^]]*\] *$/, "", line)
			sub(/ +\([0-9,]+x\) *$/, "", line)
			n = split(line, part, ":")
			if (n < 2)
				return ""
			sub(/[.\047].*/, "", part[n])
			return part[n]
		}
		function in_set(f) { return f != "" && index(set, " " f " ") }
		/^$/ { n = 0; next }
		/^ *[0-9,]+ .*  < / { c = $1; gsub(",", "", c)
			caller[++n] = c; from[n] = named($0); next }
		/^ *[0-9,]+ .*  \* / { if (in_set(named($0)))
				for (i = 1; i <= n; i++)
					if (!in_set(from[i])) sum += caller[i]
			n = 0 }
		END { print sum + 0 }'
}

# Whether measured M meets "at most G" (integers).
at_most() {
	[ "$1" -le "$2" ] && echo yes || echo no
}
