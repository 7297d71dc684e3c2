# shellcheck shell=bash
# Sourced by every script: makes Node >= 22 (target 24) and pnpm available on PATH,
# installing them from the npm registry into $DROVER_TOOLS when the machine lacks them,
# then installs the workspace's dependencies. Safe to source repeatedly.
set -euo pipefail

DROVER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DROVER_TOOLS="${DROVER_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/drover/tools}"
DROVER_NODE_MAJOR=24
export DROVER_ROOT DROVER_TOOLS

log() { printf '[drover] %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$DROVER_TOOLS/node_modules/.bin/node" ]; then
    export PATH="$DROVER_TOOLS/node_modules/.bin:$PATH"
  fi
  if [ "$(node_major)" -ge 22 ]; then return 0; fi
  command -v npm >/dev/null || { log "npm is required to install Node $DROVER_NODE_MAJOR"; return 1; }
  log "Node $(node --version 2>/dev/null || echo none) is too old; installing Node $DROVER_NODE_MAJOR into $DROVER_TOOLS"
  mkdir -p "$DROVER_TOOLS"
  npm install --prefix "$DROVER_TOOLS" --no-audit --no-fund "node@$DROVER_NODE_MAJOR" >&2
  export PATH="$DROVER_TOOLS/node_modules/.bin:$PATH"
  hash -r
  if [ "$(node_major)" -lt 22 ]; then
    log "installed Node is $(node --version 2>/dev/null || echo missing); need >= 22"; return 1
  fi
}

ensure_pnpm() {
  local want
  want="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$DROVER_ROOT/package.json")"
  if command -v pnpm >/dev/null && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then return 0; fi
  log "installing pnpm $want into $DROVER_TOOLS"
  npm install --prefix "$DROVER_TOOLS" --no-audit --no-fund "pnpm@$want" >&2
  export PATH="$DROVER_TOOLS/node_modules/.bin:$PATH"
  hash -r
}

ensure_deps() {
  (cd "$DROVER_ROOT" && pnpm install --frozen-lockfile --prefer-offline >&2)
}

bootstrap() {
  ensure_node
  ensure_pnpm
  ensure_deps
  log "node $(node --version), pnpm $(pnpm --version)"
}
