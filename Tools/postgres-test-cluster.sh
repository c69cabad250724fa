#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for Corridor's tests and benchmarks.
#
#   eval "$(Tools/postgres-test-cluster.sh start)"   # prints export CORRIDOR_POSTGRES_URL=…
#   Tools/postgres-test-cluster.sh env                # the export lines again (cluster must be running)
#   Tools/postgres-test-cluster.sh status
#   Tools/postgres-test-cluster.sh stop               # stops it (the files stay)
#   Tools/postgres-test-cluster.sh destroy            # stops it and deletes its directory
#
# Settings (environment):
#   CORRIDOR_PG_DIR    where the cluster lives (default: ${TMPDIR:-/tmp}/corridor-pg-test); a second argument to
#                      any command overrides it. Must be reachable by the `postgres` user when run as root.
#   CORRIDOR_PG_PORT   the first port to try (default 54329); the next free one is taken if it is busy.
#   CORRIDOR_PG_BIN    the directory with initdb/pg_ctl (default: the newest /usr/lib/postgresql/*/bin, else PATH).
#   CORRIDOR_PG_STATS  1 to load pg_stat_statements (profiling).
#
# Needs only the server binaries (Debian: `apt-get install postgresql`); it never uses or depends on the
# distribution's own cluster on 5432. Authentication is `trust` for user `corridor`, on 127.0.0.1 and on a
# Unix socket inside the cluster directory only. Idempotent: `start` on a running cluster just prints the URL.
# Messages go to standard error; standard output carries only the export lines.
set -euo pipefail

command=${1:-start}
base=${2:-${CORRIDOR_PG_DIR:-${TMPDIR:-/tmp}/corridor-pg-test}}
data="$base/data"
socket_dir="$base/socket"
log="$base/server.log"
port_file="$base/port"
user=corridor
database=corridor_test

say() { echo "postgres-test-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

find_bin() {
    if [[ -n ${CORRIDOR_PG_BIN:-} ]]; then echo "$CORRIDOR_PG_BIN"; return; fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $newest && -x $newest/initdb ]]; then echo "$newest"; return; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
    die "initdb not found: install PostgreSQL (Debian: apt-get install postgresql) or set CORRIDOR_PG_BIN"
}
bin=$(find_bin)

# The server refuses to run as root: as root, run every server command as `postgres`.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server"
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

is_running() { [[ -f $data/PG_VERSION ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port=${CORRIDOR_PG_PORT:-54329} tries=0
    while port_in_use "$port"; do
        port=$((port + 1)); tries=$((tries + 1))
        [[ $tries -lt 100 ]] || die "no free port from ${CORRIDOR_PG_PORT:-54329} to $port"
    done
    echo "$port"
}

print_env() {
    local port
    port=$(cat "$port_file")
    echo "export CORRIDOR_POSTGRES_URL=postgres://$user@127.0.0.1:$port/$database"
    echo "export CORRIDOR_PG_DIR=$base"
}

psql_admin() {
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$(cat "$port_file")" -U "$user" "$@"
}

start() {
    mkdir -p "$base"
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$base"; fi
    if [[ ! -f $data/PG_VERSION ]]; then
        say "initdb in $data"
        as_owner mkdir -p "$data" "$socket_dir"
        as_owner "$bin/initdb" -D "$data" -U "$user" --auth=trust --encoding=UTF8 --locale=C >"$base/initdb.log" 2>&1 \
            || { cat "$base/initdb.log" >&2; die "initdb failed"; }
        # Only loopback and the private socket; trust is safe there for a throwaway cluster.
        as_owner sh -c "printf '%s\n' \
            'local all all trust' \
            'host all all 127.0.0.1/32 trust' \
            'host all all ::1/128 trust' >'$data/pg_hba.conf'"
    fi
    as_owner mkdir -p "$socket_dir"
    if is_running; then
        say "already running in $data on port $(cat "$port_file")"
    else
        local port preload=""
        port=$(free_port)
        echo "$port" >"$port_file"
        if [[ ${CORRIDOR_PG_STATS:-0} == 1 ]]; then preload="-c shared_preload_libraries=pg_stat_statements"; fi
        say "starting on 127.0.0.1:$port (log: $log)"
        as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
            -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1 -c max_connections=200 $preload" >&2 \
            || { tail -n 20 "$log" >&2 || true; die "the server did not start"; }
        # pg_ctl reads the log file as the owner; keep it readable for the caller too.
    fi
    if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
        psql_admin -d postgres -c "CREATE DATABASE $database"
    fi
    if [[ ${CORRIDOR_PG_STATS:-0} == 1 ]]; then
        psql_admin -d "$database" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" || true
    fi
    print_env
}

stop() {
    if is_running; then
        as_owner "$bin/pg_ctl" -D "$data" -w -m fast stop >&2
    else
        say "not running ($data)"
    fi
}

case $command in
    start) start ;;
    stop) stop ;;
    destroy) stop; rm -rf "$base" ;;
    status) if is_running; then say "running on port $(cat "$port_file")"; else say "not running"; exit 3; fi ;;
    env) is_running || die "not running; use: $0 start"; print_env ;;
    *) die "usage: $0 start|stop|status|env|destroy [DIR]" ;;
esac
