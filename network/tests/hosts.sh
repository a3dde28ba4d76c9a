#!/usr/bin/env bash
# The consortium across hosts (issue 17), on network namespaces: brings up network/hosts.sh on a
# fresh state, then checks
#  - every process of every host is healthy;
#  - each host's folder holds only its own private keys (each PEM key belongs to a certificate its
#    own CA issued), mode 600 in 700 directories, and no private key under public/;
#  - a short federated session with a gossip phase runs across the hosts (the bench's session,
#    its JVM in org1's namespace, every participant on its own organisation's peer and IPFS node);
#  - every accepted update's weights are pinned by the cluster on at least HOSTS_REPLICATION_MIN
#    members' nodes, and readable from every member's node;
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

BENCH_JAR="$DLN_ROOT/bench/target/dln-bench.jar"
SESSION_ARGS=(session --dataset breast-cancer --model mlp --providers 3 --rounds 2 --gossip-steps 1 --epochs 1
  --report "$HOSTS_RUN/session-report.html")

failed=0
check() { # check NAME COMMAND...: runs COMMAND, prints ok/FAIL NAME
  local name=$1; shift
  if "$@"; then printf 'ok    %s\n' "$name"; else printf 'FAIL  %s\n' "$name"; failed=1; fi
}

# Always: everything stopped and the namespaces gone; the state deleted unless a check failed
# (then its logs are kept for reading).
teardown() {
  local rc=$?
  "$HOSTS" down >/dev/null 2>&1 || "$HOSTS" down || true
  if ((failed || rc)); then echo "      state and logs kept in $HOSTS_RUN"
  elif [[ -z ${HOSTS_TEST_RUN:-} ]]; then rm -rf "$HOSTS_RUN"; fi
}
trap teardown EXIT

[[ -f $BENCH_JAR ]] || { echo "FAIL  $BENCH_JAR is missing (mvn -B -o package -pl bench -am -DskipTests)"; exit 1; }

start=$SECONDS
"$HOSTS" up >"$HOSTS_RUN/up.log" 2>&1 || { tail -n 20 "$HOSTS_RUN/up.log"; echo "FAIL  network/hosts.sh up"; exit 1; }
printf 'ok    hosts up in %ss (%s)\n' $((SECONDS - start)) "$(grep -E '^total' "$HOSTS_RUN/up.log" | tr -s ' ')"

quiet() { "$@" >/dev/null 2>&1; }
check "every process of every host is healthy" quiet "$HOSTS" status
# Every PEM private key of a host's folder must belong to a certificate that host's own CA issued:
# not one of org2's keys belongs to a certificate of org1's or org3's CA.
check "each host's folder holds only its own private keys (mode 600 in 700), public/ none" quiet "$HOSTS" keys

# The session: one JVM in org1's namespace (the clients of all three organisations, each on its
# own organisation's peer and IPFS node through the namespace addresses).
start=$SECONDS
if "$HOSTS" exec "$(set -- $ORGS; echo "$1")" env DLN_PROFILE="$HOSTS_RUN/connection.json" OMP_NUM_THREADS=1 \
    java -Xmx2g -jar "$BENCH_JAR" "${SESSION_ARGS[@]}" >"$HOSTS_RUN/session.log" 2>&1; then
  printf 'ok    federated session and gossip across the hosts in %ss\n' $((SECONDS - start))
  sed -n '/^phase /,/^central/p; /^federated rounds/p; /^accuracy/p' "$HOSTS_RUN/session.log" | sed 's/^/      /'
else
  tail -n 30 "$HOSTS_RUN/session.log"; echo "FAIL  the session across the hosts"; failed=1
fi

# Accepted updates of every model, through org2's admin (another host than the session's).
query() { "$HOSTS" exec org2 bash -c "eval \"\$('$HOSTS' _admin_env org2)\"; peer chaincode query -C $CHANNEL -n $CHAINCODE_NAME -c '$1'"; }
models=$(query '{"Args":["query:ListModels","","100",""]}' | grep -o '"id":"m-[^"]*"' | cut -d'"' -f4 | sort -u || true)
cids=""
for m in $models; do
  cids+=" $(query "{\"Args\":[\"query:ListUpdates\",\"{\\\"modelId\\\":\\\"$m\\\",\\\"status\\\":\\\"accepted\\\",\\\"pageSize\\\":100}\"]}" \
    | grep -o '"weightsCid":"[^"]*"' | cut -d'"' -f4 || true)"
done
cids=$(echo $cids)
n=$(wc -w <<<"$cids")
check "the session accepted updates ($n)" test "$n" -gt 0
min=99 max=0 total=0
for cid in $cids; do
  c=$("$HOSTS" copies "$cid")
  ((c < min)) && min=$c; ((c > max)) && max=$c; total=$((total + c))
done
printf '      copies per accepted CID (cluster status, pinned): min %s, max %s, over %s CIDs\n' "$min" "$max" "$n"
check "every accepted CID is pinned on at least $HOSTS_REPLICATION_MIN members' nodes" test "$min" -ge "$HOSTS_REPLICATION_MIN"
readable_everywhere() {
  local cid org
  for cid in $cids; do
    for org in $ORGS; do "$HOSTS" exec "$org" ipfs --api /ip4/127.0.0.1/tcp/5001 block stat "$cid" >/dev/null 2>&1 || return 1; done
  done
}
check "every accepted CID is readable from every member's Kubo node" readable_everywhere

# Losing a whole host: every process of the last member's host killed at once. The others keep
# the channel (MAJORITY endorsement: 2 of 3) and every object (each pinned on >= 2 members' nodes).
lost=$(set -- $ORGS; eval "echo \${$#}")
keep=$(for o in $ORGS; do [[ $o == "$lost" ]] || echo "$o"; done)
as_admin() { local org=$1; shift; "$HOSTS" exec "$org" bash -c "eval \"\$('$HOSTS' _admin_env $org)\"; $*"; }
height() { as_admin "$1" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p'; }
# same_height ORG OTHER: ORG's peer reaches OTHER's block height within 60 s.
same_height() { local i; for ((i = 0; i < 60; i++)); do [[ -n $(height "$1") && $(height "$1") == "$(height "$2")" ]] && return 0; sleep 1; done; return 1; }
"$HOSTS" lose "$lost" >/dev/null
first_kept=$(set -- $keep; echo "$1"); second_kept=$(set -- $keep; echo "$2")
cfg() { local v="${1}_${2}"; printf '%s' "${!v}"; }
# The TLS root of ORG's peer as the first member holds it: its own, or the copy in its public/ folder.
tls_root() { local me; me=$(set -- $ORGS; echo "$1"); if [[ $1 == "$me" ]]; then echo "$HOSTS_RUN/hosts/$1/msp/tlscacerts/ca.pem"; else echo "$HOSTS_RUN/hosts/$me/public/$1/tlsca.pem"; fi; }
# put KEY ORG...: the first member's admin writes KEY through the probe contract, endorsed by the
# peers of ORG... only, and waits for the commit (exit code 1 if it is not valid).
put() {
  local key=$1 o endorsers=""; shift
  for o in "$@"; do endorsers+=" --peerAddresses $(cfg "$o" HOST_ADDR):$(cfg "$o" PEER_PORT) --tlsRootCertFiles $(tls_root "$o")"; done
  as_admin "$(set -- $ORGS; echo "$1")" "peer chaincode invoke -o \$ORDERER_ADDRESS --tls --cafile \$ORDERER_CA -C $CHANNEL -n $CHAINCODE_NAME \
    -c '{\"Args\":[\"probe:Put\",\"$key\",\"v\"]}' $endorsers --waitForEvent" >>"$HOSTS_RUN/invoke.log" 2>&1
}
key="host-lost-$$"
put_while_lost() { put "$key" $keep; }
read_while_lost() { as_admin "$second_kept" "peer chaincode query -C $CHANNEL -n $CHAINCODE_NAME -c '{\"Args\":[\"probe:Get\",\"$key\"]}'" 2>/dev/null | grep -qx v; }
check "with $lost lost, a transaction endorsed by $(echo $keep) commits" put_while_lost
check "with $lost lost, $second_kept's peer reads it" read_while_lost
readable_from_the_rest() {
  local cid org
  for cid in $cids; do
    for org in $keep; do "$HOSTS" exec "$org" timeout 30 ipfs --api /ip4/127.0.0.1/tcp/5001 block stat "$cid" >/dev/null 2>&1 || return 1; done
  done
}
check "with $lost lost, every accepted CID is readable from each remaining member's node" readable_from_the_rest
start=$SECONDS
"$HOSTS" up >>"$HOSTS_RUN/up.log" 2>&1 || { tail -n 20 "$HOSTS_RUN/up.log"; echo "FAIL  network/hosts.sh up after losing $lost"; failed=1; }
check "up brings $lost back; its peer catches up to $first_kept's height" same_height "$lost" "$first_kept"
check "every process of every host is healthy again" quiet "$HOSTS" status
printf '      %s back and caught up %ss after up started\n' "$lost" $((SECONDS - start))

# Membership: org4 joins by a channel configuration update (signed by a majority of the admins),
# then the lost host's organisation leaves by another. The endorsement policy (MAJORITY of the
# members) follows: 2 endorsements are refused among 4 members, accepted among 3.
start=$SECONDS
check "add-org org4: channel update signed by a majority, org4's host up" quiet "$HOSTS" add-org org4
printf '      add-org took %ss\n' $((SECONDS - start))
ORGS=$(cat "$HOSTS_RUN/members")
# refused KEY ORG...: put fails, and for the endorsement policy, not for anything else.
refused() { ! put "$@" && tail -n 3 "$HOSTS_RUN/invoke.log" | grep -q ENDORSEMENT_POLICY_FAILURE; }
check "org4's peer catches up to $first_kept's height" same_height org4 "$first_kept"
check "a transaction endorsed by $first_kept, $second_kept and org4 (3 of 4) commits" put "joined-$$" "$first_kept" "$second_kept" org4
check "a transaction endorsed by $first_kept and org4 only (2 of 4) is refused" refused "two-of-four-$$" "$first_kept" org4
start=$SECONDS
check "remove-org $lost: channel update signed by a majority, its host removed" quiet "$HOSTS" remove-org "$lost"
printf '      remove-org took %ss\n' $((SECONDS - start))
ORGS=$(cat "$HOSTS_RUN/members")
check "then a transaction endorsed by $first_kept and org4 (2 of 3) commits" put "left-$$" "$first_kept" org4
min=99
for cid in $cids; do c=$("$HOSTS" copies "$cid"); ((c < min)) && min=$c; done
check "every accepted CID still pinned on at least $HOSTS_REPLICATION_MIN members' nodes ($min)" test "$min" -ge "$HOSTS_REPLICATION_MIN"

start=$SECONDS
check "down stops everything" quiet "$HOSTS" down
none_left() { ! ip netns list | grep -q "^$HOSTS_PREFIX-" && ! ip link show "$HOSTS_BRIDGE" >/dev/null 2>&1 && [[ -z $(grep -lzxF "DLN_NETWORK=$HOSTS_RUN" /proc/[0-9]*/environ 2>/dev/null) ]]; }
check "down leaves no process, namespace or bridge" none_left
printf '      down took %ss\n' $((SECONDS - start))

exit $failed
