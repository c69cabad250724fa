#!/usr/bin/env bash
# Installs what Corridor needs on a Debian machine, skipping what is already there.
#   Tools/install-deps.sh          runtime + build: libqrencode, libpng, libsqlite3, zbar-tools, libxml2-utils (xmllint), pkg-config
#   Tools/install-deps.sh --test   also what the tests use: PostgreSQL, rsvg-convert, headless Chromium, pyiso8583,
#                                  schemathesis
#   Tools/install-deps.sh --bench  also what corridor-bench drives: wrk
# Uses sudo only when not root.
set -euo pipefail

packages=(pkg-config libqrencode-dev libpng-dev libsqlite3-dev zbar-tools libxml2-utils)
python_packages=()
if [[ "${1:-}" == "--test" ]]; then
    packages+=(postgresql librsvg2-bin python3-pip chromium-headless-shell fonts-dejavu-core)
    python_packages+=(pyiso8583 schemathesis)
fi
if [[ "${1:-}" == "--bench" ]]; then
    packages+=(wrk)
fi

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "corridor: installing ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for package in "${python_packages[@]}"; do
    if ! python3 -c "import importlib, sys; importlib.import_module(sys.argv[1])" "$package" 2>/dev/null; then
        echo "corridor: pip installing $package" >&2
        python3 -m pip install -q "$package" 2>/dev/null \
            || python3 -m pip install -q --break-system-packages "$package"
    fi
done

if ! command -v swift >/dev/null 2>&1; then
    if [[ -x /opt/swift/usr/bin/swift ]]; then
        echo "corridor: add /opt/swift/usr/bin to PATH" >&2
    else
        echo "corridor: Swift 6.1 or newer is required (https://www.swift.org/install/linux/)" >&2
        exit 1
    fi
fi
