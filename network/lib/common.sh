# Shared helpers: messages, step timing and process supervision. Sourced by network.sh.

die() { printf 'network: %s\n' "$*" >&2; exit 1; }
info() { printf '  %s\n' "$*"; }

STEP_TIMES=()
# run_step NAME FUNCTION [ARGS...]: runs one step of `up` and remembers how long it took.
run_step() {
  local name=$1 fn=$2 start end
  shift 2
  start=$(date +%s.%N)
  printf '%-28s ' "$name"
  "$fn" "$@"
  end=$(date +%s.%N)
  local secs
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')
  STEP_TIMES+=("$name|$secs")
  printf '%6ss\n' "$secs"
}

# The total of the steps `up` timed (each step printed its own time as it finished).
print_step_times() {
  local total=0 row
  for row in "${STEP_TIMES[@]}"; do
    total=$(awk -v a="$total" -v b="${row##*|}" 'BEGIN{printf "%.1f", a+b}')
  done
  printf '%-28s %6ss
' "total" "$total"
}

# Lookup of per-process settings kept in network.conf as <name>_<KEY>.
cfg() { local var="${1}_${2}"; printf '%s' "${!var}"; }

# first_line VAR FILE: the first line of FILE into the variable VAR ("" when FILE is missing or
# empty), with builtins only. The supervisor checks every process each second through the
# functions below: with a `cat` in a command substitution for each file they forked about 60
# processes a second, 6 % of a core on an idle machine (2026-12-07), beside the rounds they watch.
first_line() {
  local -n _line=$1
  _line=""
  [[ -r $2 ]] && { IFS= read -r _line <"$2" || true; } 2>/dev/null
  return 0
}

pid_of() { local pid; first_line pid "$PID_DIR/$1.pid"; printf '%s' "$pid"; }

# start_time_into VAR PID: when PID started (field 22 of /proc/PID/stat, clock ticks since boot)
# into VAR, "" when it is gone. With the pid it names one process for good: a pid alone is reused
# once its process is gone, and on a busy machine (every Java thread takes one) a stale pid file
# would otherwise pass for a live node.
start_time_into() {
  local -n _ticks=$1
  local stat
  local -a fields
  _ticks=""
  first_line stat "/proc/$2/stat"
  [[ -n $stat ]] || return 1
  # after "pid (command) ", whose command may hold spaces, the fields from the third on
  read -r -a fields <<<"${stat##*) }"
  _ticks=${fields[19]:-}
}

start_time() { local t; start_time_into t "$1" || return 1; printf '%s' "$t"; }

is_running() {
  local pid want now
  first_line pid "$PID_DIR/$1.pid"
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  first_line want "$PID_DIR/$1.start"
  [[ -z $want ]] && return 0
  start_time_into now "$pid" && [[ $now == "$want" ]]
}

# start_process NAME ENV_FILE CMD...: starts CMD in its own session with the variables of
# ENV_FILE, logging to LOG_DIR/NAME.log, through lib/launch.sh, which writes the pid and start time
# of CMD itself (not of a wrapper) and, when it ends, its exit code. Every process is tagged with
# DLN_NETWORK=$DLN_RUN in its environment, so `down` finds it even if its pid file is lost.
# A lock per name keeps `up` and the supervisor from starting the same process twice.
start_process() {
  local name=$1 envfile=$2 lock i; shift 2
  mkdir -p "$LOG_DIR" "$PID_DIR"
  exec {lock}>"$PID_DIR/$name.lock"
  flock -w 30 "$lock" || { exec {lock}>&-; die "another start of $name holds $PID_DIR/$name.lock"; }
  if is_running "$name"; then exec {lock}>&-; return 0; fi
  local held; held=$(foreign_ports "$name")
  if [[ -n $held ]]; then exec {lock}>&-; die "cannot start $name: $(head -1 <<<"$held"); stop that process first"; fi
  rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.start" "$PID_DIR/$name.exit"
  (
    exec {lock}>&-
    set -a; [[ -n $envfile ]] && source "$envfile"; DLN_NETWORK=$DLN_RUN; set +a
    printf '\n--- started %s ---\n' "$(date -u +%FT%TZ)" >>"$LOG_DIR/$name.log"
    exec setsid "$NETWORK_DIR/lib/launch.sh" "$name" "$PID_DIR" "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null
  ) &
  for ((i = 0; i < 100; i++)); do [[ -f $PID_DIR/$name.pid ]] && break; sleep 0.05; done
  exec {lock}>&-
  [[ -f $PID_DIR/$name.pid ]] || die "$name did not start; see $LOG_DIR/$name.log"
}

# The process group of a live pid (launch.sh leads it; the server and its children are in it).
pgid_of() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; printf '%s' "$3"; }

# stop_processes NAME...: signals every named process (and its group) at once, waits at most
# STOP_TIMEOUT seconds for all of them together, then kills what is left. The pid files go first,
# so the supervisor never takes a deliberate stop for a crash.
stop_processes() {
  local name pid pgid targets=() i alive t
  for name in "$@"; do
    pid=$(pid_of "$name")
    if [[ -n $pid ]] && is_running "$name"; then
      pgid=$(pgid_of "$pid" || true)
      targets+=("$pid:${pgid:-$pid}")
    fi
    rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.start" "$PID_DIR/$name.exit"
  done
  ((${#targets[@]})) || return 0
  for t in "${targets[@]}"; do kill -TERM "${t%%:*}" 2>/dev/null || :; kill -TERM -- "-${t##*:}" 2>/dev/null || :; done
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    alive=0
    for t in "${targets[@]}"; do kill -0 "${t%%:*}" 2>/dev/null && alive=1 && break; done
    ((alive)) || break
    sleep 0.1
  done
  for t in "${targets[@]}"; do kill -KILL -- "-${t##*:}" 2>/dev/null || :; kill -KILL "${t%%:*}" 2>/dev/null || :; done
  return 0
}

stop_process() { stop_processes "$1"; }

# Pids of every process tagged as this network's (see start_process), this shell excluded.
network_pids() {
  local f pid
  for f in $(grep -lzxF "DLN_NETWORK=$DLN_RUN" /proc/[0-9]*/environ 2>/dev/null); do
    pid=${f#/proc/}; pid=${pid%/environ}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] || echo "$pid"
  done
}

# Stops whatever is still tagged as this network's: processes whose pid file was lost or whose
# parent died. SIGTERM, at most 2 s, then SIGKILL. Prints what it stops.
sweep_network_processes() {
  local pids pid i
  pids=$(network_pids)
  [[ -n $pids ]] || return 0
  for pid in $pids; do printf '  stopping leftover %s: %s\n' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-100)"; done
  kill -TERM $pids 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do kill -0 $pids 2>/dev/null || break; sleep 0.1; done
  kill -KILL $pids 2>/dev/null || true
}

# ports_of NAME: every TCP port a process of the network listens on (none for the supervisor).
ports_of() {
  case $1 in
    orderer*) echo "$(cfg "$1" PORT) $(cfg "$1" ADMIN_PORT) $(cfg "$1" OPS_PORT)" ;;
    peer0.*) local o=${1#peer0.}; echo "$(cfg "$o" PEER_PORT) $(cfg "$o" CC_PORT) $(cfg "$o" OPS_PORT)" ;;
    chaincode) echo "$CHAINCODE_PORT" ;;
    ipfs) echo "$IPFS_API_PORT $IPFS_GATEWAY_PORT $IPFS_SWARM_PORT" ;;
  esac
}

# port_owner PORT: "pid command" of the process listening on PORT, nothing if none.
port_owner() {
  local pid
  pid=$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [[ -n $pid ]] || return 0
  printf '%s %s' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80)"
}

# foreign_ports NAME: one line per port of NAME held by a process other than NAME's own.
foreign_ports() {
  local port owner mine
  mine=$(is_running "$1" && pid_of "$1" || true)
  for port in $(ports_of "$1"); do
    owner=$(port_owner "$port")
    [[ -n $owner && ${owner%% *} != "$mine" ]] && printf 'port %s is held by pid %s (%s), not by %s\n' "$port" "${owner%% *}" "${owner#* }" "$1"
  done
  return 0
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION SECONDS COMMAND...: polls until COMMAND succeeds.
wait_for() {
  local what=$1 secs=$2 i; shift 2
  for ((i = 0; i < secs * 5; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what did not come up within ${secs}s; see $LOG_DIR"
}

# https_healthy PORT CAFILE: a Fabric operations endpoint answering /healthz with OK.
https_healthy() {
  curl -sf --max-time 2 --cacert "$2" "https://127.0.0.1:$1/healthz" | grep -q '"OK"'
}
