# Step: one Kubo node in private-network mode: its own swarm key, no bootstrap peers, no
# AutoConf, no DHT, API and gateway on loopback only.

IPFS_REPO() { printf '%s/ipfs' "$STATE_DIR"; }
ipfs_cli() { IPFS_PATH="$(IPFS_REPO)" LIBP2P_FORCE_PNET=1 "$KUBO_BIN/ipfs" "$@"; }

init_ipfs_repo() {
  local repo; repo=$(IPFS_REPO)
  [[ -f $repo/config ]] && return 0
  mkdir -p "$repo"
  ipfs_cli init --empty-repo --profile=test >"$LOG_DIR/ipfs-init.log" 2>&1 || die "ipfs init failed; see $LOG_DIR/ipfs-init.log"
  # A private network: only nodes holding this key can ever connect.
  printf '/key/swarm/psk/1.0.0/\n/base16/\n%s\n' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$repo/swarm.key"
  chmod 600 "$repo/swarm.key"
  ipfs_cli config Addresses.API "/ip4/127.0.0.1/tcp/$IPFS_API_PORT"
  ipfs_cli config Addresses.Gateway "/ip4/127.0.0.1/tcp/$IPFS_GATEWAY_PORT"
  ipfs_cli config --json Addresses.Swarm "[\"/ip4/127.0.0.1/tcp/$IPFS_SWARM_PORT\"]"
  ipfs_cli config --json Bootstrap '[]'
  ipfs_cli config --json AutoConf.Enabled false
  ipfs_cli config --json Discovery.MDNS.Enabled false
  ipfs_cli config Routing.Type none
  ipfs_cli config --json Provide.Enabled false
}

ipfs_healthy() { curl -sf --max-time 2 -X POST "http://127.0.0.1:$IPFS_API_PORT/api/v0/version" | grep -q Version; }

launch_ipfs() { start_process ipfs "$(ENV_DIR)/ipfs.env" "$KUBO_BIN/ipfs" daemon --migrate=false; }

step_ipfs() {
  init_ipfs_repo
  cat >"$(ENV_DIR)/ipfs.env" <<EOT
IPFS_PATH=$(IPFS_REPO)
LIBP2P_FORCE_PNET=1
GOMAXPROCS=2
EOT
  launch_ipfs
  wait_for "IPFS" 60 ipfs_healthy
}
