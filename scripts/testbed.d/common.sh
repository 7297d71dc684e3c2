# shellcheck shell=bash disable=SC2034 # the names defined here are read by the other sections
# scripts/testbed.sh: knobs, names and addresses derived from them, and the small helpers every
# section uses. Sourced first.

: "${TB_STATE:=/run/drover-testbed}"      # sockets, pid files, logs, env file
: "${TB_DATA:=/var/lib/drover-testbed}"   # docker/containerd data roots, per-host files, registry storage
: "${TB_WAN:=10.87.0}"                    # "internet" side /24 in the root netns: .1 central, .2 router
: "${TB_LAN:=10.88.0}"                    # site LAN /24 behind the router: .1 router, .(10+K) hostK
: "${TB_REG_PORT:=5000}"                  # registry port on the central address
: "${TB_PUSH_PORT:=5087}"                 # 127.0.0.1 relay port the root dockerd pushes through
: "${TB_NS:=drover-tb-}"                  # netns prefix (drover-tb-router, drover-tb-host1..N) = hostname prefix
: "${TB_BR:=drtb0}"                       # bridge in the root netns carrying the central address
: "${TB_IMG_NS:=drover-tb}"               # registry namespace of the base images (<registry>/drover-tb/node:V)
: "${TB_HOST_DIRS:=/etc/docker /etc/drover /etc/kubernetes /var/lib/etcd /var/lib/kubelet /var/lib/drover /opt/drover /etc/cni /opt/cni /var/lib/cni /var/lib/docker /var/log/pods /var/log/containers}"
# Read-only bind sources of the plans that need only exist (shared by every host): created on the machine if missing.
: "${TB_HOST_RO_DIRS:=/lib/modules}"

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
