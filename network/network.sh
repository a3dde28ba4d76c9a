#!/usr/bin/env bash
# dln network: a Fabric network (3 Raft ordering nodes, one peer per organisation, chaincode as a
# service) and a private Kubo node, as native processes built from pinned Go modules. No Docker.
set -euo pipefail
# Keys, ledgers and logs are the owner's only; every process started from here inherits this.
umask 077

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DLN_ROOT="$(cd "$NETWORK_DIR/.." && pwd)"
source "$NETWORK_DIR/network.conf"
for lib in common build crypto nodes chaincode ipfs profile keys supervise; do source "$NETWORK_DIR/lib/$lib.sh"; done

usage() {
  cat <<EOT
usage: network/network.sh COMMAND

  up            build what is missing, start what is not running, deploy the chaincode,
                start the supervisor (restarts a process that dies)
  down          stop the supervisor, then every process; ledgers, keys and IPFS data are kept
  status        every process with its port, pid, restarts and health; the supervisor; key
                files readable by others (exit code 1 if anything is wrong)
  logs [NAME]   list the log files and the last supervisor events, or print the end of one (-f)
  stop NAME     stop one process (orderer1, peer0.org2, chaincode, ipfs, ...); the supervisor
                leaves it stopped until "up" starts it again (for backups, maintenance)
  supervise on|off  start or stop (and keep stopped) the supervisor
  deploy        build the chaincode and roll it out as sequence + 1 if it changed
  clean         stop everything and delete all state (ledgers, keys, IPFS data)
  env [ORG]     shell exports for ORG's admin with the peer CLI (default org1)
  build         build the pinned binaries only

example: network/network.sh up && eval "\$(network/network.sh env org2)" && peer channel list
config:  $NETWORK_DIR/network.conf     state: $DLN_RUN     cache: $DLN_CACHE
EOT
}

cmd_up() {
  mkdir -p "$LOG_DIR" "$STATE_DIR" "$PID_DIR"
  printf 'dln network up (Fabric %s, Kubo %s)\n' "$FABRIC_RELEASE" "$KUBO_RELEASE"
  run_step "binaries" step_build_binaries
  run_step "identities" step_identities
  run_step "channel config" step_channel_config
  run_step "ordering nodes" step_orderers
  run_step "orderers join $CHANNEL" step_join_orderers
  run_step "peers" step_peers
  run_step "peers join $CHANNEL" step_join_peers
  run_step "ipfs" step_ipfs
  run_step "chaincode" step_chaincode
  run_step "connection profile" step_profile
  run_step "key permissions" secure_keys
  run_step "supervisor" step_supervisor
  print_step_times
  printf '\nconnection profile: %s\n' "$CONNECTION_PROFILE"
}

all_processes() { echo $ORDERERS; for org in $ORGS; do echo "peer0.$org"; done; echo chaincode ipfs; }

# Stops the supervisor first (so it restarts nothing), then every process at once (bounded wait),
# then whatever is still tagged as this network's, and checks nothing is left.
cmd_down() {
  local left
  stop_supervisor
  stop_processes $(all_processes)
  sweep_network_processes
  left=$(network_pids)
  [[ -z $left ]] || die "still running after down: $(echo $left)"
  echo "stopped; state kept in $DLN_RUN (network/network.sh clean deletes it)"
}

cmd_stop() {
  local name=${1:-}
  [[ -n $name && " $(all_processes | tr '\n' ' ') " == *" $name "* ]] \
    || die "usage: network/network.sh stop NAME; NAME is one of: $(echo $(all_processes))"
  is_running "$name" || { echo "$name is not running"; return 0; }
  stop_processes "$name"
  echo "stopped $name; the supervisor leaves it stopped (network/network.sh up starts it again)"
}

cmd_clean() {
  cmd_down >/dev/null
  rm -rf "$DLN_RUN"
  echo "deleted $DLN_RUN"
}

process_health() {
  local p=$1
  case $p in
    orderer*) orderer_healthy "$p" ;;
    peer0.*) peer_healthy "${p#peer0.}" ;;
    chaincode) port_open "$CHAINCODE_PORT" ;;
    ipfs) ipfs_healthy ;;
  esac
}

process_port() {
  case $1 in
    orderer*) printf '%s (admin %s, ops %s)' "$(cfg "$1" PORT)" "$(cfg "$1" ADMIN_PORT)" "$(cfg "$1" OPS_PORT)" ;;
    peer0.*) local o=${1#peer0.}; printf '%s (cc %s, ops %s)' "$(cfg "$o" PEER_PORT)" "$(cfg "$o" CC_PORT)" "$(cfg "$o" OPS_PORT)" ;;
    chaincode) printf '%s' "$CHAINCODE_PORT" ;;
    ipfs) printf '%s (gateway %s)' "$IPFS_API_PORT" "$IPFS_GATEWAY_PORT" ;;
  esac
}

cmd_status() {
  local p pid health bad=0 state restarts problems sup held
  printf '%-16s %-28s %8s %8s  %s\n' process port pid restarts health
  for p in $(all_processes); do
    pid=$(pid_of "$p")
    state=$(supervised_state "$p"); restarts=${state%% *}
    if is_running "$p"; then
      if process_health "$p"; then health=ok; else health=unhealthy; bad=1; fi
    else
      pid="-"; bad=1
      if [[ ${state#* } == gave-up ]]; then health="stopped: supervisor gave up after $RESTART_LIMIT restarts in ${RESTART_WINDOW}s (see logs $p)"
      else health=stopped; fi
    fi
    printf '%-16s %-28s %8s %8s  %s\n' "$p" "$(process_port "$p")" "${pid:--}" "$restarts" "$health"
    held=$(foreign_ports "$p")
    if [[ -n $held ]]; then sed 's/^/  problem: /' <<<"$held"; bad=1; fi
  done
  sup=$(supervisor_status)
  printf '%-16s %-28s %8s %8s  %s\n' supervisor "every ${SUPERVISE_INTERVAL}s" "$(is_running supervisor && pid_of supervisor || echo -)" - "$sup"
  if [[ $sup == stopped ]] && is_running "$(first_orderer)"; then bad=1; fi
  if [[ -f $(CC_DIR)/current ]]; then printf '\nchaincode %s  %s\n' "$CHAINCODE_NAME" "$(cat "$(CC_DIR)/current")"; fi
  problems=$(key_problems)
  if [[ -n $problems ]]; then printf '\n%s\n' "$problems"; bad=1; fi
  return $bad
}

cmd_logs() {
  local follow=0 name=""
  for a in "$@"; do case $a in -f) follow=1 ;; *) name=$a ;; esac; done
  if [[ -z $name ]]; then
    ls -1 "$LOG_DIR" 2>/dev/null | sed 's/\.log$//'
    if [[ -f $LOG_DIR/supervisor.log ]]; then
      printf '\nlast supervisor events (network/network.sh logs supervisor):\n'
      grep -v '^---' "$LOG_DIR/supervisor.log" | tail -n 10 | sed 's/^/  /'
    fi
    return 0
  fi
  [[ -f $LOG_DIR/$name.log ]] || die "no log for '$name'; known: $(ls -1 "$LOG_DIR" 2>/dev/null | sed 's/\.log$//' | tr '\n' ' ')"
  if ((follow)); then tail -n 50 -f "$LOG_DIR/$name.log"; else tail -n 50 "$LOG_DIR/$name.log"; fi
}

cmd_deploy() {
  local start=$SECONDS
  is_running "peer0.$(first_org)" || die "the network is not running; start it with: network/network.sh up"
  mkdir -p "$(CC_DIR)"
  printf 'building the chaincode... '
  build_chaincode_jar
  printf 'done\n'
  deploy_chaincode
  secure_keys
  printf 'deploy took %ss\n' $((SECONDS - start))
}

cmd_env() {
  local org=${1:-$(first_org)}
  [[ " $ORGS " == *" $org "* ]] || die "unknown organisation '$org'; choose one of: $ORGS"
  admin_env "$org"
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    deploy) cmd_deploy ;;
    clean) cmd_clean ;;
    env) cmd_env "$@" ;;
    stop) cmd_stop "$@" ;;
    supervise) cmd_supervise "$@" ;;
    _supervise) supervise_loop ;;
    build) mkdir -p "$LOG_DIR"; run_step binaries step_build_binaries ;;
    -h|--help|help) usage ;;
    "") usage; exit 1 ;;
    *) printf 'network: unknown command "%s"\n\n' "$cmd" >&2; usage >&2; exit 1 ;;
  esac
}

main "$@"
