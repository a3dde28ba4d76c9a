# Fabric of network/hosts.sh: the one-host steps' configuration writers (lib/nodes.sh), pointed at
# the hosts' folders and addresses by redefining the path functions they call, and steps that
# start each node inside its host's namespace.

# The host a process name (orderer1, org2, peer0.org2, ipfs.org2, ...) lives on.
host_of() {
  case $1 in
    orderer*|*."$HOSTS_ORDERER_HOST") printf '%s' "$HOSTS_ORDERER_HOST" ;;
    *.*) printf '%s' "${1##*.}" ;;
    *) printf '%s' "$1" ;;
  esac
}

# --- the path functions of lib/crypto.sh and lib/nodes.sh, per host ----------------------------
# A host reads its own material from its folder, and anyone else's only from its public/ folder,
# where share_public_material put it. AS_HOST says who is reading (as_admin sets it).
reader() { printf '%s' "${AS_HOST:-$HOSTS_ORDERER_HOST}"; }
public_dir() { printf '%s/public/%s' "$(host_dir "$1")" "$2"; }
node_addr() { host_addr "$(host_of "$1")"; }
node_state_dir() { printf '%s/state/%s' "$(host_dir "$(host_of "$1")")" "$1"; }
run_on() { local h; h=$(host_of "$1"); shift; in_host "$h" "$@"; }
orderer_node_dir() { printf '%s/orderers/%s' "$(host_dir "$HOSTS_ORDERER_HOST")" "$1"; }
orderer_admin_dir() { printf '%s/users/Admin' "$(host_dir "$HOSTS_ORDERER_HOST")"; }
orderer_msp_dir() { printf '%s/msp' "$(host_dir "$HOSTS_ORDERER_HOST")"; }
orderer_tls_ca() {
  if [[ $(reader) == "$HOSTS_ORDERER_HOST" ]]; then printf '%s/msp/tlscacerts/ca.pem' "$(host_dir "$HOSTS_ORDERER_HOST")"
  else printf '%s/tlsca.pem' "$(public_dir "$(reader)" "$HOSTS_ORDERER_HOST")"; fi
}
org_dir() { host_dir "$1"; }
peer_node_dir() { printf '%s/peers/peer0' "$(host_dir "$1")"; }
org_user_dir() { printf '%s/users/%s' "$(host_dir "$1")" "$2"; }
org_tls_ca() {
  if [[ $(reader) == "$1" ]]; then printf '%s/msp/tlscacerts/ca.pem' "$(host_dir "$1")"
  else printf '%s/tlsca.pem' "$(public_dir "$(reader)" "$1")"; fi
}
# configtxgen runs on the orderer host, from the members' MSPs it received.
channel_msp_dir() { printf '%s/msp' "$(public_dir "$HOSTS_ORDERER_HOST" "$1")"; }
GENESIS_BLOCK() {
  if [[ $(reader) == "$HOSTS_ORDERER_HOST" ]]; then printf '%s/config/%s.block' "$(host_dir "$HOSTS_ORDERER_HOST")" "$CHANNEL"
  else printf '%s/%s.block' "$(public_dir "$(reader)" "$HOSTS_ORDERER_HOST")" "$CHANNEL"; fi
}

# --- public material ---------------------------------------------------------------------------
# publish FROM_FILE TO_HOST NAME: one public file into TO_HOST's public/ folder. Refuses anything
# holding a private key: only certificates, MSP rules, the genesis block and addresses travel.
publish() {
  local src=$1 to=$2 name=$3 dst
  grep -q 'PRIVATE KEY' "$src" 2>/dev/null && die "refusing to copy $src to $to: it holds a private key"
  dst="$(host_dir "$to")/public/$name"
  mkdir -p "$(dirname "$dst")"
  cp "$src" "$dst"
}

# Which public file goes where, all in one place:
#  - every member's MSP (CA cert, TLS CA cert, node OU rules) to the orderer host, for the channel;
#  - every organisation's TLS CA certificate to every other host (peers and orderers dial each other);
#  - every member's users' certificates to every other member host (a publisher encrypts a
#    committee member's validation fragment to its certificate);
#  - the genesis block, once made, from the orderer host to every member host.
share_public_material() {
  local org h f u
  for org in $ORGS; do
    for f in cacerts/ca.pem tlscacerts/ca.pem config.yaml; do
      publish "$(host_dir "$org")/msp/$f" "$HOSTS_ORDERER_HOST" "$org/msp/$f"
    done
  done
  for h in $(all_hosts); do
    for org in $(all_hosts); do
      [[ $org == "$h" ]] || publish "$(host_dir "$org")/msp/tlscacerts/ca.pem" "$h" "$org/tlsca.pem"
    done
  done
  for org in $ORGS; do
    for h in $ORGS; do
      [[ $h == "$org" ]] && continue
      for u in Admin $(seq -f 'User%g' 1 "$HOSTS_USERS_PER_ORG"); do
        publish "$(org_user_dir "$org" "$u")/msp/signcerts/cert.pem" "$h" "$org/users/$u/cert.pem"
      done
    done
  done
  if [[ -f $(AS_HOST=$HOSTS_ORDERER_HOST GENESIS_BLOCK) ]]; then
    for org in $ORGS; do publish "$(AS_HOST=$HOSTS_ORDERER_HOST GENESIS_BLOCK)" "$org" "$HOSTS_ORDERER_HOST/$CHANNEL.block"; done
  fi
}

# --- channel configuration and nodes -----------------------------------------------------------

step_channel_hosts() {
  local n org block
  mkdir -p "$(ENV_DIR)" "$(host_dir "$HOSTS_ORDERER_HOST")/config"
  write_node_config
  for n in $ORDERERS; do write_orderer_env "$n"; done
  for org in $ORGS; do write_peer_env "$org"; done
  share_public_material
  block=$(AS_HOST=$HOSTS_ORDERER_HOST GENESIS_BLOCK)
  if [[ ! -f $block ]]; then
    write_configtx
    FABRIC_CFG_PATH="$CONFIG_DIR/configtx" "$FABRIC_BIN/configtxgen" -profile Learning -channelID "$CHANNEL" \
      -outputBlock "$block.tmp" >"$LOG_DIR/configtxgen.log" 2>&1 || die "configtxgen failed; see $LOG_DIR/configtxgen.log"
    mv "$block.tmp" "$block"
  fi
  share_public_material
}

launch_orderer() { start_process "$1" "$(ENV_DIR)/$1.env" ip netns exec "$(ns_name "$HOSTS_ORDERER_HOST")" "$FABRIC_BIN/orderer"; }
launch_peer() { start_process "peer0.$1" "$(ENV_DIR)/peer0.$1.env" ip netns exec "$(ns_name "$1")" "$FABRIC_BIN/peer" node start; }
orderer_healthy() { AS_HOST=$HOSTS_ORDERER_HOST host_https_healthy "$HOSTS_ORDERER_HOST" "$(cfg "$1" OPS_PORT)" "$(AS_HOST=$HOSTS_ORDERER_HOST orderer_tls_ca)"; }
peer_healthy() { host_https_healthy "$1" "$(cfg "$1" OPS_PORT)" "$(AS_HOST=$1 org_tls_ca "$1")"; }

step_orderers_hosts() {
  local n
  for n in $ORDERERS; do mkdir -p "$(node_state_dir "$n")"; launch_orderer "$n"; done
  for n in $ORDERERS; do
    wait_for "$n" 60 orderer_healthy "$n"
    wait_for "$n admin port" 60 host_port_open "$HOSTS_ORDERER_HOST" "$(cfg "$n" ADMIN_PORT)"
  done
  step_join_orderers
}

step_peers_hosts() {
  local org
  for org in $ORGS; do mkdir -p "$(node_state_dir "peer0.$org")"; launch_peer "$org"; done
  for org in $ORGS; do
    wait_for "peer0.$org" 60 peer_healthy "$org"
    wait_for "peer0.$org port" 60 host_port_open "$org" "$(cfg "$org" PEER_PORT)"
  done
  for org in $ORGS; do
    if as_admin "$org" peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then continue; fi
    as_admin "$org" peer channel join -b "$(AS_HOST=$org GENESIS_BLOCK)" >>"$LOG_DIR/peer-cli.log" 2>&1 \
      || die "peer0.$org did not join channel $CHANNEL; see $LOG_DIR/peer-cli.log"
  done
}
