# shellcheck shell=bash
# scripts/testbed.sh: the image registry the hosts pull from.

# ---- registry (Debian docker-registry) on the central address + 127.0.0.1 relay for pushing ----
registry_up() {
  local d=$TB_STATE/registry
  mkdir -p "$d" "$TB_DATA/registry"
  if ! pid_ok "$d/registry.pid" "$d/config.yml"; then
    cat >"$d/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $TB_DATA/registry
  delete:
    enabled: true
http:
  addr: $REG
EOF
    start_bg "$d/registry.pid" "$d/registry.log" docker-registry serve "$d/config.yml"
  fi
  # The running root dockerd only treats 127.0.0.0/8 as an insecure (plain HTTP) registry, and we must
  # not restart it, so it pushes to 127.0.0.1:$TB_PUSH_PORT which socat relays to $REG.
  if ! pid_ok "$d/relay.pid" "TCP:$REG"; then
    start_bg "$d/relay.pid" "$d/relay.log" socat "TCP-LISTEN:$TB_PUSH_PORT,bind=127.0.0.1,fork,reuseaddr" "TCP:$REG"
  fi
  wait_for registry 30 http_ok "http://$REG/v2/" || die "registry: see $d/registry.log"
  wait_for "push relay" 10 http_ok "http://$PUSH/v2/" || die "relay on $PUSH (port busy? set TB_PUSH_PORT): $d/relay.log"
}
