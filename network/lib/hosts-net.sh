# The hosts of network/hosts.sh: one Linux network namespace per host (the ordering service's,
# and one per member organisation), each with one veth interface on a private subnet, joined by a
# bridge. Nothing listens in the machine's own namespace, so these processes never meet the
# one-host network's loopback ports.

ns_name() { printf '%s-%s' "$HOSTS_PREFIX" "$1"; }
host_addr() { cfg "$1" HOST_ADDR; }
all_hosts() { echo "$HOSTS_ORDERER_HOST" $ORGS; }
# The veth end left in the machine's namespace (interface names are at most 15 characters).
veth_name() { printf '%s' "${HOSTS_PREFIX}-${1}" | cut -c1-15; }

# in_host HOST CMD...: runs CMD inside HOST's namespace (ip netns exec execs it: same pid).
in_host() { local h=$1; shift; ip netns exec "$(ns_name "$h")" "$@"; }

ns_exists() { ip netns list | awk '{print $1}' | grep -qxF "$(ns_name "$1")"; }

# Makes the bridge and, per host, its namespace, a veth pair (eth0 inside, with the host's
# address) and loopback. Idempotent.
step_namespaces() {
  local h ns veth
  [[ $(id -u) == 0 ]] || die "network namespaces need root (ip netns add)"
  command -v ip >/dev/null || die "iproute2 is not installed (the ip command makes the namespaces)"
  if ! ip link show "$HOSTS_BRIDGE" >/dev/null 2>&1; then
    ip link add "$HOSTS_BRIDGE" type bridge
  fi
  ip link set "$HOSTS_BRIDGE" up
  for h in $(all_hosts); do
    ns=$(ns_name "$h"); veth=$(veth_name "$h")
    ns_exists "$h" || ip netns add "$ns"
    if ! ip link show "$veth" >/dev/null 2>&1; then
      ip link add "$veth" type veth peer name eth0 netns "$ns"
      ip link set "$veth" master "$HOSTS_BRIDGE" up
    fi
    in_host "$h" ip link set lo up
    in_host "$h" ip addr replace "$(host_addr "$h")/$HOSTS_PREFIX_LEN" dev eth0
    in_host "$h" ip link set eth0 up
  done
}

# Every namespace of these hosts, members or not (a host half made by a failed add-org included).
our_namespaces() { ip netns list | awk '{print $1}' | grep "^$HOSTS_PREFIX-" || true; }

# Every pid living in one of the hosts' namespaces (whoever started it).
namespace_pids() {
  local ns
  for ns in $(our_namespaces); do ip netns pids "$ns" 2>/dev/null; done
  return 0
}

# Stops whatever still runs inside the namespaces, then removes them (their veth pairs go with
# them) and the bridge. Safe to run at any time, any number of times.
remove_namespaces() {
  local pids ns i
  pids=$(namespace_pids)
  if [[ -n $pids ]]; then
    kill -TERM $pids 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do kill -0 $pids 2>/dev/null || break; sleep 0.1; done
    kill -KILL $pids 2>/dev/null || true
  fi
  for ns in $(our_namespaces); do ip netns del "$ns" 2>/dev/null || true; done
  ip link del "$HOSTS_BRIDGE" 2>/dev/null || true
}

# remove_host HOST: whatever still runs in HOST's namespace killed, its veth pair and namespace gone.
remove_host() {
  local h=$1 pids
  if ns_exists "$h"; then
    pids=$(ip netns pids "$(ns_name "$h")")
    [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
    ip link del "$(veth_name "$h")" 2>/dev/null || true
    ip netns del "$(ns_name "$h")" 2>/dev/null || true
  fi
}

# host_port_open HOST PORT: HOST's address accepts TCP connections on PORT (tested from inside HOST).
host_port_open() { in_host "$1" bash -c "exec 3<>/dev/tcp/$(host_addr "$1")/$2" 2>/dev/null; }

# host_https_healthy HOST PORT CAFILE: a Fabric operations endpoint on HOST answering /healthz OK.
host_https_healthy() { in_host "$1" curl -sf --max-time 2 --cacert "$3" "https://$(host_addr "$1"):$2/healthz" | grep -q '"OK"'; }
