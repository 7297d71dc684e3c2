# shellcheck shell=bash
# scripts/testbed.sh: the up, engine and down commands.

cmd_up() {
  local n=${1:-} k
  { [[ "$n" =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 200)); } || die "usage: testbed.sh up N   (1 <= N <= 200)"
  ensure_pkgs
  resolve_node
  ensure_root_dockerd
  mkdir -p "$TB_STATE" "$TB_DATA"
  net_core_up
  log "router netns $RNS up ($ROUTER_WAN <-> $ROUTER_LAN, masquerade)"
  registry_up
  log "registry up at http://$REG (push via $PUSH)"
  local extra=()
  for k in $(existing_hosts); do ((k <= n)) || extra+=("$k"); done
  ((${#extra[@]} == 0)) || { log "removing host(s) ${extra[*]} (N=$n)"; hosts_down "${extra[@]}"; }
  for ((k = 1; k <= n; k++)); do host_net_up "$k"; host_daemons_start "$k"; done
  log "host netns + daemons started for host1..host$n"
  images_up
  for ((k = 1; k <= n; k++)); do
    wait_for "dockerd host$k" 90 ping_sock "$(hsock "$k")" || die "dockerd host$k: see $TB_STATE/host$k/dockerd.log"
  done
  write_env "$n"
  log "up: $n hosts ready; env in $TB_STATE/env"
  cat "$TB_STATE/env"
}

cmd_engine() {
  ensure_pkgs
  ensure_root_dockerd
  log "root dockerd answers on $ROOT_SOCK"
}

cmd_down() {
  # shellcheck disable=SC2046
  hosts_down $(existing_hosts)
  kill_ns_leftovers "$RNS"
  [ ! -e "/run/netns/$RNS" ] || ip netns del "$RNS"
  ip link del "$WAN_VETH" 2>/dev/null || true
  ip link del "$TB_BR" 2>/dev/null || true # also drops the route to the site LAN
  rm_cgroups drover-testbed
  stop_pidfile "$TB_STATE/registry/relay.pid" "TCP:$REG" 5
  stop_pidfile "$TB_STATE/registry/registry.pid" "$TB_STATE/registry/config.yml" 10
  mountpoints_remove
  if [ -n "${TB_KEEP_CACHE:-}" ]; then # keep root-side images + registry blobs: next `up` skips build/push
    rm_tree "$TB_STATE"
    rm_tree "$TB_DATA/build"
    log "down: removed (kept cache: root images $PUSH/$TB_IMG_NS/*, $TB_DATA/registry)"
  else
    if ping_sock "$ROOT_SOCK"; then
      local refs
      refs=$(droot images --format '{{.Repository}}:{{.Tag}}' | grep -F "$PUSH/$TB_IMG_NS/" || true)
      # shellcheck disable=SC2086
      [ -z "$refs" ] || droot rmi $refs >/dev/null
    fi
    rm_tree "$TB_STATE"
    rm_tree "$TB_DATA"
    log "down: removed"
  fi
  if [ -n "${TB_STOP_ROOT_DOCKERD:-}" ] && [ -s "$ROOT_PIDFILE" ]; then
    stop_pidfile "$ROOT_PIDFILE" dockerd 30
    log "down: stopped the root dockerd this script had started"
  elif ping_sock "$ROOT_SOCK"; then
    log "root dockerd left running$([ -s "$ROOT_PIDFILE" ] && echo " (started by testbed.sh; TB_STOP_ROOT_DOCKERD=1 down stops it)"); apt packages left installed"
  fi
}
