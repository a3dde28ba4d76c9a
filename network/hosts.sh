#!/usr/bin/env bash
# dln consortium across hosts: the network of network.sh, but every organisation on its own host,
# each host a Linux network namespace on one machine (a bridge between them, a private subnet).
# The ordering host runs the three Raft orderers and the orderer organisation's Fabric CA; each
# member host runs its own Fabric CA (its own keys only), its peer, its chaincode server, its Kubo
# node and its IPFS Cluster peer. Needs root (ip netns). Independent of the one-host network: own
# run directory (HOSTS_RUN), own process tag, nothing on the machine's own loopback.
set -euo pipefail
umask 077

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DLN_ROOT="$(cd "$NETWORK_DIR/.." && pwd)"
source "$NETWORK_DIR/network.conf"
# Everything of the one-host network's layout that the shared libraries use, moved under HOSTS_RUN
# (set here, not from the environment: an exported LOG_DIR or PID_DIR of the one-host network
# must never mix the two networks' pid files or tags).
DLN_RUN=$HOSTS_RUN
STATE_DIR=$HOSTS_RUN/state
LOG_DIR=$HOSTS_RUN/logs
PID_DIR=$HOSTS_RUN/pids
CONFIG_DIR=$HOSTS_RUN/config
CRYPTO_DIR=$HOSTS_RUN/no-cryptogen
USERS_PER_ORG=$HOSTS_USERS_PER_ORG
# After add-org or remove-org the members are those of the running channel, not network.conf's.
[[ -f $HOSTS_RUN/members ]] && ORGS=$(cat "$HOSTS_RUN/members")
for lib in common build crypto nodes chaincode profile hosts-net hosts-ca hosts-fabric hosts-chaincode hosts-storage hosts-keys hosts-members hosts-clients; do
  source "$NETWORK_DIR/lib/$lib.sh"
done

usage() {
  cat <<EOT
usage: network/hosts.sh COMMAND

  up            build what is missing, make the hosts (namespaces), start every host's CA, nodes,
                chaincode server, Kubo and cluster peer, deploy the chaincode, write the profile
  down          stop every process, remove the namespaces and the bridge; state kept
  clean         down, then delete all state ($HOSTS_RUN)
  status        every process with its host, pid and health
  add-org ORG   a new organisation joins the running channel (a channel configuration update
                signed by a majority of the members' admins), on a new host with its own CA,
                peer, chaincode server, Kubo and cluster peer (org4 is configured)
  remove-org ORG  the organisation leaves the channel (an update signed by a majority); its host
                stops and its cluster peer leaves (its folder is kept)
  exec HOST CMD...   run CMD inside HOST's namespace (e.g. exec org2 ipfs-cluster-ctl peers ls)
  client ORG publisher|provider|committee ARGS...
                run one of ORG's client programs on ORG's host, with ORG's profile, seeing only
                ORG's folder (e.g. client org2 provider run MODEL --identity org2/User3 --data ...)
  session [ROUNDS [GOSSIP_STEPS]]
                a learning session across the member hosts, each organisation's clients on its
                own host: ROUNDS federated rounds (default 2), then GOSSIP_STEPS gossip steps (1)
  lose HOST     lose a whole host: SIGKILL every process in its namespace (\`up\` or \`machine
                HOST start\` brings it back)
  machine HOST init|start|stop|status
                one host only, as its operator runs it on its machine: init (its CA, its
                identities enrolled on it; up runs it for every host), start what is not running
                (from its folder and the public files it holds), stop, status
  copies CID    on how many members' nodes the cluster holds CID pinned
  keys          per host, every private key in its folder and whose certificate it belongs to
  build         build the pinned binaries only (Fabric, Kubo, Fabric CA, IPFS Cluster)

hosts: $(all_hosts | tr '\n' ' ')(namespaces $HOSTS_PREFIX-*, subnet $HOSTS_SUBNET.0/$HOSTS_PREFIX_LEN)
example: network/hosts.sh up && network/hosts.sh session && network/hosts.sh client org1 publisher list
config:  $NETWORK_DIR/network.conf (hosts section)     state: $HOSTS_RUN
EOT
}

# Process names: NAME.HOST for the per-host services, the orderers and peers as in network.sh;
# each host's in the order they start.
host_processes() {
  if [[ $1 == "$HOSTS_ORDERER_HOST" ]]; then echo "ca.$1" $ORDERERS
  else echo "ca.$1" "peer0.$1" "ipfs.$1" "ipfs-cluster.$1" "chaincode.$1"; fi
}
all_processes() { local h; for h in $(all_hosts); do host_processes "$h"; done; }

# Ports live in the namespaces, not on the machine: nothing of the machine's to check against.
ports_of() { :; }

# The profile each organisation's clients read, in its own host's folder (HOST_PROFILE): every
# address a namespace address, TLS roots as that host holds them, its own users with their keys in
# its folder and its own IPFS API (its cluster proxy); the other members' users by certificate only,
# from its public/ folder (a publisher encrypts each committee member's fragment to its certificate).
user_cert_file() {
  if [[ $1 == "$(reader)" ]]; then printf '%s/msp/signcerts/cert.pem' "$(org_user_dir "$1" "$2")"
  else printf '%s/users/%s/cert.pem' "$(public_dir "$(reader)" "$1")" "$2"; fi
}
user_key_file() { [[ $1 != "$(reader)" ]] || printf '%s/msp/keystore/priv_sk' "$(org_user_dir "$1" "$2")"; }
profile_org_extra() { [[ $1 != "$(reader)" ]] || printf '      "ipfs": {"api": "%s", "bin": "%s"},\n' "$(host_ipfs_api "$1")" "$KUBO_BIN/ipfs"; }
profile_ipfs_api() { host_ipfs_api "$(reader)"; }

build_hosts_binaries() {
  command -v go >/dev/null || die "Go is not installed: install Go 1.24 or newer"
  go_env
  build_fabric
  build_kubo
  build_fabric_ca
  build_ipfs_cluster
}

cmd_up() {
  mkdir -p "$LOG_DIR" "$PID_DIR" "$STATE_DIR"
  chmod 700 "$HOSTS_RUN"
  printf 'dln hosts up (Fabric %s, Fabric CA %s, Kubo %s, IPFS Cluster %s)\n' "$FABRIC_RELEASE" "$FABRIC_CA_RELEASE" "$KUBO_RELEASE" "$IPFS_CLUSTER_RELEASE"
  # A failed `up` leaves nothing running and no namespace behind.
  trap 'printf "\nup failed: stopping what it started\n" >&2; stop_everything >&2' EXIT
  run_step "binaries" build_hosts_binaries
  run_step "hosts (namespaces)" step_namespaces
  run_step "CAs and identities" step_identities_hosts
  run_step "channel config" step_channel_hosts
  run_step "ordering nodes" step_orderers_hosts
  run_step "peers join $CHANNEL" step_peers_hosts
  run_step "kubo and cluster" step_storage_hosts
  run_step "chaincode" step_chaincode_hosts
  run_step "connection profile" step_hosts_profile
  run_step "key permissions" secure_host_keys
  save_members
  trap - EXIT
  print_step_times
  printf '\nconnection profiles (one per member host): %s\n' "$(for o in $ORGS; do printf '%s ' "$(HOST_PROFILE "$o")"; done)"
}

# The demo's roles among the current members (after add-org or remove-org too): the first
# member's User1 publishes, every member's User2 sits on the committee, Users 3.. provide data.
# One profile per member host, each written as that host sees the consortium.
step_hosts_profile() {
  local o u
  DEMO_PUBLISHER="$(first_org)/User1"
  DEMO_COMMITTEE=$(for o in $ORGS; do printf '%s/User2 ' "$o"; done)
  DEMO_PROVIDERS=$(for u in $(seq 3 "$USERS_PER_ORG"); do for o in $ORGS; do printf '%s/User%s ' "$o" "$u"; done; done)
  for o in $ORGS; do CONNECTION_PROFILE=$(HOST_PROFILE "$o") AS_HOST=$o step_profile; done
}

stop_everything() {
  stop_processes $(all_processes)
  sweep_network_processes
  remove_namespaces
}

cmd_down() {
  local left
  stop_everything
  left="$(network_pids) $(namespace_pids)"
  [[ -z ${left// /} ]] || die "still running after down: $left"
  echo "stopped; namespaces removed; state kept in $HOSTS_RUN (network/hosts.sh clean deletes it)"
}

cmd_clean() {
  cmd_down >/dev/null
  rm -rf "$HOSTS_RUN"
  echo "deleted $HOSTS_RUN"
}

process_health() {
  local p=$1
  case $p in
    ca.*) ca_healthy "${p#ca.}" ;;
    orderer*) orderer_healthy "$p" ;;
    peer0.*) peer_healthy "${p#peer0.}" ;;
    chaincode.*) host_port_open "${p#chaincode.}" "$HOSTS_CHAINCODE_PORT" ;;
    ipfs.*) host_ipfs_healthy "${p#ipfs.}" ;;
    ipfs-cluster.*) cluster_healthy "${p#ipfs-cluster.}" ;;
  esac
}

# status_of PROCESS...: one line per process (host, address, pid, health); false if any is not ok.
status_of() {
  local p bad=0 health
  printf '%-22s %-10s %-14s %8s  %s\n' process host address pid health
  for p in "$@"; do
    if is_running "$p"; then
      if process_health "$p"; then health=ok; else health=unhealthy; bad=1; fi
      printf '%-22s %-10s %-14s %8s  %s\n' "$p" "$(host_of "$p")" "$(host_addr "$(host_of "$p")")" "$(pid_of "$p")" "$health"
    else
      printf '%-22s %-10s %-14s %8s  %s\n' "$p" "$(host_of "$p")" "$(host_addr "$(host_of "$p")")" - stopped; bad=1
    fi
  done
  return $bad
}
cmd_status() { status_of $(all_processes); }

# --- one machine: what its operator runs there ------------------------------------------------
# machine_start HOST: starts whatever of HOST is not running, from HOST's own folder and the public
# material it holds (the restart of one machine, after a power cut or a reboot), and waits until
# each process is healthy. The peer replays the blocks it missed from the ordering service; the
# cluster peer rejoins the cluster and pins what the cluster allocated to it meanwhile.
machine_start() {
  local h=$1 p
  ns_exists "$h" || step_namespaces
  for p in $(host_processes "$h"); do
    case $p in
      ca.*) launch_ca "$h" ;;
      orderer*) mkdir -p "$(node_state_dir "$p")"; launch_orderer "$p" ;;
      peer0.*) launch_peer "$h" ;;
      ipfs.*) launch_host_ipfs "$h" ;;
      ipfs-cluster.*) wait_for "ipfs on $h" 60 host_ipfs_healthy "$h"; launch_cluster "$h" ;;
      chaincode.*) launch_chaincode_on "$h" ;;
    esac
  done
  for p in $(host_processes "$h"); do wait_for "$p" 90 process_health "$p"; done
}

cmd_machine() {
  local h=${1:-} what=${2:-}
  [[ -n $h && " $(all_hosts | tr '\n' ' ') " == *" $h "* ]] || die "usage: network/hosts.sh machine HOST init|start|stop|status; HOST is one of: $(all_hosts | tr '\n' ' ')"
  case $what in
    init) ns_exists "$h" || step_namespaces; run_step "CA and identities of $h" machine_identities "$h"; secure_host_keys ;;
    start) run_step "machine $h" machine_start "$h"; status_of $(host_processes "$h") ;;
    stop) stop_processes $(host_processes "$h"); echo "stopped the processes of $h" ;;
    status) status_of $(host_processes "$h") ;;
    *) die "usage: network/hosts.sh machine HOST init|start|stop|status" ;;
  esac
}

cmd_exec() {
  local h=${1:-}
  [[ -n $h && " $(all_hosts | tr '\n' ' ') " == *" $h "* && $# -gt 1 ]] || die "usage: network/hosts.sh exec HOST CMD...; HOST is one of: $(all_hosts | tr '\n' ' ')"
  shift
  PATH="$FABRIC_BIN:$KUBO_BIN:$FABRIC_CA_BIN:$IPFS_CLUSTER_BIN:$PATH" in_host "$h" "$@"
}

cmd_client() {
  local org=${1:-}
  [[ -n $org && " $ORGS " == *" $org "* && $# -gt 2 ]] || die "usage: network/hosts.sh client ORG publisher|provider|committee ARGS...; ORG is one of: $ORGS"
  client "$@"
}

# A host lost at once, as by a power cut: every process in its namespace killed with SIGKILL.
cmd_lose() {
  local h=${1:-} pids
  [[ -n $h && " $(all_hosts | tr '\n' ' ') " == *" $h "* ]] || die "usage: network/hosts.sh lose HOST; HOST is one of: $(all_hosts | tr '\n' ' ')"
  ns_exists "$h" || die "host $h is not up"
  pids=$(ip netns pids "$(ns_name "$h")")
  [[ -n $pids ]] && kill -KILL $pids 2>/dev/null || true
  echo "lost $h: killed $(wc -w <<<"$pids") processes; network/hosts.sh up brings it back"
}

cmd_copies() {
  [[ -n ${1:-} ]] || die "usage: network/hosts.sh copies CID"
  copies_of "$1"
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    clean) cmd_clean ;;
    status) cmd_status ;;
    exec) cmd_exec "$@" ;;
    client) cmd_client "$@" ;;
    machine) mkdir -p "$LOG_DIR"; cmd_machine "$@" ;;
    session) cmd_session "$@" ;;
    copies) cmd_copies "$@" ;;
    lose) cmd_lose "$@" ;;
    add-org) mkdir -p "$LOG_DIR"; cmd_add_org "$@" ;;
    remove-org) mkdir -p "$LOG_DIR"; cmd_remove_org "$@" ;;
    keys) host_key_report ;;
    _admin_env) AS_HOST=$1 admin_env "$1" ;;
    build) mkdir -p "$LOG_DIR"; run_step binaries build_hosts_binaries ;;
    -h|--help|help) usage ;;
    "") usage; exit 1 ;;
    *) printf 'hosts: unknown command "%s"\n\n' "$cmd" >&2; usage >&2; exit 1 ;;
  esac
}

# Sourced (by a test or a shell, for its functions), it runs nothing.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
