#!/usr/bin/env bash
# libFuzzer targets for Corridor's parsers (issue 9 §1); the targets live in Tools/Fuzz/<Dir>/main.swift.
#
#   Tools/fuzz.sh build [TARGET…]             build the targets (all by default) into .build-fuzz/bin
#   Tools/fuzz.sh run [SECONDS] [TARGET…]     fuzz each target for SECONDS (default 60), two at a time on two cores;
#                                             exit 1 when any target crashed, naming the crash inputs
#   Tools/fuzz.sh long TARGET [SECONDS]       a long run (until Ctrl-C, or SECONDS) on every core, crashes kept
#   Tools/fuzz.sh corpus [TARGET…]            (re)seed .build-fuzz/corpus/<target> only
#   Tools/fuzz.sh list                        the target names
#
# SwiftPM cannot build fuzzers, so each library module is compiled here with swiftc into .build-fuzz/, one object
# per module, and rebuilt only when its sources, its flags or a module below it change. Two sets of modules:
#   pure: CorridorCore (without CardTokenizer.swift, the one file needing swift-crypto), CorridorMerchantQR,
#         CorridorISO8583, CorridorISO20022 — nothing but the toolchain is needed;
#   full: every module the offline CBDC decoder and the scenario loader need, linked against the swift-crypto,
#         swift-log and Yams objects of the SwiftPM debug build (`swift build` runs first when they are missing).
#         http-json also compiles the HTTP body models and their validation from Sources/CorridorServer into the
#         target itself (target_library_files), not the module with its Hummingbird, NIO, GRDB and PostgresNIO.
# The pure set is built at -O and instrumented (-sanitize=fuzzer,address). In the full set only the modules a target
# fuzzes are instrumented, and everything is built at -Onone, which keeps both the build and the coverage map small.
#
# Corpora: .build-fuzz/corpus/<target> starts from Samples/, the committed seeds in Tools/Fuzz/seeds/<target>,
# the regression inputs in Tools/Fuzz/regressions/<target> and the payloads each target's encoder makes
# (CORRIDOR_FUZZ_SEEDS_OUT). A target may keep a libFuzzer dictionary as Tools/Fuzz/<Dir>/<target>.dict. Crash
# inputs are written to .build-fuzz/artifacts/<target>/.
# Environment: CORRIDOR_FUZZ_DIR (default .build-fuzz), CORRIDOR_FUZZ_JOBS (default: the number of cores, ≤ 2),
# CORRIDOR_FUZZ_PURE_OPT (-O by default; the test script's smoke run takes -Onone, minutes less to build from cold),
# CORRIDOR_FUZZ_SEED (`run` only: libFuzzer's -seed, so a run repeats the same mutations — the test script's smoke run
# takes 1, which makes CI re-check a known path instead of turning red on whatever a random one happens to find; long
# runs stay random and are where new findings come from),
# CORRIDOR_FUZZ_REV (build the library from that commit's Sources/ instead of the working tree, e.g. HEAD while
# others edit the checkout; the fuzz targets themselves always come from the working tree).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=Tools/swift-env.sh
source "$ROOT/Tools/swift-env.sh"
OUT=${CORRIDOR_FUZZ_DIR:-$ROOT/.build-fuzz}
FUZZ_SOURCES=$ROOT/Tools/Fuzz
# Where the library's Sources/ are read from.
SOURCE_ROOT=$ROOT
if [[ -n ${CORRIDOR_FUZZ_REV:-} ]]; then
    revision=$(git -C "$ROOT" rev-parse --verify "$CORRIDOR_FUZZ_REV^{commit}")
    SOURCE_ROOT=$OUT/tree/$revision
    if [[ ! -d $SOURCE_ROOT/Sources ]]; then
        mkdir -p "$SOURCE_ROOT"
        git -C "$ROOT" archive "$revision" Sources | tar -x -C "$SOURCE_ROOT"
    fi
fi

# name:directory in Tools/Fuzz:module set:module fuzzed:extra swiftc flags:extra libFuzzer flags
# iso20022 runs without leak detection: FoundationXML's XMLParser leaks the CFError of every malformed document
# (_CFErrorCreateFromXMLInterface), which LeakSanitizer would report on the first bad input.
TARGET_TABLE=(
    "emv-mpm:EMVMPM:pure:CorridorMerchantQR::"
    "sbp-link:SBPLink:pure:CorridorMerchantQR::"
    "gost:GOST:pure:CorridorMerchantQR::"
    "iso8583-ascii:ISO8583Unpack:pure:CorridorISO8583:-DDIALECT_ASCII:"
    "iso8583-binary:ISO8583Unpack:pure:CorridorISO8583:-DDIALECT_BINARY_BITMAP:"
    "iso8583-ebcdic:ISO8583Unpack:pure:CorridorISO8583:-DDIALECT_EBCDIC:"
    "iso8583-bcd:ISO8583Unpack:pure:CorridorISO8583:-DDIALECT_BCD:"
    "chip-data:ChipData:pure:CorridorISO8583::"
    "iso20022:ISO20022Reader:pure:CorridorISO20022::-detect_leaks=0"
    "cbdc-offline:CBDCOffline:full:CorridorCBDC::"
    "scenario-yaml:ScenarioYAML:full:CorridorScenario::"
    "http-json:HTTPJSON:full:CorridorServer::"
)

# Library files compiled into a target itself (and instrumented with it) instead of as a module of a set: the HTTP
# body models and their validation, which are pure Swift over the full set, while the rest of their module
# (CorridorServer) needs Hummingbird, SwiftNIO, GRDB and PostgresNIO. Tools/Fuzz/HTTPJSON/HTTPProblem.swift stands in
# for the one Hummingbird-bound type they throw.
target_library_files() {
    case $1 in
        http-json)
            find "$SOURCE_ROOT/Sources/CorridorServer/HTTP/Models" -name '*.swift' | LC_ALL=C sort
            printf '%s\n' "$SOURCE_ROOT/Sources/CorridorServer/HTTP/Core/HTTPCaller.swift" \
                "$SOURCE_ROOT/Sources/CorridorServer/HTTP/Core/HTTPLimits.swift" \
                "$SOURCE_ROOT/Sources/CorridorServer/HTTP/Service/MerchantValidation.swift"
            ;;
    esac
}

# The modules of each set, lowest first, with the modules each imports.
PURE_MODULES=(
    "CorridorCore:"
    "CorridorMerchantQR:CorridorCore"
    "CorridorISO8583:CorridorCore"
    "CorridorISO20022:CorridorCore"
)
FULL_MODULES=(
    "CorridorCore:"
    "CorridorMerchantQR:CorridorCore"
    "CorridorISO8583:CorridorCore"
    "CorridorISO20022:CorridorCore"
    "CorridorLedger:CorridorCore"
    "CorridorIssuer:CorridorCore CorridorISO8583 CorridorLedger"
    "CorridorCBDC:CorridorCore CorridorLedger CorridorMerchantQR"
    "CorridorGateway:CorridorCore CorridorMerchantQR CorridorISO8583 CorridorISO20022 CorridorLedger CorridorIssuer \
CorridorCBDC"
    "CorridorScenario:CorridorCore CorridorLedger CorridorMerchantQR CorridorISO20022 CorridorGateway CorridorCBDC"
)
# Modules with resources (Package.swift `resources:`).
RESOURCE_MODULES="CorridorISO20022"
# Modules instrumented in the full set: the ones a full-set target fuzzes (CorridorCore for http-json: its money,
# currency, card number and duplicate-key readers are what a JSON body reaches).
FULL_INSTRUMENTED="CorridorCore CorridorCBDC CorridorScenario"
# The SwiftPM products the full set links: their Swift modules and every object of these targets.
SWIFTPM_MODULES=(Crypto CryptoBoringWrapper Logging Yams)
SWIFTPM_OBJECT_DIRS=(Crypto CryptoBoringWrapper CCryptoBoringSSL CCryptoBoringSSLShims Logging Yams CYaml)
SWIFTPM_C_MODULES=(
    swift-crypto/Sources/CCryptoBoringSSL/include
    swift-crypto/Sources/CCryptoBoringSSLShims/include
    Yams/Sources/CYaml/include
)

# Swift's own crash backtracer walks the stack after a trap, which AddressSanitizer reports as a bad read (and which
# can hang); libFuzzer prints the stack of a trap itself.
export SWIFT_BACKTRACE=enable=no

COMMON_FLAGS=(-parse-as-library -swift-version 6 -enable-upcoming-feature ExistentialAny -g)

log() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
elapsed() { local start=$1; printf '%d.%01ds' $((($(now_ms) - start) / 1000)) $(((($(now_ms) - start) % 1000) / 100)); }
# The linker warns about every Swift symbol it cannot export from a sanitized binary; those lines are noise.
filter_link_noise() { grep -v -e 'Cannot export local symbol' -e '^warning: Cannot export' || true; }

target_field() { # target_field NAME INDEX
    local row
    for row in "${TARGET_TABLE[@]}"; do
        if [[ ${row%%:*} == "$1" ]]; then
            IFS=: read -r -a parts <<<"$row"
            printf '%s' "${parts[$2]:-}"
            return 0
        fi
    done
    log "unknown fuzz target: $1 (targets: $(all_targets | tr '\n' ' '))"
    exit 2
}
all_targets() { local row; for row in "${TARGET_TABLE[@]}"; do printf '%s\n' "${row%%:*}"; done; }

# The module's sources, sorted; the pure set's Core leaves out the one file that needs swift-crypto. A module with
# resources gets the `Bundle.module` SwiftPM would generate, pointing at its source folder (where they live).
module_sources() {
    local set=$1 module=$2
    if [[ $set == pure && $module == CorridorCore ]]; then
        find "$SOURCE_ROOT/Sources/$module" -name '*.swift' ! -name CardTokenizer.swift | LC_ALL=C sort
    else
        find "$SOURCE_ROOT/Sources/$module" -name '*.swift' | LC_ALL=C sort
    fi
    if [[ " $RESOURCE_MODULES " == *" $module "* ]]; then
        local accessor=$OUT/generated/$module/resource_bundle_accessor.swift
        mkdir -p "$(dirname "$accessor")"
        printf '%s\n' 'import Foundation' '' 'extension Foundation.Bundle {' \
            "    static let module: Bundle = Bundle(path: \"$SOURCE_ROOT/Sources/$module\")!" '}' >"$accessor"
        printf '%s\n' "$accessor"
    fi
}

swiftpm_flags() {
    local dir
    printf '%s\n' -I "$OUT/swiftpm/Modules"
    for dir in "${SWIFTPM_C_MODULES[@]}"; do
        printf '%s\n' -Xcc "-fmodule-map-file=$ROOT/.build/checkouts/$dir/module.modulemap" \
            -Xcc -I -Xcc "$ROOT/.build/checkouts/$dir"
    done
}

# Copies the SwiftPM-built swift-crypto, swift-log and Yams (modules and objects) into .build-fuzz/swiftpm, so that
# a `swift build` running beside the fuzzers cannot change them halfway through a link.
snapshot_swiftpm() {
    local bin=$ROOT/.build/debug missing=0 module dir
    for module in "${SWIFTPM_MODULES[@]}"; do [[ -f $bin/Modules/$module.swiftmodule ]] || missing=1; done
    if ((missing)); then
        log "fuzz: swift-crypto, swift-log or Yams is not built yet; building them with SwiftPM"
        (cd "$ROOT" && swift build --target CorridorCBDC && swift build --target CorridorScenario) >&2
    fi
    local stamp=$OUT/swiftpm/stamp current
    current=$(for module in "${SWIFTPM_MODULES[@]}"; do stat -c '%n %Y %s' "$bin/Modules/$module.swiftmodule"; done)
    [[ -f $stamp && $(cat "$stamp") == "$current" ]] && return 0
    rm -rf "$OUT/swiftpm" && mkdir -p "$OUT/swiftpm/Modules" "$OUT/swiftpm/objects"
    for module in "${SWIFTPM_MODULES[@]}"; do cp "$bin/Modules/$module.swiftmodule" "$OUT/swiftpm/Modules/"; done
    local index=0 object
    for dir in "${SWIFTPM_OBJECT_DIRS[@]}"; do
        while IFS= read -r object; do
            # Flat names: several targets have a `shims.c.o`.
            cp "$object" "$OUT/swiftpm/objects/$dir-$index-$(basename "$object")"
            index=$((index + 1))
        done < <(find "$bin/$dir.build" -name '*.o' ! -name '*.swiftmodule.o' | LC_ALL=C sort)
    done
    printf '%s' "$current" >"$stamp"
    log "fuzz: took $index SwiftPM objects (swift-crypto, swift-log, Yams) from $bin"
}

# build_module SET MODULE DEPENDENCIES: one object and one .swiftmodule per module, cached by a content hash.
build_module() {
    local set=$1 module=$2 deps=$3 dir=$OUT/$set
    local -a flags=("${COMMON_FLAGS[@]}" -wmo -enable-testing -I "$dir/Modules")
    if [[ $set == pure ]]; then
        flags+=("${CORRIDOR_FUZZ_PURE_OPT:--O}" -sanitize=fuzzer,address)
    elif [[ " $FULL_INSTRUMENTED " == *" $module "* ]]; then
        # -O would cost minutes here (CorridorCBDC alone took 3) for targets that are not hot loops.
        flags+=(-Onone -sanitize=fuzzer,address)
    else
        flags+=(-Onone)
    fi
    if [[ $set == full ]]; then mapfile -t -O ${#flags[@]} flags < <(swiftpm_flags); fi
    local -a sources
    mapfile -t sources < <(module_sources "$set" "$module")
    local key dep
    key=$({
        printf '%s\n' "$(swiftc --version 2>&1 | head -1)" "${flags[@]}"
        for dep in $deps; do cat "$dir/stamps/$dep"; done
        # By content and name, not by folder: a tree from CORRIDOR_FUZZ_REV hits the same cache.
        local source
        for source in "${sources[@]}"; do
            printf '%s %s\n' "$(sha256sum <"$source" | cut -d' ' -f1)" "${source##*/Sources/}"
        done
    } | sha256sum | cut -d' ' -f1)
    if [[ -f $dir/stamps/$module && $(cat "$dir/stamps/$module") == "$key" ]]; then return 0; fi
    mkdir -p "$dir/Modules" "$dir/objects" "$dir/stamps"
    local start
    start=$(now_ms)
    if ! swiftc "${flags[@]}" -module-name "$module" -emit-module -emit-module-path "$dir/Modules/$module.swiftmodule" \
        -c "${sources[@]}" -o "$dir/objects/$module.o" 2>"$dir/$module.log"; then
        cat "$dir/$module.log" >&2
        log "fuzz: $module ($set) failed to compile"
        exit 1
    fi
    grep -E 'warning:' "$dir/$module.log" >&2 || true
    printf '%s' "$key" >"$dir/stamps/$module"
    log "fuzz: compiled $module ($set set) in $(elapsed "$start")"
}

build_set() {
    local set=$1 row
    local -n rows=$([[ $set == pure ]] && echo PURE_MODULES || echo FULL_MODULES)
    [[ $set == full ]] && snapshot_swiftpm
    for row in "${rows[@]}"; do build_module "$set" "${row%%:*}" "${row#*:}"; done
}

build_target() {
    local name=$1 dir set defines
    dir=$(target_field "$name" 1)
    set=$(target_field "$name" 2)
    defines=$(target_field "$name" 4)
    local -a flags=("${COMMON_FLAGS[@]}" -O -sanitize=fuzzer,address -I "$OUT/$set/Modules")
    [[ -n $defines ]] && flags+=("$defines")
    if [[ $set == full ]]; then mapfile -t -O ${#flags[@]} flags < <(swiftpm_flags); fi
    local -a sources objects
    mapfile -t sources < <(find "$FUZZ_SOURCES/Common" "$FUZZ_SOURCES/$dir" -name '*.swift' | LC_ALL=C sort)
    mapfile -t -O ${#sources[@]} sources < <(target_library_files "$name")
    mapfile -t objects < <(find "$OUT/$set/objects" -name '*.o' | LC_ALL=C sort)
    if [[ $set == full ]]; then
        mapfile -t -O ${#objects[@]} objects < <(find "$OUT/swiftpm/objects" -name '*.o' | LC_ALL=C sort)
    fi
    local key
    key=$({
        printf '%s\n' "${flags[@]}"
        cat "$OUT/$set/stamps/"*
        [[ $set == full ]] && cat "$OUT/swiftpm/stamp"
        sha256sum "${sources[@]}"
    } | sha256sum | cut -d' ' -f1)
    local binary=$OUT/bin/$name
    if [[ -x $binary && -f $OUT/bin/$name.stamp && $(cat "$OUT/bin/$name.stamp") == "$key" ]]; then return 0; fi
    mkdir -p "$OUT/bin"
    local start
    start=$(now_ms)
    if ! swiftc "${flags[@]}" -module-name "FuzzTarget_${dir}" "${sources[@]}" "${objects[@]}" -o "$binary" \
        2> >(filter_link_noise >"$OUT/bin/$name.log"); then
        sleep 0.2
        cat "$OUT/bin/$name.log" >&2
        log "fuzz: $name failed to build"
        exit 1
    fi
    sleep 0.2
    grep -E 'warning:|error:' "$OUT/bin/$name.log" >&2 || true
    printf '%s' "$key" >"$OUT/bin/$name.stamp"
    log "fuzz: built $name in $(elapsed "$start")"
}

build() {
    local -a names=("$@")
    ((${#names[@]})) || mapfile -t names < <(all_targets)
    local start name need_pure=0 need_full=0
    start=$(now_ms)
    for name in "${names[@]}"; do
        [[ $(target_field "$name" 2) == pure ]] && need_pure=1 || need_full=1
    done
    ((need_pure)) && build_set pure
    ((need_full)) && build_set full
    for name in "${names[@]}"; do build_target "$name"; done
    log "fuzz: build done in $(elapsed "$start")"
}

# Seeds one target's working corpus (kept between runs; inputs libFuzzer found stay in it).
seed_corpus() {
    local name=$1 corpus=$OUT/corpus/$1
    mkdir -p "$corpus"
    local dir
    for dir in "$FUZZ_SOURCES/seeds/$name" "$FUZZ_SOURCES/regressions/$name"; do
        [[ -d $dir ]] && find "$dir" -type f ! -name '*.md' -exec cp {} "$corpus/" \;
    done
    case $name in
        emv-mpm | sbp-link | gost)
            local format=${name%%-*}
            python3 - "$ROOT/Samples/merchant-qr/published.json" "$corpus" "$format" <<'PY'
import hashlib, json, sys
samples = json.load(open(sys.argv[1]))["samples"]
for sample in samples:
    if sample.get("format") == sys.argv[3]:
        data = sample["payload"].encode()
        open(f"{sys.argv[2]}/sample-{hashlib.sha1(data).hexdigest()[:12]}", "wb").write(data)
PY
            ;;
        iso20022) cp "$ROOT"/Samples/iso20022/*.xml "$corpus/" ;;
        scenario-yaml) cp "$ROOT"/Samples/scenarios/*.yaml "$corpus/" ;;
    esac
    CORRIDOR_FUZZ_SEEDS_OUT=$corpus "$OUT/bin/$name" >/dev/null 2>&1 || {
        log "fuzz: $name could not write its generated seeds"
        exit 1
    }
}

corpus() {
    local -a names=("$@")
    ((${#names[@]})) || mapfile -t names < <(all_targets)
    build "${names[@]}"
    local name
    for name in "${names[@]}"; do seed_corpus "$name"; done
}

# A libFuzzer dictionary beside the target's sources (Tools/Fuzz/<Dir>/<target>.dict), when there is one.
dictionary_option() {
    local file
    file=$FUZZ_SOURCES/$(target_field "$1" 1)/$1.dict
    if [[ -f $file ]]; then printf '%s\n' "-dict=$file"; fi
}

# -detect_leaks=0 only stops libFuzzer's own leak checks; LeakSanitizer's check at exit needs ASAN_OPTIONS too.
asan_options() {
    local value=${ASAN_OPTIONS:-}
    [[ " $* " == *" -detect_leaks=0 "* ]] && value=${value:+$value:}detect_leaks=0
    printf '%s' "$value"
}

# The last libFuzzer status line's numbers, and the stats it prints at exit.
summarize() {
    local name=$1 logfile=$2 status=$3
    local runs cov ft exec_s corp
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logfile" | tail -1 | grep -o '[0-9]*$' || true)
    exec_s=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$logfile" | tail -1 | grep -o '[0-9]*$' || true)
    cov=$(grep -o 'cov: [0-9]*' "$logfile" | tail -1 | grep -o '[0-9]*$' || true)
    ft=$(grep -o 'ft: [0-9]*' "$logfile" | tail -1 | grep -o '[0-9]*$' || true)
    corp=$(grep -o 'corp: [0-9]*' "$logfile" | tail -1 | grep -o '[0-9]*$' || true)
    printf '%-16s %-6s %12s %9s %7s %7s %7s\n' "$name" "$status" "${runs:-?}" "${exec_s:-?}" "${cov:-?}" \
        "${ft:-?}" "${corp:-?}"
}

run() {
    local seconds=60
    if [[ ${1:-} =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
    local -a names=("$@")
    ((${#names[@]})) || mapfile -t names < <(all_targets)
    local start
    start=$(now_ms)
    corpus "${names[@]}"
    local jobs=${CORRIDOR_FUZZ_JOBS:-$(nproc)}
    ((jobs > 2)) && jobs=2
    ((jobs < 1)) && jobs=1
    mkdir -p "$OUT/logs"
    log "fuzz: ${#names[@]} targets, ${seconds}s each, $jobs at a time"
    local -A pids=()
    local name running failed=()
    for name in "${names[@]}"; do
        while :; do
            running=0
            for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=$((running + 1)); done
            ((running < jobs)) && break
            sleep 1
        done
        mkdir -p "$OUT/artifacts/$name"
        local -a options=()
        read -r -a options <<<"$(target_field "$name" 5)"
        mapfile -t -O ${#options[@]} options < <(dictionary_option "$name")
        if [[ -n ${CORRIDOR_FUZZ_SEED:-} ]]; then options+=("-seed=$CORRIDOR_FUZZ_SEED"); fi
        ASAN_OPTIONS=$(asan_options "${options[@]}") "$OUT/bin/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            "${options[@]}" -artifact_prefix="$OUT/artifacts/$name/" "$OUT/corpus/$name" >"$OUT/logs/$name.log" 2>&1 &
        pids[$name]=$!
    done
    printf '%-16s %-6s %12s %9s %7s %7s %7s\n' target result runs exec/s cov ft corpus
    for name in "${names[@]}"; do
        if wait "${pids[$name]}"; then
            summarize "$name" "$OUT/logs/$name.log" ok
        else
            summarize "$name" "$OUT/logs/$name.log" CRASH
            failed+=("$name")
        fi
    done
    log "fuzz: run done in $(elapsed "$start") (wall time, build included)"
    if ((${#failed[@]})); then
        for name in "${failed[@]}"; do
            log "--- $name crashed (log: $OUT/logs/$name.log)"
            grep -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY' "$OUT/logs/$name.log" | head -5 >&2 ||
                true
            grep -o "Test unit written to .*" "$OUT/logs/$name.log" | sed 's/^Test unit written to /crash input: /' \
                >&2 || true
        done
        return 1
    fi
}

long() {
    local name=${1:?usage: Tools/fuzz.sh long TARGET [SECONDS]} seconds=${2:-0}
    corpus "$name"
    mkdir -p "$OUT/artifacts/$name"
    log "fuzz: $name on $(nproc) workers$( ((seconds)) && echo " for ${seconds}s"); crashes are kept, the run goes on"
    local status=0
    local -a options=()
    read -r -a options <<<"$(target_field "$name" 5)"
    mapfile -t -O ${#options[@]} options < <(dictionary_option "$name")
    ASAN_OPTIONS=$(asan_options "${options[@]}") "$OUT/bin/$name" "${options[@]}" -fork="$(nproc)" -ignore_crashes=1 -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$name/" "$OUT/corpus/$name" || status=$?
    local found
    found=$(find "$OUT/artifacts/$name" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
    if [[ -n $found ]]; then
        log "fuzz: inputs that failed (replay one with $OUT/bin/$name FILE):"
        printf '%s\n' "$found" >&2
        return 1
    fi
    return "$status"
}

command=${1:-}
shift || true
case $command in
    build) build "$@" ;;
    run) run "$@" ;;
    long) long "$@" ;;
    corpus) corpus "$@" ;;
    list) all_targets ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
