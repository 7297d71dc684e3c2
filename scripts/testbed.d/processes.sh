# shellcheck shell=bash
# scripts/testbed.sh: daemons started detached and stopped by PID file; cleanup of what they leave.

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
