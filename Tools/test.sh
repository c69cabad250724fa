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
