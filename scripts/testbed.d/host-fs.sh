# shellcheck shell=bash
# scripts/testbed.sh: each host's own files: mount points on the root filesystem, and the runc
# wrapper that lets `docker run --privileged` work on a machine with a reduced capability set.

# ---- mount points ----
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

# ---- runc wrapper ----
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
