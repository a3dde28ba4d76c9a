#!/usr/bin/env bash
# The consortium across hosts (issue 17), on network namespaces: brings up network/hosts.sh on a
# fresh state, then checks
#  - every process of every host is healthy;
#  - each host's folder holds only its own private keys (each PEM key belongs to a certificate its
#    own CA issued), mode 600 in 700 directories, and no private key under public/;
#  - a federated session and a gossip run across the hosts (hosts.sh session), each organisation's
#    clients (publisher, committee member, provider) on its own host, seeing only its own folder;
#  - every accepted update's weights are pinned by the cluster on at least HOSTS_REPLICATION_MIN
#    members' nodes, and fetched from every member's node they hash to their CID;
#  - membership during a session: a second federated model; org4 joins (add-org) while its first
#    round runs, and org4's provider takes part in its later rounds; in round 2 org3's whole host is
#    lost; the session completes on the others, every accepted CID still verifies from another
#    organisation's node, and when org3 comes back its peer and Kubo node catch up; then org3 leaves
#    (remove-org) and the endorsement policy follows the members;
# then tears everything down (always: a trap), leaving no process and no namespace.
# Needs root (ip netns); skips without it. Prints one line per check; exit code 1 if any failed.
set -euo pipefail

NETWORK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DLN_ROOT="$(cd "$NETWORK_DIR/.." && pwd)"
HOSTS="$NETWORK_DIR/hosts.sh"
# A state of its own, deleted at the end: the test never touches an operator's HOSTS_RUN.
export HOSTS_RUN="${HOSTS_TEST_RUN:-$(mktemp -d /tmp/dln-hosts-test.XXXXXX)}"
source "$NETWORK_DIR/network.conf"

if [[ $(id -u) != 0 ]] || ! command -v ip >/dev/null; then
  echo "skip  network/tests/hosts.sh: network namespaces need root and iproute2"
  exit 0
fi

# Namespaces of the same names would be another hosts network (an operator's `hosts.sh up`).
if ip netns list | grep -q "^$HOSTS_PREFIX-"; then
  echo "FAIL  namespaces $HOSTS_PREFIX-* exist: another hosts network is up; stop it with network/hosts.sh down"
  exit 1
fi


# shellcheck source=network/tests/checks.sh
source "$NETWORK_DIR/tests/checks.sh"

# Always: everything stopped and the namespaces gone; the state deleted unless a check failed
# (then its logs are kept for reading).
teardown() {
  local rc=$?
  "$HOSTS" down >/dev/null 2>&1 || "$HOSTS" down || true
  if ((failed || rc)); then echo "      state and logs kept in $HOSTS_RUN"
  elif [[ -z ${HOSTS_TEST_RUN:-} ]]; then rm -rf "$HOSTS_RUN"; fi
}
trap teardown EXIT

for kind in publisher provider committee; do
  jar="$DLN_ROOT/$kind-client/target/dln-$kind.jar"
  [[ -f $jar ]] || { echo "FAIL  $jar is missing (mvn -B -o package -pl publisher-client,provider-client,committee-client -am -DskipTests)"; exit 1; }
done

start=$SECONDS
"$HOSTS" up >"$HOSTS_RUN/up.log" 2>&1 || { tail -n 20 "$HOSTS_RUN/up.log"; echo "FAIL  network/hosts.sh up"; exit 1; }
printf 'ok    hosts up in %ss (%s)\n' $((SECONDS - start)) "$(grep -E '^total' "$HOSTS_RUN/up.log" | tr -s ' ')"

quiet() { "$@" >/dev/null 2>&1; }
check "every process of every host is healthy" quiet "$HOSTS" status
# Every PEM private key of a host's folder must belong to a certificate that host's own CA issued:
# not one of org2's keys belongs to a certificate of org1's or org3's CA.
check "each host's folder holds only its own private keys (mode 600 in 700), public/ none" quiet "$HOSTS" keys

# hostsfn FUNCTION ARGS...: a function of network/hosts.sh (its libraries), with the members as
# they are now (HOSTS_RUN/members), in a subshell.
hostsfn() { ( source "$HOSTS"; "$@" ); }
members() { cat "$HOSTS_RUN/members"; }

# The session: every organisation's publisher, committee member and provider on its own host.
start=$SECONDS
if "$HOSTS" session 2 1 >"$HOSTS_RUN/session.log" 2>&1; then
  printf 'ok    federated session (2 rounds) and gossip (1 step) across the hosts, each organisation'"'"'s clients on its own host, in %ss\n' $((SECONDS - start))
  grep -E '^(federated|gossip):|^[0-9]+ +closed|^head ' "$HOSTS_RUN/session.log" | sed 's/^/      /'
else
  tail -n 30 "$HOSTS_RUN/session.log"; echo "FAIL  the session across the hosts"; failed=$((failed + 1))
fi
# Each provider's steps (one line per update in its log): ranges over the session's updates.
grep -h '^update ' "$HOSTS_RUN"/logs/provider.*.log 2>/dev/null | awk '
  function lo(k, v) { if (!(k in a) || v < a[k]) a[k] = v } function hi(k, v) { if (!(k in b) || v > b[k]) b[k] = v }
  { lo("p", $9 + 0); hi("p", $9 + 0); lo("t", $14 + 0); hi("t", $14 + 0); lo("u", $17 + 0); hi("u", $17 + 0); lo("l", $20 + 0); hi("l", $20 + 0) }
  END { if (NR) printf "      per update (%d): prepare %s-%s ms, training %s-%s s, upload %s-%s ms, ledger %s-%s ms\n", NR, a["p"], b["p"], a["t"], b["t"], a["u"], b["u"], a["l"], b["l"] }' || true
# The confinement itself: a client's view of the hosts' folders is its own folder only.
sees_own_only() {
  hostsfn confined org2 sh -c 'run=$1; shift; for h; do n=$(ls -A "$run/hosts/$h" 2>/dev/null | wc -l)
    if [ "$h" = org2 ]; then [ "$n" -gt 0 ] || exit 1; else [ "$n" -eq 0 ] || exit 1; fi; done' _ "$HOSTS_RUN" $(ls "$HOSTS_RUN/hosts")
}
check "a client on org2's host sees its own folder and none of the other hosts'" sees_own_only

# Accepted updates of every model, through org2's admin (another host than the publisher's).
query() { "$HOSTS" exec org2 bash -c "eval \"\$('$HOSTS' _admin_env org2)\"; peer chaincode query -C $CHANNEL -n $CHAINCODE_NAME -c '$1'"; }
accepted_cids() {
  local m models
  models=$(query '{"Args":["query:ListModels","","100",""]}' | grep -o '"id":"m-[^"]*"' | cut -d'"' -f4 | sort -u || true)
  for m in $models; do
    query "{\"Args\":[\"query:ListUpdates\",\"{\\\"modelId\\\":\\\"$m\\\",\\\"status\\\":\\\"accepted\\\",\\\"pageSize\\\":100}\"]}" \
      | grep -o '"weightsCid":"[^"]*"' | cut -d'"' -f4 || true
  done | sort -u | tr '\n' ' '
}
cids=$(accepted_cids)
n=$(wc -w <<<"$cids")
check "the session accepted updates ($n)" test "$n" -gt 0
min=99 max=0
for cid in $cids; do
  c=$("$HOSTS" copies "$cid")
  ((c < min)) && min=$c; ((c > max)) && max=$c
done
printf '      copies per accepted CID (cluster status, pinned): min %s, max %s, over %s CIDs\n' "$min" "$max" "$n"
check "every accepted CID is pinned on at least $HOSTS_REPLICATION_MIN members' nodes" test "$n" -gt 0 -a "$min" -ge "$HOSTS_REPLICATION_MIN"
# verified ORG CID: ORG's Kubo node fetches CID (from whichever member holds it) within 30 s, and
# the bytes hash to CID again with dln's import layout (lib ipfs ImportLayout.KUBO_DEFAULT).
verified() {
  [[ $("$HOSTS" exec "$1" sh -c 'timeout 30 ipfs --api /ip4/127.0.0.1/tcp/5001 cat "$1" | ipfs --api /ip4/127.0.0.1/tcp/5001 add -Q --only-hash \
    --cid-version=1 --raw-leaves --chunker=size-262144 --trickle=false' _ "$2" 2>/dev/null) == "$2" ]]
}
verified_on() { local org cid; [[ -n ${cids// /} ]] || return 1; for cid in $cids; do for org in "$@"; do verified "$org" "$cid" || { echo "      $cid does not verify from $org" >&2; return 1; }; done; done; }
check "every accepted CID, fetched from every member's node, hashes to its CID" verified_on $(members)

# --- membership changes during a session ------------------------------------------------------
# A second federated model (round quorum: 3 decided updates), committee org1..org3's User2.
hostsfn session_serve org1 org2 org3
session_start=$SECONDS
model=$(hostsfn session_publish federated 3 org1 org2 org3) || { echo "FAIL  publishing the second session's model"; exit 1; }
echo "      model $model; round 1: the providers of org1, org2, org3; add-org org4 meanwhile"
hostsfn session_provide "$model" 1 4 org1:1 org2:2 org3:3
start=$SECONDS
"$HOSTS" add-org org4 >"$HOSTS_RUN/add-org.log" 2>&1 & adding=$!
check "round 1 of the running session: org1, org2, org3's providers contribute" hostsfn session_providers_done org1 org2 org3
add_ok() { wait "$adding"; }
check "add-org org4 while the session runs: channel update signed by a majority, org4's host up" add_ok
printf '      add-org took %ss (beside the session)\n' $((SECONDS - start))
ORGS=$(members)
lost=org3 keep="org1 org2 org4"
as_admin() { local org=$1; shift; "$HOSTS" exec "$org" bash -c "eval \"\$('$HOSTS' _admin_env $org)\"; $*"; }
height() { as_admin "$1" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p'; }
# same_height ORG OTHER: ORG's peer reaches OTHER's block height within 90 s.
same_height() { local i; for ((i = 0; i < 90; i++)); do [[ -n $(height "$1") && $(height "$1") == "$(height "$2")" ]] && return 0; sleep 1; done; return 1; }
check "org4's peer catches up to org1's height" same_height org4 org1

# Rounds 2 and 3: the four providers, org4's too (the chaincode takes any member of the channel).
hostsfn session_provide "$model" 2 4 org1:1 org2:2 org3:3 org4:4
every_client_confined() {
  local org
  for org in org1 org2 org3; do hostsfn client_confined "committee.$org" "$org" || { echo "      committee.$org is not confined to its host" >&2; return 1; }; done
  for org in org1 org2 org3 org4; do hostsfn client_confined "provider.$org" "$org" || { echo "      provider.$org is not confined to its host" >&2; return 1; }; done
}
check "each running client is in its own host's namespace and sees only its own host's folder" every_client_confined
# org3's whole host is lost once its provider submitted its round-2 update (mid-round).
submitted_round2() { local i; for ((i = 0; i < 300; i++)); do grep -Eq '^update u-.* round 2 ' "$HOSTS_RUN/logs/provider.org3.log" 2>/dev/null && return 0; sleep 1; done; return 1; }
check "org3's provider submits in round 2" submitted_round2
"$HOSTS" lose "$lost" >/dev/null
lost_at=$SECONDS
cfg() { local v="${1}_${2}"; printf '%s' "${!v}"; }
# The TLS root of ORG's peer as the first member holds it: its own, or the copy in its public/ folder.
tls_root() { if [[ $1 == org1 ]]; then echo "$HOSTS_RUN/hosts/org1/msp/tlscacerts/ca.pem"; else echo "$HOSTS_RUN/hosts/org1/public/$1/tlsca.pem"; fi; }
# put KEY ORG...: org1's admin writes KEY through the probe contract, endorsed by the peers of
# ORG... only, and waits for the commit (exit code 1 if it is not valid).
put() {
  local key=$1 o endorsers=""; shift
  for o in "$@"; do endorsers+=" --peerAddresses $(cfg "$o" HOST_ADDR):$(cfg "$o" PEER_PORT) --tlsRootCertFiles $(tls_root "$o")"; done
  as_admin org1 "peer chaincode invoke -o \$ORDERER_ADDRESS --tls --cafile \$ORDERER_CA -C $CHANNEL -n $CHAINCODE_NAME \
    -c '{\"Args\":[\"probe:Put\",\"$key\",\"v\"]}' $endorsers --waitForEvent" >>"$HOSTS_RUN/invoke.log" 2>&1
}
key="host-lost-$$"
read_while_lost() { as_admin org2 "peer chaincode query -C $CHANNEL -n $CHAINCODE_NAME -c '{\"Args\":[\"probe:Get\",\"$key\"]}'" 2>/dev/null | grep -qx v; }
check "with $lost lost, a transaction endorsed by $keep (3 of 4) commits" put "$key" $keep
check "with $lost lost, org2's peer reads it" read_while_lost
check "with $lost lost, the session completes: org1, org2, org4's providers contribute to rounds 2 and 3" hostsfn session_providers_done $keep
check "with $lost lost, round 3 of the session closes" hostsfn session_wait_closed "$model" 3
printf '      the session (3 rounds, add-org and a lost host within) took %ss; %ss after %s was lost\n' $((SECONDS - session_start)) $((SECONDS - lost_at)) "$lost"
hostsfn session_status "$model" 2>/dev/null | grep -E '^[0-9]+ +(closed|open) ' | sed 's/^/      /' || true
org4_took_part() { grep -Eq '^update u-.* round [23] ' "$HOSTS_RUN/logs/provider.org4.log"; }
check "org4's provider took part in rounds of the running session" org4_took_part
cids=$(accepted_cids)
n=$(wc -w <<<"$cids")
check "with $lost lost, every accepted CID ($n) fetched from org2's and org4's nodes hashes to its CID" verified_on org2 org4
min=99
for cid in $cids; do c=$("$HOSTS" copies "$cid"); ((c < min)) && min=$c; done
check "with $lost lost, every accepted CID pinned on at least $HOSTS_REPLICATION_MIN live members' nodes ($min)" test "$n" -gt 0 -a "$min" -ge "$HOSTS_REPLICATION_MIN"

# The host returns: its operator starts its processes (`machine org3 start`, from its own folder
# only); its peer replays the blocks it missed from the ordering service, its cluster peer pins
# what the cluster allocated to it meanwhile. Nobody repairs anything.
start=$SECONDS
"$HOSTS" machine "$lost" start >>"$HOSTS_RUN/up.log" 2>&1 || { tail -n 20 "$HOSTS_RUN/up.log"; echo "FAIL  network/hosts.sh machine $lost start"; failed=$((failed + 1)); }
check "machine $lost start brings it back; its peer catches up to org1's height" same_height "$lost" org1
printf '      %s back (machine start) and its peer caught up %ss after the start\n' "$lost" $((SECONDS - start))
# kubo_caught_up: within 180 s, every accepted CID the cluster allocated to org3 is PINNED there
# (REMOTE: allocated to other members only). One cluster status of every pin per look.
kubo_caught_up() {
  local t0=$SECONDS all cid behind
  while true; do
    all=$("$HOSTS" exec org1 ipfs-cluster-ctl status 2>/dev/null || true)
    behind=0
    for cid in $cids; do
      awk -v c="$cid:" -v p="$lost" '$1 == c {on = 1; next} /^[^ ]/ {on = 0} on && $2 == p {print $4}' <<<"$all" | grep -Eqx 'PINNED|REMOTE' \
        || behind=$((behind + 1))
    done
    ((behind == 0)) && return 0
    ((SECONDS - t0 < 180)) || { echo "      $behind accepted CIDs are not pinned on $lost (nor allocated elsewhere only)" >&2; return 1; }
    sleep 3
  done
}
check "$lost's Kubo catches up: every accepted CID allocated to it is pinned there again" kubo_caught_up
check "$lost's node fetches every accepted CID and each hashes to its CID" verified_on "$lost"
check "every process of every host is healthy again" quiet "$HOSTS" status
printf '      %s fully caught up (peer, Kubo pins, every CID read) %ss after the start\n' "$lost" $((SECONDS - start))
hostsfn session_stop_serving org1 org2 org3

# The endorsement policy (MAJORITY of the members) follows membership: 2 endorsements are refused
# among 4 members; after org3 leaves, accepted among 3.
refused() { ! put "$@" && tail -n 3 "$HOSTS_RUN/invoke.log" | grep -q ENDORSEMENT_POLICY_FAILURE; }
check "a transaction endorsed by org1 and org4 only (2 of 4) is refused" refused "two-of-four-$$" org1 org4
start=$SECONDS
check "remove-org $lost: channel update signed by a majority, its host removed" quiet "$HOSTS" remove-org "$lost"
printf '      remove-org took %ss\n' $((SECONDS - start))
ORGS=$(members)
check "then a transaction endorsed by org1 and org4 (2 of 3) commits" put "left-$$" org1 org4
min=99
for cid in $cids; do c=$("$HOSTS" copies "$cid"); ((c < min)) && min=$c; done
check "every accepted CID still pinned on at least $HOSTS_REPLICATION_MIN members' nodes ($min)" test "$n" -gt 0 -a "$min" -ge "$HOSTS_REPLICATION_MIN"

start=$SECONDS
check "down stops everything" quiet "$HOSTS" down
none_left() { ! ip netns list | grep -q "^$HOSTS_PREFIX-" && ! ip link show "$HOSTS_BRIDGE" >/dev/null 2>&1 && [[ -z $(grep -lzxF "DLN_NETWORK=$HOSTS_RUN" /proc/[0-9]*/environ 2>/dev/null) ]]; }
check "down leaves no process, namespace or bridge" none_left
printf '      down took %ss\n' $((SECONDS - start))

exit $((failed > 0))
