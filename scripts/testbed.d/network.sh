# shellcheck shell=bash
# scripts/testbed.sh: the NAT'd site's network.

# ---- network: root bridge <-> router (NAT) <-> site LAN <-> hosts ----
net_core_up() {
  if ! ip link show "$TB_BR" >/dev/null 2>&1; then
    ip link add "$TB_BR" type bridge
    sysctl -qw "net.ipv6.conf.$TB_BR.disable_ipv6=1" 2>/dev/null || true
  fi
  ip addr replace "$CENTRAL/24" dev "$TB_BR"
  ip link set "$TB_BR" up
  [ -e "/run/netns/$RNS" ] || ip netns add "$RNS"
  inns "$RNS" ip link set lo up
  inns "$RNS" sysctl -qw net.ipv4.ip_forward=1
  inns "$RNS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  if ! inns "$RNS" ip link show wan0 >/dev/null 2>&1; then
    ip link del "$WAN_VETH" 2>/dev/null || true
    ip link add "$WAN_VETH" type veth peer name wan0 netns "$RNS"
  fi
  ip link set "$WAN_VETH" master "$TB_BR" up
  inns "$RNS" ip addr replace "$ROUTER_WAN/24" dev wan0
  inns "$RNS" ip link set wan0 up
  inns "$RNS" ip link show lan0 >/dev/null 2>&1 || inns "$RNS" ip link add lan0 type bridge
  inns "$RNS" ip addr replace "$ROUTER_LAN/24" dev lan0
  inns "$RNS" ip link set lan0 up
  # The router has NO default route: site traffic can reach only the central /24, never this VM's uplink.
  # The root netns routes the site /24 to the router only so that probes toward hosts stay on this
  # machine (and get dropped by the router) instead of following the VM's default route.
  ip route replace "$TB_LAN.0/24" via "$ROUTER_WAN" dev "$TB_BR"
  # Firewall + masquerade, rewritten whole each time (idempotent). lan0->lan0 is needed because
  # br_netfilter makes bridged LAN frames traverse FORWARD too.
  inns "$RNS" iptables-restore <<EOF
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A INPUT -i lan0 -j ACCEPT
-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A FORWARD -i lan0 -o wan0 -j ACCEPT
-A FORWARD -i lan0 -o lan0 -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o wan0 -j MASQUERADE
COMMIT
EOF
}

host_net_up() {
  local k=$1 ns=${TB_NS}host$1 tmp=${TB_BR}-h$1
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  inns "$ns" ip link set lo up
  inns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  if ! inns "$ns" ip link show eth0 >/dev/null 2>&1; then
    inns "$RNS" ip link del "lan$k" 2>/dev/null || true
    ip link del "$tmp" 2>/dev/null || true
    ip link add "$tmp" type veth peer name eth0 netns "$ns"
    ip link set "$tmp" netns "$RNS"
    inns "$RNS" ip link set "$tmp" name "lan$k"
  fi
  inns "$RNS" ip link set "lan$k" master lan0 up
  inns "$ns" ip addr replace "$(hostip "$k")/24" dev eth0
  inns "$ns" ip link set eth0 up
  inns "$ns" ip route replace default via "$ROUTER_LAN"
}
