# Clients of network/hosts.sh: each organisation runs its own client programs (publisher, provider,
# committee member: the jars ./dln runs) on its own host, inside its namespace, with its own
# profile (HOST_PROFILE: its own users' keys, its own peer and IPFS API first), and confined by
# lib/confine.sh: of the whole run directory they see only their own host's folder, so a client
# reaching for another organisation's file would find nothing there.

HOST_PROFILE() { printf '%s/connection.json' "$(host_dir "$1")"; }

client_jar() {
  case $1 in
    publisher|provider|committee) printf '%s/%s-client/target/dln-%s.jar' "$DLN_ROOT" "$1" "$1" ;;
    *) die "no client \"$1\": publisher, provider or committee" ;;
  esac
}

# confined ORG CMD...: CMD on ORG's host (its namespace), seeing of the run directory only ORG's folder.
confined() { local org=$1; shift; in_host "$org" unshare --mount --propagation private "$NETWORK_DIR/lib/confine.sh" "$HOSTS_RUN" "$(host_dir "$org")" "$@"; }

# client_argv ORG KIND ARGS...: sets CLIENT_ARGV to the command that runs client KIND of ORG on
# ORG's host, confined to ORG's folder, tagged as this network's (down stops it).
client_argv() {
  local org=$1 kind=$2 jar; shift 2
  jar=$(client_jar "$kind")
  [[ -f $jar ]] || die "$jar is missing; build the clients: mvn -B -o package -pl $kind-client -am -DskipTests"
  [[ -f $(HOST_PROFILE "$org") ]] || die "no profile for $org ($(HOST_PROFILE "$org")); run network/hosts.sh up"
  CLIENT_ARGV=(ip netns exec "$(ns_name "$org")" unshare --mount --propagation private
    "$NETWORK_DIR/lib/confine.sh" "$HOSTS_RUN" "$(host_dir "$org")"
    env DLN_NETWORK="$DLN_RUN" DLN_PROFILE="$(HOST_PROFILE "$org")" OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE TERM=dumb
    java $HOSTS_CLIENT_JAVA_OPTS -jar "$jar" "$@")
}

# client ORG KIND ARGS...: runs it in the foreground (its output is the caller's).
client() { client_argv "$@"; "${CLIENT_ARGV[@]}"; }

# client_start NAME ORG KIND ARGS...: runs it in the background as process NAME (LOG_DIR/NAME.log,
# its exit code in PID_DIR/NAME.exit when it ends); on ORG's host, so losing the host kills it.
client_start() {
  local name=$1; shift
  client_argv "$@"
  rm -f "$PID_DIR/$name.exit"
  start_process "$name" "" "${CLIENT_ARGV[@]}"
}

# client_wait NAME [SECONDS]: waits for background client NAME to end; its exit code.
client_wait() {
  local name=$1 limit=${2:-900} i
  for ((i = 0; i < limit * 2; i++)); do
    [[ -f $PID_DIR/$name.exit ]] && return "$(cut -d' ' -f2 "$PID_DIR/$name.exit")"
    is_running "$name" || { sleep 0.5; [[ -f $PID_DIR/$name.exit ]] && continue; return 1; }
    sleep 0.5
  done
  return 1
}

# client_confined NAME ORG: background client NAME runs in ORG's namespace and, of the hosts'
# folders, sees ORG's only (read through /proc/PID/root, its own view of the file system).
client_confined() {
  local name=$1 org=$2 pid d
  is_running "$name" || return 1
  pid=$(pid_of "$name")
  [[ $(ip netns identify "$pid") == "$(ns_name "$org")" ]] || return 1
  for d in "$HOSTS_RUN"/hosts/*/; do
    d=${d%/}
    if [[ $d == "$(host_dir "$org")" ]]; then [[ -n $(ls -A "/proc/$pid/root$d") ]] || return 1
    else [[ -z $(ls -A "/proc/$pid/root$d" 2>/dev/null) ]] || return 1; fi
  done
}

# --- the session across hosts ------------------------------------------------------------------
# The one-host demo's session (a federated model, then a gossip model), driven as a consortium
# would: org1's publisher publishes from org1's host, each member's committee member serves from
# its own host, each member's provider trains on its own host on its own share of the data.

committee_of() { local o; for o in "$@"; do printf '%s/User2,' "$o"; done | sed 's/,$//'; }

# session_serve ORG...: each ORG's committee member (User2) serving from its own host.
session_serve() {
  local org
  for org in "$@"; do client_start "committee.$org" "$org" committee serve --identity "$org/User2" --unavailable-patience 120; done
}
session_stop_serving() { local org names=(); for org in "$@"; do names+=("committee.$org"); done; stop_processes "${names[@]}"; }

# session_publish MODE MIN_UPDATES ORG...: the first member's User1 publishes a model of MODE
# (committee: ORG...'s User2, a majority quorum); prints its id.
session_publish() {
  local mode=$1 min=$2 out; shift 2
  out=$(client "$(first_org)" publisher publish --identity "$(first_org)/User1" --name "hosts $mode" --model mlp --mode "$mode" \
    --validation "$HOSTS_SESSION_DATASET:validation" --committee "$(committee_of "$@")" --quorum $(( $# / 2 + 1 )) --threshold 0.5 \
    --min-updates "$min" --deadline 600 --epochs 1 2>>"$LOG_DIR/publisher.log") || die "publishing the $mode model failed; see $LOG_DIR/publisher.log"
  tail -n 1 <<<"$out"
}

# session_provide MODEL STEPS PART_OF ORG:I...: ORG's provider (User3) runs STEPS steps on share I
# of PART_OF of the training data, on its own host, in the background (process provider.ORG).
session_provide() {
  local model=$1 steps=$2 n=$3 spec; shift 3
  for spec in "$@"; do
    client_start "provider.${spec%%:*}" "${spec%%:*}" provider run "$model" --identity "${spec%%:*}/User3" \
      --data "$HOSTS_SESSION_DATASET:train:iid:${spec##*:}/$n" --steps "$steps" --poll-ms 1000
  done
}

# session_providers_done ORG...: waits for each ORG's provider to end; false if any failed.
session_providers_done() {
  local org ok=0
  for org in "$@"; do client_wait "provider.$org" || { echo "provider of $org failed; see $LOG_DIR/provider.$org.log" >&2; ok=1; }; done
  return $ok
}

# session_status MODEL: the publisher's status of MODEL, with each round's test accuracy.
session_status() { client "$(first_org)" publisher status "$1" --test "$HOSTS_SESSION_DATASET:test" 2>>"$LOG_DIR/publisher.log"; }

# session_wait_closed MODEL ROUND [SECONDS]: until ROUND of MODEL is closed (publisher status).
session_wait_closed() {
  local model=$1 round=$2 limit=${3:-600} t0=$SECONDS
  until client "$(first_org)" publisher status "$model" 2>/dev/null | grep -Eq "^$round +closed "; do
    (( SECONDS - t0 < limit )) || return 1
    sleep 3
  done
}

# session_wait_decided MODEL [SECONDS]: until MODEL has updates and none pending.
session_wait_decided() {
  local model=$1 limit=${2:-600} t0=$SECONDS s
  while true; do
    s=$(client "$(first_org)" publisher status "$model" 2>/dev/null || true)
    grep -Eq ' (accepted|rejected) ' <<<"$s" && ! grep -q ' pending ' <<<"$s" && return 0
    (( SECONDS - t0 < limit )) || return 1
    sleep 3
  done
}

# cmd_session [ROUNDS] [GOSSIP_STEPS]: the session across every member host: ROUNDS federated
# rounds (every member's provider in each), then GOSSIP_STEPS gossip steps (the providers one after
# another in each step). Prints the model ids, each phase's time and the publisher's status.
cmd_session() {
  local rounds=${1:-2} steps=${2:-1} orgs=($ORGS) n i s t0 fed gossip specs=()
  n=${#orgs[@]}
  for i in "${!orgs[@]}"; do specs+=("${orgs[i]}:$((i + 1))"); done
  session_serve "${orgs[@]}"
  trap 'session_stop_serving '"${orgs[*]}"' >/dev/null 2>&1 || true' RETURN
  t0=$SECONDS
  fed=$(session_publish federated "$n" "${orgs[@]}")
  echo "federated model $fed published from $(first_org)'s host; committee $(committee_of "${orgs[@]}")"
  session_provide "$fed" "$rounds" "$n" "${specs[@]}"
  session_providers_done "${orgs[@]}" || return 1
  session_wait_closed "$fed" "$rounds" || { echo "round $rounds of $fed did not close" >&2; return 1; }
  printf 'federated: %s rounds across %s hosts in %ss\n' "$rounds" "$n" $((SECONDS - t0))
  t0=$SECONDS
  gossip=$(session_publish gossip "$n" "${orgs[@]}")
  echo "gossip model $gossip published"
  for ((s = 1; s <= steps; s++)); do
    for i in "${!orgs[@]}"; do
      session_provide "$gossip" 1 "$n" "${specs[i]}"
      session_providers_done "${orgs[i]}" || return 1
    done
  done
  session_wait_decided "$gossip" || { echo "the gossip updates of $gossip were not all decided" >&2; return 1; }
  printf 'gossip: %s steps across %s hosts in %ss\n' "$steps" "$n" $((SECONDS - t0))
  session_status "$fed"
  session_status "$gossip"
}
