#!/usr/bin/env bash
# A throwaway PostgreSQL for tests, on a free loopback port, with data in a temp folder.
#
#   url=$(bash scripts/pg/throwaway-postgres.sh start)   # prints postgres://postgres@127.0.0.1:<port>/postgres
#   bash scripts/pg/throwaway-postgres.sh url            # the same URL again while it runs
#   bash scripts/pg/throwaway-postgres.sh stop           # stop it and delete its folder
#
# Only the URL goes to stdout; progress and errors go to stderr. Installs Debian's `postgresql`
# when no server binaries are found. initdb refuses to run as root, so as root the cluster is
# owned by and run as the `postgres` user. State (folder, port) lives in $THROWAWAY_PG_STATE
# (default /tmp/lr-manager-throwaway-postgres.state) so `stop` works from another shell.
set -euo pipefail

STATE_FILE="${THROWAWAY_PG_STATE:-/tmp/lr-manager-throwaway-postgres.state}"
PG_LIB_ROOT=/usr/lib/postgresql

log() { echo "throwaway-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

find_bin_dir() {
  local dir
  # Newest major version first.
  for dir in $(ls -d "$PG_LIB_ROOT"/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

ensure_binaries() {
  local dir
  if dir=$(find_bin_dir); then echo "$dir"; return 0; fi
  [[ $EUID -eq 0 ]] || die "PostgreSQL server binaries not found and not root: install the 'postgresql' package"
  log "PostgreSQL binaries not found; installing Debian's postgresql (apt-get)…"
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2 \
    || die "apt-get install postgresql failed"
  dir=$(find_bin_dir) || die "postgresql installed but no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
  echo "$dir"
}

# Run a server binary as the cluster owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

read_state() {
  [[ -f "$STATE_FILE" ]] || return 1
  # shellcheck disable=SC1090
  source "$STATE_FILE"
  [[ -n "${PG_DIR:-}" && -n "${PG_PORT:-}" && -n "${PG_BIN:-}" ]]
}

url_for() { echo "postgres://postgres@127.0.0.1:$1/postgres"; }

is_running() {
  [[ -d "$PG_DIR/data" ]] && as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1
}

cmd_start() {
  if read_state && is_running; then
    log "already running in $PG_DIR (port $PG_PORT)"
    url_for "$PG_PORT"
    return 0
  fi
  local bin dir port attempt
  bin=$(ensure_binaries)
  dir=$(mktemp -d /tmp/lr-pg.XXXXXX)
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' missing (the postgresql package creates it)"
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  # A picked port can be taken before the server binds it: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      printf 'PG_DIR=%q\nPG_PORT=%q\nPG_BIN=%q\n' "$dir" "$port" "$bin" >"$STATE_FILE"
      log "started PostgreSQL ($bin) in $dir on 127.0.0.1:$port"
      url_for "$port"
      return 0
    fi
    log "start on port $port failed (attempt $attempt)"
  done
  tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
  rm -rf "$dir"
  die "could not start PostgreSQL"
}

cmd_url() {
  read_state && is_running || die "not running (no live server in $STATE_FILE)"
  url_for "$PG_PORT"
}

cmd_stop() {
  if ! read_state; then log "nothing to stop"; return 0; fi
  if is_running; then
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || log "pg_ctl stop failed"
  fi
  # Only ever delete a folder this script made.
  [[ "$PG_DIR" == /tmp/lr-pg.* ]] && rm -rf "$PG_DIR"
  rm -f "$STATE_FILE"
  log "stopped"
}

case "${1:-}" in
  start) cmd_start ;;
  url) cmd_url ;;
  stop) cmd_stop ;;
  *) die "usage: $0 start|url|stop" ;;
esac
