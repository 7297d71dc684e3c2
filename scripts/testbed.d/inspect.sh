# shellcheck shell=bash
# scripts/testbed.sh: the status and check commands.

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
