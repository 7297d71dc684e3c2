#!/usr/bin/env bash
# testbed.sh - Drover's end-to-end testbed: N Docker hosts behind one NAT router plus a local
# image registry, all on this machine (network/mount/UTS namespaces, no VMs). Needs root and
# Debian packages (installed when missing); nothing is pulled from the internet.
#
#   scripts/testbed.sh up N        create/refresh the site with hosts 1..N (idempotent; grows/shrinks)
#   scripts/testbed.sh down        remove everything `up` created (a root dockerd is kept)
#   scripts/testbed.sh engine      only install the packages and start the root dockerd (for the
#                                  unit suites that use a real Docker engine; `up` does this too)
#   scripts/testbed.sh status      show state; exit 1 if something is missing
#   scripts/testbed.sh check       prove the NAT: host1 -> central works, central -> host1 fails
#   scripts/testbed.sh env         print the KEY=VALUE file a test suite can source
#   scripts/testbed.sh docker K .. docker CLI against hostK's daemon
#   scripts/testbed.sh exec K cmd  run cmd on hostK (its network, mount and UTS namespaces)
#
# Knobs (env): TB_STATE TB_DATA TB_WAN TB_LAN TB_REG_PORT TB_PUSH_PORT TB_NS TB_BR TB_IMG_NS
#              TB_ROOT_SOCK TB_ROOT_DOCKERD_ARGS (root dockerd started only if none answers)
#              TB_HOST_DIRS (per-host directories)  TB_NODE_BIN (Node binary for the node image)
#              TB_REBUILD=1 (rebuild images)  TB_KEEP_CACHE=1 (down keeps built images + registry blobs)
#              TB_STOP_ROOT_DOCKERD=1 (down also stops the root dockerd, only if this script started it)
# See docs/testbed.md for the topology, the env file and the pitfalls.
# shellcheck source-path=SCRIPTDIR
set -Eeuo pipefail
shopt -s nullglob

TB_SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/bootstrap.sh
source "$TB_SCRIPT_DIR/lib/bootstrap.sh" # ensure_node: Node 24 in $DROVER_TOOLS (defines log; redefined below)

: "${TB_STATE:=/run/drover-testbed}"      # sockets, pid files, logs, env file
: "${TB_DATA:=/var/lib/drover-testbed}"   # docker/containerd data roots, per-host files, registry storage
: "${TB_WAN:=10.87.0}"                    # "internet" side /24 in the root netns: .1 central, .2 router
: "${TB_LAN:=10.88.0}"                    # site LAN /24 behind the router: .1 router, .(10+K) hostK
: "${TB_REG_PORT:=5000}"                  # registry port on the central address
: "${TB_PUSH_PORT:=5087}"                 # 127.0.0.1 relay port the root dockerd pushes through
: "${TB_NS:=drover-tb-}"                  # netns prefix (drover-tb-router, drover-tb-host1..N) = hostname prefix
: "${TB_BR:=drtb0}"                       # bridge in the root netns carrying the central address
: "${TB_IMG_NS:=drover-tb}"               # registry namespace of the base images (<registry>/drover-tb/node:V)
: "${TB_HOST_DIRS:=/etc/docker /etc/drover /etc/kubernetes /var/lib/etcd /var/lib/kubelet /var/lib/drover /opt/drover}"

ROOT_SOCK=${TB_ROOT_SOCK:-/var/run/docker.sock}
ROOT_PIDFILE=/run/drover-testbed-root-dockerd.pid   # only written if we started the root dockerd
ROOT_LOG=/var/log/drover-testbed-root-dockerd.log
LOCK=/run/drover-testbed.lock
CENTRAL=$TB_WAN.1
ROUTER_WAN=$TB_WAN.2
ROUTER_LAN=$TB_LAN.1
REG=$CENTRAL:$TB_REG_PORT
PUSH=127.0.0.1:$TB_PUSH_PORT
RNS=${TB_NS}router
WAN_VETH=${TB_BR}-wan     # root side of the router's uplink (interface names stay <= 15 chars)
CREATED=$TB_DATA/created-paths  # mount points this script created on the root filesystem (removed by down)
PKGS=(docker.io containerd runc iptables iproute2 util-linux busybox-static etcd-server etcd-client
      docker-registry socat curl ca-certificates jq)
NOPROXY=(env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY)
IMG_RECIPE=drover-tb-v1 # bump when the image recipe changes: forces a rebuild

log() { printf '[testbed +%3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
inns() { local ns=$1; shift; nsenter --net=/run/netns/"$ns" "$@"; }   # NOT `ip netns exec` (it remounts /sys)
hostip() { echo "$TB_LAN.$((10 + $1))"; }
hname() { echo "${TB_NS}host$1"; }
hsock() { echo "$TB_DATA/host$1/docker.sock"; }
droot() { docker -H "unix://$ROOT_SOCK" "$@"; }
dhost() { local k=$1; shift; docker -H "unix://$(hsock "$k")" "$@"; }
ping_sock() { curl -sf --noproxy '*' -m 3 --unix-socket "$1" http://d/_ping >/dev/null 2>&1; }
http_ok() { curl -sf --noproxy '*' -m 3 "$1" >/dev/null 2>&1; }

wait_for() { # what seconds cmd...
  local what=$1 secs=$2; shift 2
  local end=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || { log "timeout after ${secs}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

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

# ---- processes: started detached, tracked by PID file, stopped only by PID file ----
running() { # pid -> alive and not a zombie
  local st
  [ -r "/proc/$1/stat" ] || return 1
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}
pid_ok() { # pidfile marker -> the recorded pid runs and its cmdline contains marker (guards pid reuse)
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  running "$pid" && [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$2"* ]]
}
start_bg() { # pidfile logfile cmd...  (setsid: own session, so pgid == pid; nsenter/unshare/sh exec: pid == daemon)
  local pidf=$1 logf=$2; shift 2
  setsid "${NOPROXY[@]}" "$@" >>"$logf" 2>&1 </dev/null 9>&- & # 9>&-: daemons must not inherit the lock fd
  echo $! >"$pidf"
}
stop_pidfile() { # pidfile marker [timeout]
  local pidf=$1 marker=$2 t=${3:-15} pid i
  if pid_ok "$pidf" "$marker"; then
    pid=$(cat "$pidf")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < t * 10; i++)); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then
      log "pid $pid ($marker) ignored SIGTERM for ${t}s; SIGKILL to its process group"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidf"
}
kill_ns_leftovers() { # processes still inside one of OUR netns (e.g. containerd, shims, containers after a crash)
  local ns=$1 pid pids
  [ -e "/run/netns/$ns" ] || return 0
  pids=$(ip netns pids "$ns" 2>/dev/null || true)
  [ -n "$pids" ] || return 0
  for pid in $pids; do
    log "leftover pid $pid in netns $ns: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80); killing"
    kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 0.5
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
}
umount_under() { # unmount everything at/below a directory, deepest first
  local m
  awk -v d="$1" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo | sort -r |
    while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
}
rm_cgroups() { # empty cgroups left by containers killed behind docker's back (cgroup v1 and v2 layouts)
  local c
  for c in /sys/fs/cgroup/*/"$1" /sys/fs/cgroup/"$1"; do
    if [ -d "$c" ]; then find "$c" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
  done
}
rm_tree() { # refuse to delete through a live mount
  [ -e "$1" ] || return 0
  umount_under "$1"
  if awk -v d="$1" 'index($5, d "/") == 1 {f=1} END {exit !f}' /proc/self/mountinfo; then
    die "mounts remain under $1; not deleting it"
  fi
  rm -rf --one-file-system "$1"
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

# ---- network: root bridge <-> router (NAT) <-> site LAN <-> hosts ----
net_core_up() {
  if ! ip link show "$TB_BR" >/dev/null 2>&1; then
    ip link add "$TB_BR" type bridge
    sysctl -qw "net.ipv6.conf.$TB_BR.disable_ipv6=1" 2>/dev/null || true
  fi
  ip addr replace "$CENTRAL/24" dev "$TB_BR"
  ip link set "$TB_BR" up
  [ -e "/run/netns/$RNS" ] || ip netns add "$RNS"
  inns "$RNS" ip link set lo up
  inns "$RNS" sysctl -qw net.ipv4.ip_forward=1
  inns "$RNS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  if ! inns "$RNS" ip link show wan0 >/dev/null 2>&1; then
    ip link del "$WAN_VETH" 2>/dev/null || true
    ip link add "$WAN_VETH" type veth peer name wan0 netns "$RNS"
  fi
  ip link set "$WAN_VETH" master "$TB_BR" up
  inns "$RNS" ip addr replace "$ROUTER_WAN/24" dev wan0
  inns "$RNS" ip link set wan0 up
  inns "$RNS" ip link show lan0 >/dev/null 2>&1 || inns "$RNS" ip link add lan0 type bridge
  inns "$RNS" ip addr replace "$ROUTER_LAN/24" dev lan0
  inns "$RNS" ip link set lan0 up
  # The router has NO default route: site traffic can reach only the central /24, never this VM's uplink.
  # The root netns routes the site /24 to the router only so that probes toward hosts stay on this
  # machine (and get dropped by the router) instead of following the VM's default route.
  ip route replace "$TB_LAN.0/24" via "$ROUTER_WAN" dev "$TB_BR"
  # Firewall + masquerade, rewritten whole each time (idempotent). lan0->lan0 is needed because
  # br_netfilter makes bridged LAN frames traverse FORWARD too.
  inns "$RNS" iptables-restore <<EOF
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A INPUT -i lan0 -j ACCEPT
-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A FORWARD -i lan0 -o wan0 -j ACCEPT
-A FORWARD -i lan0 -o lan0 -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o wan0 -j MASQUERADE
COMMIT
EOF
}

host_net_up() {
  local k=$1 ns=${TB_NS}host$1 tmp=${TB_BR}-h$1
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  inns "$ns" ip link set lo up
  inns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  if ! inns "$ns" ip link show eth0 >/dev/null 2>&1; then
    inns "$RNS" ip link del "lan$k" 2>/dev/null || true
    ip link del "$tmp" 2>/dev/null || true
    ip link add "$tmp" type veth peer name eth0 netns "$ns"
    ip link set "$tmp" netns "$RNS"
    inns "$RNS" ip link set "$tmp" name "lan$k"
  fi
  inns "$RNS" ip link set "lan$k" master lan0 up
  inns "$ns" ip addr replace "$(hostip "$k")/24" dev eth0
  inns "$ns" ip link set eth0 up
  inns "$ns" ip route replace default via "$ROUTER_LAN"
}

# ---- per-host dockerd in the host's own network, mount and UTS namespaces ----
# A real host has its own filesystem: /var/run/docker.sock is ITS daemon, /etc/drover and
# /etc/kubernetes are ITS files, its engine ID and /etc/machine-id are its own. Each host's dockerd
# therefore runs in a private mount namespace: a tmpfs on /run (so /run/docker.sock is this host's
# socket, the root daemon's is hidden, and no /run/containerd/containerd.sock of the machine is seen)
# and per-host directories bind-mounted over $TB_HOST_DIRS (/etc/docker too: each engine gets its own
# ID), a per-host /etc/machine-id (+ /var/lib/dbus/machine-id) and /etc/hostname. dockerd starts its
# own containerd there. The same socket is also served at $TB_DATA/hostK/docker.sock for the root side.
mountpoint_create() { # path dir|file : create a missing mount point on the root fs and remember it
  [ -e "$1" ] && return 0
  if [ "$2" = dir ]; then mkdir -p "$1"; else mkdir -p "$(dirname "$1")" && : >"$1"; fi
  mkdir -p "$TB_DATA" && echo "$1" >>"$CREATED"
}
mounted_elsewhere() { # path -> some mount namespace (another testbed's host, a container) mounts on it
  local ns_dir
  # one /proc/PID per mount namespace; `find -printf %l` avoids a readlink per process
  for ns_dir in $(find /proc -maxdepth 3 -path '/proc/[0-9]*/ns/mnt' -printf '%l %h\n' 2>/dev/null | sort -u -k1,1 | cut -d' ' -f2); do
    awk -v d="$1" '$5 == d {f=1} END {exit !f}' "${ns_dir%/ns}/mountinfo" 2>/dev/null && return 0
  done
  return 1
}
mountpoints_remove() { # remove the (empty) mount points we created, deepest first
  [ -s "$CREATED" ] || return 0
  local p
  sort -ru "$CREATED" | while read -r p; do
    # rmdir of a directory that is a mount point in ANOTHER mount namespace succeeds and silently
    # detaches that mount there (e.g. a coexisting testbed's host /etc/drover): never do that.
    if mounted_elsewhere "$p"; then log "kept $p (a mount point in another mount namespace)"
    elif [ -d "$p" ] && [ ! -L "$p" ]; then rmdir "$p" 2>/dev/null || log "kept $p (not empty)"
    elif [ -f "$p" ] && [ ! -s "$p" ]; then rm -f "$p"; fi
  done
  rm -f "$CREATED"
}
# The machine this runs on may lack capabilities in its bounding set (a sandbox without
# CAP_SYS_RESOURCE, say). `docker run --privileged` asks runc for every capability Docker knows, and
# runc then fails with "unable to apply caps: operation not permitted". Each host dockerd therefore
# gets a default OCI runtime that is a wrapper around runc: it removes from the container's
# process.capabilities (bundle config.json for create/run, the --process file for exec) every
# capability that is not in the wrapper's own bounding set (/proc/self/status CapBnd), then execs
# runc with the same argv. Containers get what this machine can grant; a real host loses nothing.
# It lives under $TB_DATA (the hosts see the machine's /var/lib; their /run is private).
RUNC_WRAPPER=$TB_DATA/bin/drover-runc
runc_wrapper_write() {
  local runc_bin
  runc_bin=$(command -v runc) || die "runc not found"
  mkdir -p "$(dirname "$RUNC_WRAPPER")"
  cat >"$RUNC_WRAPPER.tmp" <<EOF
#!/bin/sh
# drover-runc (written by scripts/testbed.sh): runc minus capabilities this machine cannot grant.
RUNC=$runc_bin
EOF
  cat >>"$RUNC_WRAPPER.tmp" <<'EOF'
names="CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE
NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT
SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE
AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ
PERFMON BPF CHECKPOINT_RESTORE"
bnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status)
drop='[]' i=0
for n in $names; do
  [ $(( (0x$bnd >> i) & 1 )) = 1 ] || drop=$(printf '%s' "$drop" | jq -c --arg c "CAP_$n" '. + [$c]')
  i=$((i + 1))
done
bundle= procfile= prev=
for a in "$@"; do
  case $prev in --bundle | -b) bundle=$a ;; --process | -p) procfile=$a ;; esac
  case $a in --bundle=*) bundle=${a#--bundle=} ;; --process=*) procfile=${a#--process=} ;; esac
  prev=$a
done
filter() { # file jq-path-to-capabilities
  [ -f "$1" ] || return 0
  jq --argjson drop "$drop" "$2 |= (if type == \"object\" then with_entries(.value |= (if type == \"array\" then map(select(. as \$c | \$drop | index(\$c) | not)) else . end)) else . end)" \
    "$1" >"$1.drover-tmp" && mv "$1.drover-tmp" "$1"
}
if [ "$drop" != '[]' ]; then
  case " $* " in
    *" create "* | *" run "*) filter "${bundle:-.}/config.json" .process.capabilities ;;
  esac
  [ -z "$procfile" ] || filter "$procfile" .capabilities
fi
exec "$RUNC" "$@"
EOF
  chmod 755 "$RUNC_WRAPPER.tmp" && mv "$RUNC_WRAPPER.tmp" "$RUNC_WRAPPER"
}
host_daemons_start() {
  local k=$1 ns=${TB_NS}host$1 d=$TB_STATE/host$1 data=$TB_DATA/host$1 dir
  mkdir -p "$d" "$data"
  pid_ok "$d/dockerd.pid" "$(hsock "$k")" && return 0
  kill_ns_leftovers "$ns"   # a crashed daemon's containerd, shims and containers (no live-restore)
  runc_wrapper_write
  # Isolated from /etc/docker/daemon.json (not under /run: hidden in the host). Default runtime: the
  # capability-filtering runc wrapper (see runc_wrapper_write), so `docker run --privileged` works here.
  printf '{"runtimes": {"drover-runc": {"path": "%s"}}, "default-runtime": "drover-runc"}\n' "$RUNC_WRAPPER" >"$data/daemon.json"
  for dir in $TB_HOST_DIRS; do mountpoint_create "$dir" dir; mkdir -p "$data/fs$dir"; done
  mountpoint_create /etc/machine-id file
  [ -s "$data/machine-id" ] || { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; echo; } >"$data/machine-id"
  hname "$k" >"$data/hostname"
  rm -f "$(hsock "$k")"
  # shellcheck disable=SC2016 # the inner sh expands its own positional parameters
  start_bg "$d/dockerd.pid" "$d/dockerd.log" nsenter --net="/run/netns/$ns" \
    unshare --mount --uts --propagation private sh -ec '
      host=$1 data=$2 dirs=$3; shift 3
      hostname "$host"
      mount -t tmpfs -o mode=755 tmpfs /run
      [ -L /var/run ] || mount --bind /run /var/run
      for dir in $dirs; do mount --bind "$data/fs$dir" "$dir"; done
      mount --bind "$data/machine-id" /etc/machine-id
      if [ -f /var/lib/dbus/machine-id ] && [ ! -L /var/lib/dbus/machine-id ]; then
        mount --bind "$data/machine-id" /var/lib/dbus/machine-id
      fi
      if [ -f /etc/hostname ] && [ ! -L /etc/hostname ]; then mount --bind "$data/hostname" /etc/hostname; fi
      exec "$@"' sh "$(hname "$k")" "$data" "$TB_HOST_DIRS" dockerd \
    --config-file="$data/daemon.json" --host=unix:///run/docker.sock --host="unix://$(hsock "$k")" \
    --data-root="$data/docker" --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
    --storage-driver=overlay2 --insecure-registry="$REG" --log-level=warn \
    --cgroup-parent="/drover-testbed/host$k"
}
host_pid() { # enter a host: nsenter -t PID --net --mount --uts
  local f=$TB_STATE/host$1/dockerd.pid
  pid_ok "$f" "$(hsock "$1")" || die "host$1's dockerd is not running (run: testbed.sh up N)"
  cat "$f"
}

host_down() {
  local k=$1 ns=${TB_NS}host$1 d=$TB_STATE/host$1 ids
  if ping_sock "$(hsock "$k")"; then
    ids=$(dhost "$k" ps -aq 2>/dev/null || true)
    # shellcheck disable=SC2086
    [ -z "$ids" ] || dhost "$k" rm -f $ids >/dev/null 2>&1 || true
  fi
  stop_pidfile "$d/dockerd.pid" "$(hsock "$k")" 30
  kill_ns_leftovers "$ns"
  [ ! -e "/run/netns/$ns" ] || ip netns del "$ns"
  [ ! -e "/run/netns/$RNS" ] || inns "$RNS" ip link del "lan$k" 2>/dev/null || true
  rm_cgroups "drover-testbed/host$k"
  rm_tree "$d"
  rm_tree "$TB_DATA/host$k"
}

hosts_down() { # k... : in parallel (each dockerd takes seconds to stop); fails if any failed
  local k pids=() p rc=0
  for k in "$@"; do host_down "$k" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  ((rc == 0)) || die "removing a host failed (see above)"
}

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

# ---- images: scratch images assembled from this machine's binaries ----
libs_of() { ldd "$1" 2>/dev/null | awk '/=> \//{print $3} /^[ \t]*\//{print $1}'; }
add_bin() { # rootfs file [dest] : copy a binary (to dest, default its own path) + every library ldd lists
  local r=$1 f=$2 dest=${3:-$2} lib
  mkdir -p "$r$(dirname "$dest")"
  cp -L "$f" "$r$dest"
  for lib in $(libs_of "$f"); do
    [ -e "$r$lib" ] || cp -L --parents "$lib" "$r/"
  done
}
base_rootfs() {
  rm -rf "$1" && mkdir -p "$1"/{etc,tmp,root,var/tmp} && chmod 1777 "$1/tmp" "$1/var/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$1/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$1/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$1/etc/nsswitch.conf"
}
fingerprint() { # files + their libraries + recipe -> sha256
  local f
  { for f in "$@"; do sha256sum "$f"; libs_of "$f" | xargs -r sha256sum; done; echo "$IMG_RECIPE"; } |
    sha256sum | cut -c1-16
}
image_current() { # ref fp
  [ -z "${TB_REBUILD:-}" ] &&
    [ "$(droot image inspect -f '{{index .Config.Labels "drover.testbed.fp"}}' "$1" 2>/dev/null)" = "$2" ]
}
import_rootfs() { # rootfs ref fp --change...
  local r=$1 ref=$2 fp=$3; shift 3
  local args=() c
  for c in "$@" "LABEL drover.testbed.fp=$fp" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'; do
    args+=(--change "$c")
  done
  # fixed owner/mtime/order: identical inputs give an identical layer digest (pushes and pulls become no-ops)
  tar -C "$r" --numeric-owner --owner=0 --group=0 --mtime=@0 --sort=name -c . | droot import "${args[@]}" - "$ref" >/dev/null
}
build_etcd() {
  local ref=$PUSH/$TB_IMG_NS/etcd:$ETCD_VER r=$TB_DATA/build/etcd fp
  fp=$(fingerprint /usr/bin/etcd /usr/bin/etcdctl)
  image_current "$ref" "$fp" && return 0
  log "building $ref"
  base_rootfs "$r" && mkdir -p "$r/var/lib/etcd"
  add_bin "$r" /usr/bin/etcd
  add_bin "$r" /usr/bin/etcdctl
  import_rootfs "$r" "$ref" "$fp" 'ENV ETCDCTL_API=3' 'WORKDIR /var/lib/etcd' 'CMD ["etcd"]'
}
build_node() { # Node 24 from the project's bootstrap, at /usr/local/bin/node as in the official images
  local ref=$PUSH/$TB_IMG_NS/node:$NODE_VER r=$TB_DATA/build/node fp
  fp=$(fingerprint "$NODE_BIN" /etc/ssl/certs/ca-certificates.crt)
  image_current "$ref" "$fp" && return 0
  log "building $ref from $NODE_BIN"
  base_rootfs "$r" && mkdir -p "$r/app" "$r/usr/bin"
  add_bin "$r" "$NODE_BIN" /usr/local/bin/node
  ln -s ../local/bin/node "$r/usr/bin/node"
  mkdir -p "$r/etc/ssl" && cp -rL /etc/ssl/certs "$r/etc/ssl/certs"
  import_rootfs "$r" "$ref" "$fp" 'ENV SSL_CERT_DIR=/etc/ssl/certs' 'WORKDIR /app' 'CMD ["node"]'
}
build_busybox() {
  local ref=$PUSH/$TB_IMG_NS/busybox:$BB_VER r=$TB_DATA/build/busybox fp a
  fp=$(fingerprint /bin/busybox)
  image_current "$ref" "$fp" && return 0
  log "building $ref"
  base_rootfs "$r" && mkdir -p "$r/bin"
  add_bin "$r" /bin/busybox # static: ldd lists nothing
  for a in $(/bin/busybox --list); do [ -e "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"; done
  import_rootfs "$r" "$ref" "$fp" 'CMD ["sh"]'
}
image_versions() {
  resolve_node
  ETCD_VER=$(etcd --version 2>/dev/null | awk '/etcd Version/{print $3}')
  BB_VER=$(busybox --help 2>&1 | sed -nE '1s/^BusyBox v([0-9.]+).*/\1/p' || true)
  { [ -n "$ETCD_VER" ] && [ -n "$NODE_VER" ] && [ -n "$BB_VER" ]; } || die "cannot read etcd/node/busybox versions"
}
images_up() {
  image_versions
  mkdir -p "$TB_DATA/build"
  build_etcd
  build_node
  build_busybox
  log "images ready; pushing to $REG (via $PUSH)"
  local pids=() p name rc=0
  for name in "etcd:$ETCD_VER" "node:$NODE_VER" "busybox:$BB_VER"; do
    droot push -q "$PUSH/$TB_IMG_NS/$name" >"$TB_STATE/push-${name%%:*}.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  ((rc == 0)) || die "docker push failed; see $TB_STATE/push-*.log"
  rm -rf "$TB_DATA/build"
}

write_env() {
  local n=$1 k f=$TB_STATE/env
  {
    echo "TB_HOSTS=$n"
    echo "TB_STATE=$TB_STATE"
    echo "TB_CENTRAL_IP=$CENTRAL"
    echo "TB_ROUTER_WAN_IP=$ROUTER_WAN"
    echo "TB_ROUTER_NETNS=/run/netns/$RNS"
    echo "TB_REGISTRY=$REG"
    echo "TB_PUSH_REGISTRY=$PUSH"
    echo "TB_ROOT_DOCKER_HOST=unix://$ROOT_SOCK"
    echo "TB_IMAGE_ETCD=$REG/$TB_IMG_NS/etcd:$ETCD_VER"
    echo "TB_IMAGE_NODE=$REG/$TB_IMG_NS/node:$NODE_VER"
    echo "TB_IMAGE_BUSYBOX=$REG/$TB_IMG_NS/busybox:$BB_VER"
    echo "TB_ROOT_IMAGE_ETCD=$PUSH/$TB_IMG_NS/etcd:$ETCD_VER"
    echo "TB_ROOT_IMAGE_NODE=$PUSH/$TB_IMG_NS/node:$NODE_VER"
    echo "TB_ROOT_IMAGE_BUSYBOX=$PUSH/$TB_IMG_NS/busybox:$BB_VER"
    for ((k = 1; k <= n; k++)); do
      echo "TB_HOST${k}_IP=$(hostip "$k")"
      echo "TB_HOST${k}_NAME=$(hname "$k")"
      echo "TB_HOST${k}_DOCKER_HOST=unix://$(hsock "$k")"
      echo "TB_HOST${k}_NETNS=/run/netns/${TB_NS}host$k"
      echo "TB_HOST${k}_LINK=lan$k"
      echo "TB_HOST${k}_DOCKERD_PIDFILE=$TB_STATE/host$k/dockerd.pid"
      echo "TB_HOST${k}_FS=$TB_DATA/host$k/fs"
    done
  } >"$f.tmp" && mv "$f.tmp" "$f"
}

existing_hosts() { # indices of hosts that exist in any form
  local p
  {
    for p in /run/netns/"${TB_NS}"host*; do echo "${p##*host}"; done
    for p in "$TB_STATE"/host* "$TB_DATA"/host*; do echo "${p##*host}"; done
  } | grep -E '^[0-9]+$' | sort -un || true
}

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

cmd_status() {
  local bad=0 k n=0 s
  ok() { printf '  %-28s %s\n' "$1" "$2"; }
  if ping_sock "$ROOT_SOCK"; then ok "root dockerd" "up ($ROOT_SOCK)"; else ok "root dockerd" DOWN; bad=1; fi
  if [ -e "/run/netns/$RNS" ]; then ok "router netns $RNS" present; else ok "router netns $RNS" MISSING; bad=1; fi
  if [[ "$(ip -br addr show "$TB_BR" 2>/dev/null)" == *"$CENTRAL/"* ]]; then ok "bridge $TB_BR" "$CENTRAL/24"
  else ok "bridge $TB_BR" MISSING; bad=1; fi
  if http_ok "http://$REG/v2/"; then
    ok "registry" "http://$REG $(curl -s --noproxy '*' -m 3 "http://$REG/v2/_catalog" | tr -d '\n')"
  else ok registry DOWN; bad=1; fi
  if http_ok "http://$PUSH/v2/"; then ok "push relay" "$PUSH -> $REG"; else ok "push relay" DOWN; bad=1; fi
  [ ! -s "$TB_STATE/env" ] || n=$(sed -n 's/^TB_HOSTS=//p' "$TB_STATE/env")
  for k in $(existing_hosts); do
    if ping_sock "$(hsock "$k")"; then
      s="up ip=$(hostip "$k") name=$(dhost "$k" info -f '{{.Name}}') containers=$(dhost "$k" ps -q | wc -l) images=$(dhost "$k" images -q | wc -l)"
    else s=DOWN; bad=1; fi
    ok "host$k dockerd" "$s"
  done
  ((n > 0)) || { ok "hosts" "none (run: testbed.sh up N)"; bad=1; }
  return $bad
}

probe() { # ip port -> prints what the listener sends; fails on timeout/refusal
  # shellcheck disable=SC2016 # the inner bash expands its own positional parameters
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && timeout 2 cat <&3' _ "$1" "$2"
}
cmd_check() {
  local h1 h1ns=${TB_NS}host1 out lp1 lp2 rc=0 n
  [ -e "/run/netns/$h1ns" ] || die "no host1; run: testbed.sh up N"
  resolve_node
  h1=$(hostip 1)
  n=$(sed -n 's/^TB_HOSTS=//p' "$TB_STATE/env" 2>/dev/null || echo 1)
  # background nsenter/timeout themselves (not a shell function), so kill $! reaches the listener
  nsenter --net="/run/netns/$h1ns" timeout 30 "$NODE_BIN" -e "require('net').createServer(s=>{s.on('error',()=>{});s.end('hello-from-host1\n')}).listen(7001,'0.0.0.0')" &
  lp1=$!
  timeout 30 "$NODE_BIN" -e "require('net').createServer(s=>{s.on('error',()=>{});s.end(s.remoteAddress.replace('::ffff:','')+'\n')}).listen(7002,'$CENTRAL')" &
  lp2=$!
  wait_for "listener in host1" 10 inns "$h1ns" bash -c 'exec 3<>/dev/tcp/127.0.0.1/7001'
  wait_for "listener in root" 10 bash -c "exec 3<>/dev/tcp/$CENTRAL/7002"
  if out=$(probe "$h1" 7001 2>/dev/null); then
    echo "FAIL root netns -> host1 $h1:7001 connected ($out)"; rc=1
  else echo "ok   root netns -> host1 $h1:7001 blocked (NAT: no inbound)"; fi
  if ((n >= 2)); then
    if out=$(inns "${TB_NS}host2" bash -c "$(declare -f probe); probe $h1 7001"); then
      echo "ok   host2 -> host1 $h1:7001 on the site LAN: $out"
    else echo "FAIL host2 -> host1 on the site LAN"; rc=1; fi
  fi
  if out=$(inns "$h1ns" bash -c "$(declare -f probe); probe $CENTRAL 7002"); then
    if [ "$out" = "$ROUTER_WAN" ]; then echo "ok   host1 -> central $CENTRAL:7002, seen from $out (masqueraded)"
    else echo "FAIL host1 -> central seen from '$out', expected $ROUTER_WAN"; rc=1; fi
  else echo "FAIL host1 -> central $CENTRAL:7002"; rc=1; fi
  kill "$lp1" "$lp2" 2>/dev/null || true
  wait "$lp1" "$lp2" 2>/dev/null || true
  return $rc
}

usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; }

main() {
  local cmd=${1:-}
  shift || true
  case "$cmd" in
    -h | --help | help) usage; exit 0 ;;
    "") usage; exit 2 ;;
  esac
  [ "$(id -u)" = 0 ] || die "run as root"
  case "$cmd" in
    up | down | engine)
      exec 9>"$LOCK"
      flock -w 600 9 || die "another testbed.sh up/down holds $LOCK"
      "cmd_$cmd" "$@"
      ;;
    status) echo "testbed status:"; cmd_status ;;
    check) cmd_check ;;
    env) [ -s "$TB_STATE/env" ] || die "no $TB_STATE/env; run: testbed.sh up N"; cat "$TB_STATE/env" ;;
    docker) local k=${1:?host index}; shift; dhost "$k" "$@" ;;
    exec)
      local k=${1:?host index}; shift
      (($#)) || set -- bash
      nsenter -t "$(host_pid "$k")" --net --mount --uts "$@"
      ;;
    *) usage; exit 2 ;;
  esac
}
main "$@"
