#!/usr/bin/env bash
# The README's second command (and CI's): install what the tests need, start a throwaway PostgreSQL on loopback,
# build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source Tools/swift-env.sh
Tools/install-deps.sh --test
eval "$(Tools/postgres-test-cluster.sh start)"
trap 'Tools/postgres-test-cluster.sh stop >/dev/null 2>&1 || true' EXIT
export CORRIDOR_POSTGRES_URL
# The crash tests drive the built `corridor` binary, so build the products before the tests.
swift build
swift test "$@"
# Issue 9 §1: every parser under libFuzzer for 60 s (two targets at a time). A whole-suite run only; the smoke
# run builds the fuzzers at -Onone, which saves minutes of a cold build for a small loss of executions per second, and
# fixes libFuzzer's seed (CORRIDOR_FUZZ_SEED=1): the same mutations every run, replaying the committed regressions
# and seeds; `Tools/fuzz.sh long TARGET` is the random search.
if [[ $# -eq 0 ]]; then
    CORRIDOR_FUZZ_PURE_OPT=${CORRIDOR_FUZZ_PURE_OPT:--Onone} CORRIDOR_FUZZ_SEED=${CORRIDOR_FUZZ_SEED:-1} \
        Tools/fuzz.sh run "${CORRIDOR_FUZZ_SECONDS:-60}"
fi
