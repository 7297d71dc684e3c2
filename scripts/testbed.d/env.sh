# shellcheck shell=bash
# scripts/testbed.sh: the env file a test suite sources, and the hosts that exist.

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
