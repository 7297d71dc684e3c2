#!/usr/bin/env bash
# testbed-verify.sh - end-to-end check of a running testbed (`scripts/testbed.sh up N`, N >= 3):
#   1. NAT proof (testbed.sh check): host -> central works, central -> host is dropped
#   2. on every host, one container (node image, --net=host, the agent's mounts) reaches a TCP service
#      on the central address (seen from the router's address) and reports what it sees: hostname,
#      /etc/drover, /etc/machine-id, and the Docker engine behind -v /var/run:/var/run; all must be
#      that host's own, distinct per host and different from the root machine's
#   3. a write to /etc/kubernetes in a host container lands in that host's files, not the machine's
#   4. hosts 1..3 run the etcd image as a 3-member cluster (host <-> host on the site LAN)
# Prints a timing per step; exits non-zero on the first failure. Removes what it started.
# Usage: scripts/testbed-verify.sh   (as root; reads $TB_STATE/env, default /run/drover-testbed/env)
# shellcheck source-path=SCRIPTDIR
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TB_STATE=${TB_STATE:-/run/drover-testbed}
[ -s "$TB_STATE/env" ] || { echo "no $TB_STATE/env: run scripts/testbed.sh up 3 first"; exit 1; }
set -a
# shellcheck disable=SC1091 # written by testbed.sh up
. "$TB_STATE/env"
set +a
((TB_HOSTS >= 3)) || { echo "need scripts/testbed.sh up 3 (or more)"; exit 1; }
PORT=${TB_VERIFY_PORT:-7088}
# shellcheck source=lib/bootstrap.sh
source "$HERE/lib/bootstrap.sh"
NODE_BIN=${TB_NODE_BIN:-$DROVER_TOOLS/node_modules/node/bin/node}
[ -x "$NODE_BIN" ] || { ensure_node; NODE_BIN=$(command -v node); }

t0=$SECONDS
tstart=$SECONDS
step() { printf '%-66s %3ds\n' "$1" "$((SECONDS - t0))"; t0=$SECONDS; }
fail() { echo "FAIL $*"; exit 1; }
v() { local n="TB_HOST${1}_$2"; echo "${!n}"; }
dk() { local k=$1; shift; docker -H "$(v "$k" DOCKER_HOST)" "$@"; }
dup() { sort | uniq -d | head -1; }
hosts=$(seq 1 "$TB_HOSTS")
work=$(mktemp -d /tmp/drover-tb-verify.XXXXXX)
cleanup() {
  local k
  for k in $hosts; do
    dk "$k" rm -f drover-tb-verify etcd-verify >/dev/null 2>&1 || true
    rm -f "$(v "$k" FS)/etc/drover/verify-id" "$(v "$k" FS)/etc/kubernetes/verify-write"
  done
  [ -z "${SRV:-}" ] || { kill "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

"$HERE/testbed.sh" check
step "1. NAT check (root->host1 blocked, host2->host1 ok, host1->central ok)"

# A TCP service on the central address (bounded: exits after 120 s), answering with the peer address.
timeout 120 "$NODE_BIN" -e "
require('net').createServer((s) => { s.on('error', () => {});
  s.end('central-ok from ' + s.remoteAddress.replace('::ffff:', '') + '\n'); })
.listen($PORT, '$TB_CENTRAL_IP')" &
SRV=$!
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/$TB_CENTRAL_IP/$PORT") 2>/dev/null && break; sleep 0.1; done

pids=()
for k in $hosts; do dk "$k" pull -q "$TB_IMAGE_NODE" >"$work/pull$k.log" 2>&1 & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || { cat "$work"/pull*.log; fail "pull $TB_IMAGE_NODE"; }; done
step "2a. pull $TB_IMAGE_NODE on host1..$TB_HOSTS (parallel)"

# What each host's agent would see. The mounts are those of the agent's `docker run`.
cat >"$work/probe.cjs" <<'EOF'
const net = require('node:net'), http = require('node:http'), fs = require('node:fs'), os = require('node:os');
const [central, port] = [process.argv[2], Number(process.argv[3])];
const read = (p) => { try { return fs.readFileSync(p, 'utf8').trim(); } catch (e) { return 'ERR:' + e.code; } };
const tcp = () => new Promise((res) => {
  let b = '';
  const s = net.connect({ host: central, port, timeout: 5000 });
  s.on('data', (d) => (b += d)).on('end', () => res(b.trim()));
  s.on('timeout', () => { s.destroy(); res('ERR:timeout'); }).on('error', (e) => res('ERR:' + e.code));
});
const dockerInfo = () => new Promise((res) => {
  const r = http.get({ socketPath: '/var/run/docker.sock', path: '/info', timeout: 5000 }, (rs) => {
    let b = '';
    rs.on('data', (d) => (b += d)).on('end', () => {
      try { const j = JSON.parse(b); res(j.ID + ' ' + j.Name); } catch { res('ERR:parse'); }
    });
  });
  r.on('timeout', () => r.destroy(new Error('timeout'))).on('error', (e) => res('ERR:' + (e.code || e.message)));
});
(async () => {
  let kube;
  try { fs.writeFileSync('/etc/kubernetes/verify-write', os.hostname() + '\n'); kube = 'written'; } catch (e) { kube = 'ERR:' + e.code; }
  const lines = {
    central: await tcp(), hostname: os.hostname(), drover: read('/etc/drover/verify-id'),
    machineid: read('/etc/machine-id'), engine: await dockerInfo(), kube,
  };
  for (const [k, v] of Object.entries(lines)) console.log(`${k}=${v}`);
})();
EOF
root_engine=$(docker -H "$TB_ROOT_DOCKER_HOST" info -f '{{.ID}}')
root_mid=$(cat /etc/machine-id 2>/dev/null || echo none)
pids=()
for k in $hosts; do
  "$HERE/testbed.sh" exec "$k" sh -c "echo host$k >/etc/drover/verify-id"
  dk "$k" run --rm --name drover-tb-verify --net=host \
    -v /var/run:/var/run -v /etc/drover:/etc/drover -v /etc/kubernetes:/etc/kubernetes -v /etc/machine-id:/etc/machine-id:ro \
    -v "$work/probe.cjs":/app/probe.cjs:ro "$TB_IMAGE_NODE" node /app/probe.cjs "$TB_CENTRAL_IP" "$PORT" >"$work/out$k" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
get() { sed -n "s/^$2=//p" "$work/out$1"; }
for k in $hosts; do
  name=$(v "$k" NAME)
  echo "host$k: $(tr '\n' ' ' <"$work/out$k")"
  [ "$(get "$k" central)" = "central-ok from $TB_ROUTER_WAN_IP" ] || fail "host$k container -> $TB_CENTRAL_IP:$PORT (want: seen from $TB_ROUTER_WAN_IP)"
  [ "$(get "$k" hostname)" = "$name" ] || fail "host$k container hostname: want $name"
  [ "$(get "$k" drover)" = "host$k" ] || fail "host$k container /etc/drover is not host$k's"
  mid=$("$HERE/testbed.sh" exec "$k" cat /etc/machine-id)
  { [ "$(get "$k" machineid)" = "$mid" ] && [ "$mid" != "$root_mid" ]; } || fail "host$k /etc/machine-id: want $mid, not the machine's $root_mid"
  eid=$(dk "$k" info -f '{{.ID}}')
  [ "$(get "$k" engine)" = "$eid $name" ] || fail "host$k: -v /var/run:/var/run reached '$(get "$k" engine)', want host$k's engine '$eid $name'"
  [ "$eid" != "$root_engine" ] || fail "host$k engine ID equals the root engine's"
  { [ "$(get "$k" kube)" = written ] && [ "$(cat "$(v "$k" FS)/etc/kubernetes/verify-write")" = "$name" ]; } ||
    fail "host$k: /etc/kubernetes write did not land in $(v "$k" FS)/etc/kubernetes"
  [ ! -e /etc/kubernetes/verify-write ] || fail "a host's /etc/kubernetes write reached the machine's /etc/kubernetes"
done
for key in hostname machineid engine; do
  d=$(for k in $hosts; do get "$k" "$key"; done | dup)
  [ -z "$d" ] || fail "two hosts share $key=$d"
done
step "2b. container per host: central TCP, hostname/drover/machine-id/engine own"

pids=()
for k in 1 2 3; do dk "$k" pull -q "$TB_IMAGE_ETCD" >"$work/pull-etcd$k.log" 2>&1 & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || { cat "$work"/pull-etcd*.log; fail "pull $TB_IMAGE_ETCD"; }; done
step "3a. pull $TB_IMAGE_ETCD on host1..3 (parallel)"
CLUSTER="h1=http://$(v 1 IP):2380,h2=http://$(v 2 IP):2380,h3=http://$(v 3 IP):2380"
for k in 1 2 3; do
  ip=$(v "$k" IP)
  dk "$k" run -d --name etcd-verify --net=host "$TB_IMAGE_ETCD" etcd --name "h$k" --data-dir /var/lib/etcd/data \
    --listen-peer-urls "http://$ip:2380" --initial-advertise-peer-urls "http://$ip:2380" \
    --listen-client-urls "http://$ip:2379,http://127.0.0.1:2379" --advertise-client-urls "http://$ip:2379" \
    --initial-cluster "$CLUSTER" --initial-cluster-state new --initial-cluster-token drover-tb-verify >/dev/null
done
ok=0
for _ in $(seq 1 60); do # bounded: 60 x (<= 1 s probe + 0.5 s)
  if dk 1 exec etcd-verify etcdctl --dial-timeout 1s --command-timeout 1s --endpoints "http://$(v 1 IP):2379" \
    endpoint health --cluster >"$work/health.txt" 2>&1; then ok=1; break; fi
  sleep 0.5
done
cat "$work/health.txt"
((ok)) || { for k in 1 2 3; do dk "$k" logs --tail 20 etcd-verify; done; fail "etcd cluster health"; }
dk 3 exec etcd-verify etcdctl put /drover-tb/hello world >/dev/null
[ "$(dk 2 exec etcd-verify etcdctl get --print-value-only /drover-tb/hello)" = world ] || fail "etcd put(h3)/get(h2)"
step "3b. etcd cluster on host1..3 healthy, put(h3)/get(h2)"
echo "testbed-verify: all passed in $((SECONDS - tstart))s"
