# shellcheck shell=bash
# scripts/testbed.sh: the etcd, node and busybox images, built offline and pushed to the registry.

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
