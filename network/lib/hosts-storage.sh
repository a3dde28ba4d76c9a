# Storage of network/hosts.sh: no single node. Every member host runs its own Kubo node (private
# swarm, peered with the other members' nodes) and an IPFS Cluster peer (CRDT consensus) that
# pins everything added through it on at least HOSTS_REPLICATION_MIN members' nodes. Clients add
# through their own host's cluster proxy (a Kubo-compatible API: an add there is a cluster pin)
# and read through it too (reads are passed to that host's Kubo, which fetches from its peers).

IPFS_CLUSTER_BIN="$DLN_CACHE/bin/ipfs-cluster-$IPFS_CLUSTER_RELEASE"

HOST_IPFS_REPO() { printf '%s/state/ipfs' "$(host_dir "$1")"; }
HOST_CLUSTER_REPO() { printf '%s/state/ipfs-cluster' "$(host_dir "$1")"; }
host_ipfs() { local h=$1; shift; in_host "$h" env IPFS_PATH="$(HOST_IPFS_REPO "$h")" LIBP2P_FORCE_PNET=1 "$KUBO_BIN/ipfs" "$@"; }
cluster_ctl() { local h=$1; shift; in_host "$h" "$IPFS_CLUSTER_BIN/ipfs-cluster-ctl" "$@"; }
# Where clients reach a member's storage: its cluster proxy on the host's address.
host_ipfs_api() { printf 'http://%s:%s' "$(host_addr "$1")" "$HOSTS_CLUSTER_PROXY_PORT"; }

# The consortium's two shared secrets, made once on the first member host and handed to each
# member (mode 600): the private swarm key (only nodes holding it can connect) and the cluster
# secret (only peers holding it join the cluster). They are the consortium's, not one member's;
# they are the only secret material that crosses hosts.
share_consortium_secrets() {
  local first org dir; first=$(first_org); dir="$(host_dir "$first")/secrets"
  mkdir -p "$dir"
  [[ -f $dir/swarm.key ]] || printf '/key/swarm/psk/1.0.0/\n/base16/\n%s\n' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$dir/swarm.key"
  [[ -f $dir/cluster.secret ]] || od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$dir/cluster.secret"
  for org in $ORGS; do
    mkdir -p "$(host_dir "$org")/secrets"
    [[ $org == "$first" ]] || cp "$dir/swarm.key" "$dir/cluster.secret" "$(host_dir "$org")/secrets/"
    chmod 600 "$(host_dir "$org")"/secrets/*
  done
}

init_host_ipfs() {
  local org=$1 repo; repo=$(HOST_IPFS_REPO "$org")
  [[ -f $repo/config ]] && return 0
  mkdir -p "$repo"
  host_ipfs "$org" init --empty-repo --profile=test >>"$LOG_DIR/ipfs-init.$org.log" 2>&1 || die "ipfs init on $org failed; see $LOG_DIR/ipfs-init.$org.log"
  cp "$(host_dir "$org")/secrets/swarm.key" "$repo/swarm.key"
  # API and gateway for this host only (its cluster peer); the swarm on the host's address.
  host_ipfs "$org" config Addresses.API /ip4/127.0.0.1/tcp/5001
  host_ipfs "$org" config Addresses.Gateway /ip4/127.0.0.1/tcp/8080
  host_ipfs "$org" config --json Addresses.Swarm "[\"/ip4/$(host_addr "$org")/tcp/$IPFS_SWARM_PORT\"]"
  host_ipfs "$org" config --json Bootstrap '[]'
  host_ipfs "$org" config --json AutoConf.Enabled false
  host_ipfs "$org" config --json Discovery.MDNS.Enabled false
  host_ipfs "$org" config Routing.Type none
  host_ipfs "$org" config --json Provide.Enabled false
}

# Every member's node keeps a connection to every other's (Peering): with no routing, bitswap
# asks connected peers, so each node finds what the others hold. Peer ids and addresses are public.
peer_host_ipfs() {
  local org=$1 other json="" sep=""
  for other in $ORGS; do
    [[ $other == "$org" ]] && continue
    json+="$sep{\"ID\":\"$(ipfs_peer_id "$other")\",\"Addrs\":[\"/ip4/$(host_addr "$other")/tcp/$IPFS_SWARM_PORT\"]}"
    sep=","
  done
  host_ipfs "$org" config --json Peering.Peers "[$json]"
}

ipfs_peer_id() { sed -n 's/.*"PeerID": *"\([^"]*\)".*/\1/p' "$(HOST_IPFS_REPO "$1")/config"; }

host_ipfs_healthy() { in_host "$1" curl -sf --max-time 2 -X POST "http://127.0.0.1:5001/api/v0/version" | grep -q Version; }

write_cluster_env() {
  local org=$1
  cat >"$(ENV_DIR)/ipfs-cluster.$org.env" <<EOT
IPFS_CLUSTER_PATH=$(HOST_CLUSTER_REPO "$org")
CLUSTER_PEERNAME=$org
CLUSTER_LISTENMULTIADDRESS=/ip4/$(host_addr "$org")/tcp/$HOSTS_CLUSTER_SWARM_PORT
CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS=/ip4/127.0.0.1/tcp/$HOSTS_CLUSTER_API_PORT
CLUSTER_IPFSPROXY_LISTENMULTIADDRESS=/ip4/$(host_addr "$org")/tcp/$HOSTS_CLUSTER_PROXY_PORT
CLUSTER_IPFSPROXY_NODEMULTIADDRESS=/ip4/127.0.0.1/tcp/5001
CLUSTER_IPFSHTTP_NODEMULTIADDRESS=/ip4/127.0.0.1/tcp/5001
CLUSTER_REPLICATIONFACTORMIN=$HOSTS_REPLICATION_MIN
CLUSTER_REPLICATIONFACTORMAX=$HOSTS_REPLICATION_MAX
CLUSTER_MDNSINTERVAL=0
CLUSTER_DISABLEREPINNING=false
GOMAXPROCS=1
EOT
}

init_host_cluster() {
  local org=$1 repo; repo=$(HOST_CLUSTER_REPO "$org")
  write_cluster_env "$org"
  [[ -f $repo/service.json ]] && return 0
  mkdir -p "$repo"
  # The secret goes into the peer's service.json (in this host's folder), not into the env file.
  ( set -a; source "$(ENV_DIR)/ipfs-cluster.$org.env"; CLUSTER_SECRET=$(cat "$(host_dir "$org")/secrets/cluster.secret"); set +a
    in_host "$org" "$IPFS_CLUSTER_BIN/ipfs-cluster-service" init --consensus crdt ) >>"$LOG_DIR/ipfs-cluster-init.$org.log" 2>&1 \
    || die "ipfs-cluster-service init on $org failed; see $LOG_DIR/ipfs-cluster-init.$org.log"
}

launch_host_ipfs() { start_process "ipfs.$1" "$(ENV_DIR)/ipfs.$1.env" ip netns exec "$(ns_name "$1")" "$KUBO_BIN/ipfs" daemon --migrate=false; }

cluster_peer_id() { sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' "$(HOST_CLUSTER_REPO "$1")/identity.json"; }

launch_cluster() {
  local org=$1 first; first=$(first_org)
  local boot=()
  [[ $org == "$first" ]] || boot=(--bootstrap "/ip4/$(host_addr "$first")/tcp/$HOSTS_CLUSTER_SWARM_PORT/p2p/$(cluster_peer_id "$first")")
  start_process "ipfs-cluster.$org" "$(ENV_DIR)/ipfs-cluster.$org.env" ip netns exec "$(ns_name "$org")" \
    "$IPFS_CLUSTER_BIN/ipfs-cluster-service" daemon "${boot[@]}"
}

cluster_healthy() { host_port_open "$1" "$HOSTS_CLUSTER_PROXY_PORT"; }
# Every member's cluster peer sees all the members' peers.
cluster_complete() { [[ $(cluster_ctl "$1" peers ls 2>/dev/null | grep -c '| Sees') -ge $(wc -w <<<"$ORGS") ]]; }

step_storage_hosts() {
  local org
  [[ -x $IPFS_CLUSTER_BIN/ipfs-cluster-service && -x $IPFS_CLUSTER_BIN/ipfs-cluster-ctl ]] || die "IPFS Cluster is not built; run: network/hosts.sh build"
  share_consortium_secrets
  for org in $ORGS; do init_host_ipfs "$org"; done
  # A running node holds its repository's lock; it keeps the peering it started with.
  for org in $ORGS; do is_running "ipfs.$org" || peer_host_ipfs "$org"; done
  for org in $ORGS; do
    printf 'IPFS_PATH=%s\nLIBP2P_FORCE_PNET=1\nGOMAXPROCS=1\n' "$(HOST_IPFS_REPO "$org")" >"$(ENV_DIR)/ipfs.$org.env"
    launch_host_ipfs "$org"
  done
  for org in $ORGS; do wait_for "ipfs on $org" 60 host_ipfs_healthy "$org"; done
  for org in $ORGS; do init_host_cluster "$org"; done
  for org in $ORGS; do
    launch_cluster "$org"
    [[ $org == "$(first_org)" ]] && wait_for "the cluster peer of $org" 60 cluster_healthy "$org"
  done
  for org in $ORGS; do wait_for "the cluster peer of $org" 60 cluster_healthy "$org"; done
  for org in $ORGS; do wait_for "the cluster seen from $org" 60 cluster_complete "$org"; done
}

# copies_of CID: how many members' nodes hold CID pinned, as the cluster reports it.
copies_of() { cluster_ctl "$(first_org)" status "$1" 2>/dev/null | grep -c 'PINNED' || true; }
