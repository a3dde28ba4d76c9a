#!/usr/bin/env bash
# Real-network test of supervision and transport security (issues 14 and 21):
#  - kill -9 of a peer, an orderer, Kubo and the chaincode server: each is restarted by the
#    supervisor ("restarted NAME (exit 137, ...)") and `status` is healthy again;
#  - the chaincode port refuses a TLS client without a client certificate, the peers still reach it;
#  - `status` flags a key file readable by others (exit 1);
#  - with the supervisor and the chaincode server's wrapper killed (its server orphaned) and a pid
#    file lost, `down` still leaves no process of this network and no configured port listening.
# Uses (and ends by stopping) this clone's network; refuses to run while another network holds
# the ports. Prints one line per check; exit code 1 if any failed.
set -euo pipefail

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NET="$NETWORK_DIR/network.sh"
DLN_ROOT="$(cd "$NETWORK_DIR/.." && pwd)"
source "$NETWORK_DIR/network.conf"
for lib in common build crypto nodes chaincode ipfs profile keys supervise; do source "$NETWORK_DIR/lib/$lib.sh"; done

# shellcheck source=network/tests/checks.sh
source "$NETWORK_DIR/tests/checks.sh"
quiet() { "$@" >/dev/null 2>&1; }

all_ports() { local p; for p in $(echo $ORDERERS; for o in $ORGS; do echo "peer0.$o"; done; echo chaincode ipfs); do ports_of "$p"; done; }

# A network of another clone would answer on our ports: refuse rather than test it.
for port in $(all_ports); do
  owner=$(port_owner "$port")
  if [[ -n $owner ]] && ! tr '\0' '\n' <"/proc/${owner%% *}/environ" 2>/dev/null | grep -qxF "DLN_NETWORK=$DLN_RUN"; then
    die "port $port is held by pid ${owner%% *} (${owner#* }), not by this clone's network; stop it first"
  fi
done

"$NET" up >/dev/null

healthy_within() { # healthy_within SECONDS: status exits 0 within SECONDS
  local i
  for ((i = 0; i < $1 * 2; i++)); do "$NET" status >/dev/null 2>&1 && return 0; sleep 0.5; done
  return 1
}

logged_since() { tail -n "+$(($1 + 1))" "$LOG_DIR/supervisor.log" | grep -q "$2"; }
for p in peer0.org2 orderer2 ipfs chaincode; do
  lines=$(wc -l <"$LOG_DIR/supervisor.log")
  kill -9 "$(pid_of "$p")"
  start=$SECONDS
  check "kill -9 $p: back and healthy within 60 s" healthy_within 60
  check "kill -9 $p: supervisor logged the restart" logged_since "$lines" "restarted $p (exit 137, after"
  printf '      %s healthy again after about %ss\n' "$p" $((SECONDS - start))
done

T=$(CC_TLS_DIR)
no_client_cert_refused() { ! sleep 1 | timeout 10 openssl s_client -connect "127.0.0.1:$CHAINCODE_PORT" -CAfile "$T/ca.crt" >/dev/null 2>&1; }
client_cert_accepted() { sleep 1 | timeout 10 openssl s_client -connect "127.0.0.1:$CHAINCODE_PORT" -CAfile "$T/ca.crt" -cert "$T/client.crt" -key "$T/client.key" >/dev/null 2>&1; }
peers_query() {
  local org
  for org in $ORGS; do
    as_admin "$org" peer chaincode query -C "$CHANNEL" -n "$CHAINCODE_NAME" -c '{"Args":["query:ListModels","","1",""]}' >/dev/null 2>&1 || return 1
  done
}
check "chaincode port refuses a TLS client without a client certificate" no_client_cert_refused
check "chaincode port accepts the peers' client certificate" client_cert_accepted
check "every organisation's peer queries the chaincode (mutual TLS)" peers_query
check "chaincode server runs with DLN_PROBE=1" grep -qxF 'DLN_PROBE=1' <(tr '\0' '\n' <"/proc/$(pid_of chaincode)/environ")

chmod 644 "$T/server.key.b64"
check "status exits 1 and names a key readable by others" bash -c "! '$NET' status >/tmp/dln-status.$$ && grep -q 'problem: key $T/server.key.b64 is mode 644' /tmp/dln-status.$$"
rm -f "/tmp/dln-status.$$"
chmod 600 "$T/server.key.b64"
check "status is clean again" quiet "$NET" status

# Orphans: the supervisor and the chaincode server's wrapper die, Kubo's pid file is lost.
parent_of() { ps -o ppid= -p "$1" | tr -d ' '; }
kill -9 "$(pid_of supervisor)" "$(parent_of "$(pid_of supervisor)")" "$(parent_of "$(pid_of chaincode)")"
rm -f "$PID_DIR/ipfs.pid"
sleep 1
check "down succeeds" quiet "$NET" down
none_left() { [[ -z $(network_pids) ]]; }
check "down leaves no process of this network" none_left
no_port_listening() { local port; for port in $(all_ports); do [[ -z $(port_owner "$port") ]] || return 1; done; }
check "down leaves no configured port listening" no_port_listening

exit $((failed > 0))
