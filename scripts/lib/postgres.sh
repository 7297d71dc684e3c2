# shellcheck shell=bash
# Starts a throw-away PostgreSQL on 127.0.0.1 for the store's PostgreSQL suite and exports
# DROVER_TEST_POSTGRES_URL. Installs Debian's postgresql when missing (root + apt only).
# Without it the suite is skipped with a message, never failed.

ensure_postgres() {
  if [ -n "${DROVER_TEST_POSTGRES_URL:-}" ]; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      log "postgresql not installed and cannot install it here; the PostgreSQL store suite will be skipped"
      return 0
    fi
    log "installing postgresql (Debian package) for the store's PostgreSQL suite"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 || {
      log "postgresql install failed; the PostgreSQL store suite will be skipped"
      return 0
    }
  fi
  local version cluster=main
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
    pg_createcluster "$version" "$cluster" >/dev/null
  fi
  pg_conftool "$version" "$cluster" set listen_addresses "'127.0.0.1'" >/dev/null
  local port
  port="$(pg_conftool "$version" "$cluster" show port | awk -F"= *" '{print $2}' | tr -d "'")"
  pg_ctlcluster "$version" "$cluster" start 2>/dev/null || pg_ctlcluster "$version" "$cluster" status >/dev/null || {
    log "postgresql did not start; the PostgreSQL store suite will be skipped"
    return 0
  }
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='drover'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc \"CREATE ROLE drover LOGIN PASSWORD 'drover'\"" >/dev/null
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='drover_test'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc \"CREATE DATABASE drover_test OWNER drover\"" >/dev/null
  export DROVER_TEST_POSTGRES_URL="postgres://drover:drover@127.0.0.1:$port/drover_test"
  log "PostgreSQL for tests at 127.0.0.1:$port"
}
