# shellcheck shell=bash
# scripts/testbed.sh: start, enter and remove the hosts (uses host-fs.sh, network.sh).

# ---- per-host dockerd in the host's own network, mount and UTS namespaces ----
# A real host has its own filesystem: /var/run/docker.sock is ITS daemon, /etc/drover and
# /etc/kubernetes are ITS files, its engine ID and /etc/machine-id are its own. Each host's dockerd
# therefore runs in a private mount namespace: a tmpfs on /run (so /run/docker.sock is this host's
# socket, the root daemon's is hidden, and no /run/containerd/containerd.sock of the machine is seen)
# and per-host directories bind-mounted over $TB_HOST_DIRS (/etc/docker too: each engine gets its own
# ID), a per-host /etc/machine-id (+ /var/lib/dbus/machine-id) and /etc/hostname. dockerd starts its
# own containerd there. Once set up, the namespace's mounts are made rshared, as / is on a systemd
# host: the kubelet's `/var/lib/kubelet:…:shared` and cri-dockerd's `/var/lib/docker:…:rslave` binds
# need a shared (or slave) source mount, which a private namespace would refuse. The new peer groups
# live in this namespace only, so nothing propagates back to the machine. The same socket is also served at $TB_DATA/hostK/docker.sock for the root side.
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
  for dir in $TB_HOST_RO_DIRS; do mountpoint_create "$dir" dir; done
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
      mount --make-rshared /
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
