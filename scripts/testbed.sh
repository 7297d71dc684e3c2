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
#              TB_HOST_DIRS (per-host directories)  TB_HOST_RO_DIRS (shared read-only bind sources)
#              TB_NODE_BIN (Node binary for the node image)
#              TB_REBUILD=1 (rebuild images)  TB_KEEP_CACHE=1 (down keeps built images + registry blobs)
#              TB_STOP_ROOT_DOCKERD=1 (down also stops the root dockerd, only if this script started it)
# See docs/testbed.md for the topology, the env file and the pitfalls.
# shellcheck source-path=SCRIPTDIR
set -Eeuo pipefail
shopt -s nullglob

TB_SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/bootstrap.sh
source "$TB_SCRIPT_DIR/lib/bootstrap.sh" # ensure_node: Node 24 in $DROVER_TOOLS (defines log; redefined below)
# shellcheck source=testbed.d/common.sh
source "$TB_SCRIPT_DIR/testbed.d/common.sh"
# shellcheck source=testbed.d/processes.sh
source "$TB_SCRIPT_DIR/testbed.d/processes.sh"
# shellcheck source=testbed.d/machine.sh
source "$TB_SCRIPT_DIR/testbed.d/machine.sh"
# shellcheck source=testbed.d/network.sh
source "$TB_SCRIPT_DIR/testbed.d/network.sh"
# shellcheck source=testbed.d/host-fs.sh
source "$TB_SCRIPT_DIR/testbed.d/host-fs.sh"
# shellcheck source=testbed.d/hosts.sh
source "$TB_SCRIPT_DIR/testbed.d/hosts.sh"
# shellcheck source=testbed.d/registry.sh
source "$TB_SCRIPT_DIR/testbed.d/registry.sh"
# shellcheck source=testbed.d/images.sh
source "$TB_SCRIPT_DIR/testbed.d/images.sh"
# shellcheck source=testbed.d/env.sh
source "$TB_SCRIPT_DIR/testbed.d/env.sh"
# shellcheck source=testbed.d/lifecycle.sh
source "$TB_SCRIPT_DIR/testbed.d/lifecycle.sh"
# shellcheck source=testbed.d/inspect.sh
source "$TB_SCRIPT_DIR/testbed.d/inspect.sh"

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
