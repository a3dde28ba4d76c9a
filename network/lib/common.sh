# Shared helpers: messages, step timing and process supervision. Sourced by network.sh.

die() { printf 'network: %s\n' "$*" >&2; exit 1; }
info() { printf '  %s\n' "$*"; }

STEP_TIMES=()
# run_step NAME FUNCTION: runs one step of `up` and remembers how long it took.
run_step() {
  local name=$1 fn=$2 start end
  start=$(date +%s.%N)
  printf '%-28s ' "$name"
  "$fn"
  end=$(date +%s.%N)
  local secs
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')
  STEP_TIMES+=("$name|$secs")
  printf '%6ss\n' "$secs"
}

print_step_times() {
  local total=0 row name secs
  printf '\n%-28s %8s\n' "step" "time"
  for row in "${STEP_TIMES[@]}"; do
    name=${row%%|*}; secs=${row##*|}
    printf '%-28s %7ss\n' "$name" "$secs"
    total=$(awk -v a="$total" -v b="$secs" 'BEGIN{printf "%.1f", a+b}')
  done
  printf '%-28s %7ss\n' "total" "$total"
}

# Lookup of per-process settings kept in network.conf as <name>_<KEY>.
cfg() { local var="${1}_${2}"; printf '%s' "${!var}"; }

pid_of() { local f="$PID_DIR/$1.pid"; [[ -f $f ]] && cat "$f" || true; }

# When a process started (field 22 of /proc/PID/stat, clock ticks since boot). With the pid it
# names one process for good: a pid alone is reused once its process is gone, and on a busy
# machine (every Java thread takes one) a stale pid file would otherwise pass for a live node.
start_time() {
  local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  set -- $s
  printf '%s' "${20}"
}

is_running() {
  local pid want; pid=$(pid_of "$1")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  want=$(cat "$PID_DIR/$1.start" 2>/dev/null || true)
  [[ -z $want || $(start_time "$pid") == "$want" ]]
}

# start_process NAME ENV_FILE CMD...: starts CMD in its own session with the variables of
# ENV_FILE, logging to LOG_DIR/NAME.log. A setsid group lets `down` stop it and its children.
start_process() {
  local name=$1 envfile=$2; shift 2
  mkdir -p "$LOG_DIR" "$PID_DIR"
  if is_running "$name"; then return 0; fi
  (
    set -a; [[ -n $envfile ]] && source "$envfile"; set +a
    printf '\n--- started %s ---\n' "$(date -u +%FT%TZ)" >>"$LOG_DIR/$name.log"
    exec setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$PID_DIR/$name.pid"
  start_time $! >"$PID_DIR/$name.start" || true
}

stop_process() {
  local name=$1 pid i
  pid=$(pid_of "$name")
  [[ -n $pid ]] || return 0
  if is_running "$name"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.start"
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
