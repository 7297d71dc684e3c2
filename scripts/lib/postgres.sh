# shellcheck shell=bash disable=SC2034 # SERVICE_REASON is read by the sourcing script (scripts/test)
# Starts a throw-away PostgreSQL on 127.0.0.1 for the store's PostgreSQL suite and exports
# DROVER_TEST_POSTGRES_URL once a query over TCP answers. Installs Debian's postgresql when
# missing (root + apt only). Returns 1 with the reason in SERVICE_REASON when it cannot:
# scripts/test then counts the suite as skipped, or as failed under CI=true.

ensure_postgres() {
  SERVICE_REASON=
  if [ -n "${DROVER_TEST_POSTGRES_URL:-}" ]; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      SERVICE_REASON="postgresql is not installed and this user cannot install it (needs root and apt-get)"
      return 1
    fi
    log "installing postgresql (Debian package) for the store's PostgreSQL suite"
    if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq postgresql >/dev/null; } >&2; then
      SERVICE_REASON="apt-get install postgresql failed"
      return 1
    fi
  fi
  if [ "$(id -u)" -ne 0 ]; then
    SERVICE_REASON="starting a PostgreSQL cluster needs root (or set DROVER_TEST_POSTGRES_URL)"
    return 1
  fi
  local version cluster=main port i
  version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -1)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
    pg_createcluster "$version" "$cluster" >/dev/null
  fi
  # Our settings live in a conf.d file we write whole: pg_conftool's quoting of `set` differs between
  # postgresql-common versions (one wrote '''127.0.0.1''', another a bare 127.0.0.1; both fail to
  # start). A listen_addresses line an earlier run left in postgresql.conf is removed.
  pg_conftool "$version" "$cluster" remove listen_addresses >/dev/null 2>&1 || true
  mkdir -p "/etc/postgresql/$version/$cluster/conf.d"
  printf "# written by Drover's scripts/lib/postgres.sh (test cluster)\nlisten_addresses = '127.0.0.1'\n" \
    >"/etc/postgresql/$version/$cluster/conf.d/drover-test.conf"
  port="$(pg_conftool -s "$version" "$cluster" show port)"
  if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
    if ! pg_ctlcluster "$version" "$cluster" start >&2; then
      SERVICE_REASON="PostgreSQL $version/$cluster did not start: $(tail -3 "/var/log/postgresql/postgresql-$version-$cluster.log" 2>/dev/null | tr '\n' ' ')"
      return 1
    fi
  fi
  for ((i = 0; i < 60; i++)); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    SERVICE_REASON="PostgreSQL $version/$cluster does not accept connections on 127.0.0.1:$port after 30 s"
    return 1
  fi
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='drover'\"" | grep -q 1 ||
    su postgres -c "psql -p $port -qc \"CREATE ROLE drover LOGIN PASSWORD 'drover'\"" >/dev/null
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='drover_test'\"" | grep -q 1 ||
    su postgres -c "psql -p $port -qc \"CREATE DATABASE drover_test OWNER drover\"" >/dev/null
  # The URL is exported only after a login over TCP, as the suite will make it, has worked.
  if ! PGPASSWORD=drover psql -h 127.0.0.1 -p "$port" -U drover -d drover_test -qtAc 'SELECT 1' 2>/dev/null | grep -q 1; then
    SERVICE_REASON="PostgreSQL on 127.0.0.1:$port refuses the drover login"
    return 1
  fi
  export DROVER_TEST_POSTGRES_URL="postgres://drover:drover@127.0.0.1:$port/drover_test"
  log "PostgreSQL for tests at 127.0.0.1:$port"
}
