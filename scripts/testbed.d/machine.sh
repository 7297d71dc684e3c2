# shellcheck shell=bash
# scripts/testbed.sh: what this machine needs: Debian packages, Node 24, the root dockerd.

# ---- Node 24 for the node image and the probes: the project's bootstrap location ----
resolve_node() {
  [ -z "${NODE_BIN:-}" ] || return 0
  if [ -n "${TB_NODE_BIN:-}" ]; then
    NODE_BIN=$TB_NODE_BIN
  else
    local cached=$DROVER_TOOLS/node_modules/node/bin/node
    if [ ! -x "$cached" ]; then
      ensure_node || die "cannot get Node $DROVER_NODE_MAJOR (scripts/lib/bootstrap.sh ensure_node)"
      if [ "$(node_major)" != "$DROVER_NODE_MAJOR" ]; then # a system Node 22/23 satisfies bootstrap, not the image
        log "installing Node $DROVER_NODE_MAJOR into $DROVER_TOOLS for the node image"
        mkdir -p "$DROVER_TOOLS"
        npm install --prefix "$DROVER_TOOLS" --no-audit --no-fund "node@$DROVER_NODE_MAJOR" >&2 || die "npm install node@$DROVER_NODE_MAJOR failed"
      fi
    fi
    if [ -x "$cached" ]; then NODE_BIN=$cached; else NODE_BIN=$(command -v node); fi
  fi
  NODE_BIN=$(readlink -f "$NODE_BIN")
  [ -x "$NODE_BIN" ] || die "no Node binary at $NODE_BIN"
  NODE_VER=$("$NODE_BIN" --version | sed 's/^v//')
  [ "${NODE_VER%%.*}" = "$DROVER_NODE_MAJOR" ] || log "warning: $NODE_BIN is Node $NODE_VER, not $DROVER_NODE_MAJOR"
}

# ---- packages ----
ensure_pkgs() {
  local missing=() p created_policy=0
  for p in "${PKGS[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" == "install ok installed" ]] || missing+=("$p")
  done
  # Node 24 comes from npm (bootstrap); npm itself from Debian when the machine has none.
  if [ -z "${TB_NODE_BIN:-}" ] && [ ! -x "$DROVER_TOOLS/node_modules/node/bin/node" ] && ! command -v npm >/dev/null; then
    missing+=(npm)
  fi
  ((${#missing[@]})) || return 0
  log "apt-get install ${missing[*]}"
  if [ ! -e /usr/sbin/policy-rc.d ]; then # keep postinst scripts from starting etcd/registry/docker services
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  local lockwait=(-o DPkg::Lock::Timeout=300) # wait for a concurrent apt/dpkg instead of failing
  { apt-get "${lockwait[@]}" update -qq && apt-get "${lockwait[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || {
    ((created_policy)) && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed"; }
  ((created_policy)) && rm -f /usr/sbin/policy-rc.d
  log "packages installed"
}

# ---- root dockerd (builds and pushes the images; tests build their images on it too) ----
ensure_root_dockerd() {
  ping_sock "$ROOT_SOCK" && return 0
  log "no dockerd answers on $ROOT_SOCK; starting one (pid file $ROOT_PIDFILE, log $ROOT_LOG)"
  # shellcheck disable=SC2086 # TB_ROOT_DOCKERD_ARGS is a list of flags
  start_bg "$ROOT_PIDFILE" "$ROOT_LOG" dockerd --host="unix://$ROOT_SOCK" --insecure-registry="$REG" ${TB_ROOT_DOCKERD_ARGS:-}
  wait_for "root dockerd" 60 ping_sock "$ROOT_SOCK" || die "root dockerd did not start; see $ROOT_LOG"
}
