#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# The two entry points of the README:
#   ./build.sh run [MLX5CTL ARGS...]  build, then talk to an emulated ConnectX-7
#   ./build.sh test                   build and run every test, sanitizers included
set -euo pipefail
cd "$(dirname "$0")"
top=$PWD
jobs=$(nproc)

configure_and_build() {
	local dir=$1
	shift
	cmake -S "$top" -B "$dir" -G Ninja "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
}

run() {
	buildlib/install-deps build
	configure_and_build build
	local tool=build/bin/mlx5ctl
	if [ $# -gt 0 ]; then
		exec "$tool" "$@"
	fi
	local dev=emu:connectx7
	set -x
	"$tool" dev show
	"$tool" -d "$dev" info
	"$tool" -d "$dev" cap show general
	"$tool" -d "$dev" cap show roce
}

# libFuzzer targets (tests/fuzz/README.md): every corpus input once, then
# FUZZ_SECONDS of fuzzing per target, one target at a time.  Only the
# targets are built: the rest of the tree is built and tested above.
fuzz_stage() {
	local secs=${FUZZ_SECONDS:-30}

	echo "== fuzz: corpus regression and $secs s per target =="
	cmake -S "$top" -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang \
		-DENABLE_FUZZ=ON -DENABLE_WERROR=ON -DFUZZ_SECONDS="$secs" >/dev/null &&
		cmake --build build-fuzz -j "$jobs" --target fuzz &&
		(cd build-fuzz && ctest --output-on-failure -L fuzz)
}

test_suite() {
	buildlib/install-deps test
	local rc=0

	echo "== build (warnings are errors) =="
	configure_and_build build -DENABLE_WERROR=ON -DENABLE_STATIC=ON
	# The suite leaves the user's files alone: it runs with an empty
	# HOME (and no XDG_CACHE_HOME), which must still be empty after.
	echo "== ctest =="
	local home
	home=$(mktemp -d)
	(cd build && env -u XDG_CACHE_HOME HOME="$home" \
		ctest --output-on-failure -j "$jobs") || rc=1
	if [ -n "$(ls -A "$home")" ]; then
		echo "ctest wrote under HOME: $(cd "$home" && find . -type f | tr '\n' ' ')"
		rc=1
	fi
	rm -rf "$home"

	echo "== ctest under AddressSanitizer + UBSan =="
	configure_and_build build-asan -DENABLE_WERROR=ON -DENABLE_SANITIZERS=ON \
		-DCMAKE_BUILD_TYPE=Debug
	(cd build-asan && ctest --output-on-failure -j "$jobs") || rc=1

	# Only the library and its tests (label "lib", the thread test among
	# them): threads share state there; the tool and the other tests are
	# single-threaded and would only add build time.  A race report makes
	# the test exit 66.
	echo "== library tests under ThreadSanitizer =="
	cmake -S "$top" -B build-tsan -G Ninja -DENABLE_WERROR=ON \
		-DENABLE_TSAN=ON >/dev/null
	cmake --build build-tsan -j "$jobs" --target lib_tests
	(cd build-tsan && ctest --output-on-failure -L '^lib$' -j "$jobs") || rc=1

	echo "== CLI tests under valgrind =="
	(cd build && MLX5CTL_TEST_WRAPPER="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
		ctest --output-on-failure -L cli -j "$jobs") || rc=1

	fuzz_stage || rc=1

	echo "== packages: Debian (lintian) and RPM =="
	buildlib/check-packages all || rc=1

	# The series into the pinned rdma-core, built as rdma-core's CI does;
	# skipped (exit 0) where ../shared/upstream is absent.
	echo "== rdma-core =="
	rdma-core-patches/check || rc=1

	if [ -x kernel-patches/check ]; then
		echo "== kernel series =="
		kernel-patches/check || rc=1
	fi
	exit $rc
}

case "${1:-}" in
run) shift; run "$@" ;;
test) test_suite ;;
*) echo "usage: $0 run [MLX5CTL ARGS...] | test" >&2; exit 2 ;;
esac
