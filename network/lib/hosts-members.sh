# Membership of network/hosts.sh: an organisation joins or leaves the running channel by a
# channel configuration update (fetch the config, edit it, compute the update with configtxlator,
# collect the signatures of a MAJORITY of the members' admins, submit), as a consortium would.
# The current members are kept in HOSTS_RUN/members, so every later command knows them.

MEMBERS_FILE() { printf '%s/members' "$HOSTS_RUN"; }
save_members() { echo $ORGS >"$(MEMBERS_FILE)"; }

# Where the proposal is built: the first member's host, from its config/ folder.
UPDATE_DIR() { printf '%s/config/update' "$(host_dir "$(first_org)")"; }

# ctl ARGS...: configtxlator (pure data transformation: runs where the files are).
ctl() { "$FABRIC_BIN/configtxlator" "$@"; }

# fetch_config OUT_JSON: the channel's current configuration, fetched by the first member's admin.
fetch_config() {
  local dir; dir=$(UPDATE_DIR)
  as_admin "$(first_org)" sh -c 'peer channel fetch config "$1" -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" -c "$2"' _ \
    "$dir/config_block.pb" "$CHANNEL" >>"$LOG_DIR/peer-cli.log" 2>&1 || die "fetching the channel configuration failed; see $LOG_DIR/peer-cli.log"
  ctl proto_decode --input "$dir/config_block.pb" --type common.Block | jq '.data.data[0].payload.data.config' >"$1"
}

# propose_update ORIGINAL_JSON MODIFIED_JSON SIGNERS...: the update as an envelope, signed by
# each of SIGNERS' admins in turn (each on its own host), submitted by the last one (which signs too).
propose_update() {
  local orig=$1 mod=$2 dir org last; shift 2
  dir=$(UPDATE_DIR)
  ctl proto_encode --input "$orig" --type common.Config --output "$dir/original.pb"
  ctl proto_encode --input "$mod" --type common.Config --output "$dir/modified.pb"
  ctl compute_update --channel_id "$CHANNEL" --original "$dir/original.pb" --updated "$dir/modified.pb" --output "$dir/update.pb" \
    || die "configtxlator found no difference to propose"
  ctl proto_decode --input "$dir/update.pb" --type common.ConfigUpdate >"$dir/update.json"
  jq -n --arg ch "$CHANNEL" --slurpfile u "$dir/update.json" \
    '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: $u[0]}}}' >"$dir/envelope.json"
  ctl proto_encode --input "$dir/envelope.json" --type common.Envelope --output "$dir/envelope.pb"
  last=${*: -1}
  for org in "$@"; do
    if [[ $org == "$last" ]]; then
      as_admin "$org" sh -c 'peer channel update -f "$1" -c "$2" -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA"' _ \
        "$dir/envelope.pb" "$CHANNEL" >>"$LOG_DIR/peer-cli.log" 2>&1 || die "the channel update signed by $* failed; see $LOG_DIR/peer-cli.log"
    else
      as_admin "$org" peer channel signconfigtx -f "$dir/envelope.pb" >>"$LOG_DIR/peer-cli.log" 2>&1 \
        || die "$org's admin could not sign the update; see $LOG_DIR/peer-cli.log"
    fi
  done
}

# majority_of N CANDIDATES...: a MAJORITY of N members' admins (the channel's Admins policy),
# taken from CANDIDATES in order (the proposer first).
majority_of() { local n=$(( $1 / 2 + 1 )); shift; (( $# >= n )) || die "a majority needs $n admins, only $# can sign"; echo "${@:1:n}"; }

# The new organisation's definition (its MSP with OU rules, anchor peer, policies), as configtxgen
# prints it from the public MSP the orderer host received.
org_definition() {
  local org=$1
  write_configtx
  FABRIC_CFG_PATH="$CONFIG_DIR/configtx" "$FABRIC_BIN/configtxgen" -printOrg "$(cfg "$org" MSP)" 2>>"$LOG_DIR/configtxgen.log" \
    || die "configtxgen -printOrg $(cfg "$org" MSP) failed; see $LOG_DIR/configtxgen.log"
}

cmd_add_org() {
  local org=${1:-} old dir
  [[ -n $org && -n $(cfg "$org" MSP) && -n $(cfg "$org" HOST_ADDR) ]] || die "usage: network/hosts.sh add-org ORG; ORG needs ORG_MSP, ORG_HOST_ADDR and its ports in network.conf"
  [[ " $ORGS " != *" $org "* ]] || die "$org is already a member ($ORGS)"
  command -v jq >/dev/null || die "jq is not installed; the channel configuration update edits JSON with it"
  old=$ORGS
  mkdir -p "$(UPDATE_DIR)"
  # The new host, its CA and identities; its public material to the others and theirs to it.
  ORGS="$old $org"
  run_step "host $org" step_namespaces
  run_step "CA and identities of $org" step_identities_hosts
  share_public_material
  # The channel configuration update, proposed by the first member, signed by a majority.
  dir=$(UPDATE_DIR)
  ORGS=$old fetch_config "$dir/config.json"
  org_definition "$org" >"$dir/$org.json"
  jq --arg msp "$(cfg "$org" MSP)" --slurpfile orgdef "$dir/$org.json" '.channel_group.groups.Application.groups[$msp] = $orgdef[0]' \
    "$dir/config.json" >"$dir/modified.json"
  run_step "channel update (+$org)" propose_update "$dir/config.json" "$dir/modified.json" $(majority_of $(wc -w <<<"$old") $old)
  save_members
  write_peer_env "$org"
  # Its peer joins from the genesis block and replays every block since, the update included.
  run_step "peer of $org joins" step_peers_hosts
  run_step "kubo and cluster of $org" step_storage_hosts
  run_step "chaincode on $org" step_chaincode_hosts
  run_step "connection profile" step_hosts_profile
  secure_host_keys
  echo "$org is a member; members: $ORGS"
}

cmd_remove_org() {
  local org=${1:-} rest="" o dir
  [[ -n $org && " $ORGS " == *" $org "* ]] || die "usage: network/hosts.sh remove-org ORG; ORG is one of: $ORGS"
  [[ $org != "$(first_org)" ]] || die "$org proposes the updates here; remove another organisation"
  command -v jq >/dev/null || die "jq is not installed; the channel configuration update edits JSON with it"
  for o in $ORGS; do [[ $o == "$org" ]] || rest+="$o "; done
  mkdir -p "$(UPDATE_DIR)"; dir=$(UPDATE_DIR)
  fetch_config "$dir/config.json"
  jq --arg msp "$(cfg "$org" MSP)" 'del(.channel_group.groups.Application.groups[$msp])' "$dir/config.json" >"$dir/modified.json"
  # Signed by a majority of all current members (the leaving one need not be among them).
  run_step "channel update (-$org)" propose_update "$dir/config.json" "$dir/modified.json" $(majority_of $(wc -w <<<"$ORGS") $rest)
  # Its cluster peer leaves the cluster (the others re-pin what it held), then its host stops.
  cluster_ctl "$(first_org)" peers rm "$(cluster_peer_id "$org")" >>"$LOG_DIR/ipfs-cluster-ctl.log" 2>&1 || true
  stop_processes "ca.$org" "peer0.$org" "chaincode.$org" "ipfs.$org" "ipfs-cluster.$org"
  remove_host "$org"
  ORGS=$rest
  save_members
  run_step "connection profile" step_hosts_profile
  echo "$org left the channel; its host is stopped and removed, its folder kept; members: $ORGS"
}
