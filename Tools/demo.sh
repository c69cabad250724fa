#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run `corridor demo` (embedded SQLite default).
set -euo pipefail
cd "$(dirname "$0")/.."
source Tools/swift-env.sh
Tools/install-deps.sh
swift build --product corridor
.build/debug/corridor demo "$@"
