# The supervisor: what an operator would get from systemd. One background bash process
# (`network.sh _supervise`, pid file PID_DIR/supervisor.pid, log LOG_DIR/supervisor.log) that checks
# every process each SUPERVISE_INTERVAL seconds and restarts one that died.
#
# A process is supervised while its pid file exists: every start writes one, every deliberate
# stop (`down`, `deploy` replacing the chaincode server) deletes it before signalling, so only a
# crash leaves a pid file naming a dead process. Each restart is logged as
#   restarted NAME (exit CODE, after SECONDS s)
# (the exit code and run time come from lib/launch.sh). After RESTART_LIMIT restarts of one process
# within RESTART_WINDOW seconds the supervisor gives up on it, logs so, and `status` shows it;
# between restarts it waits 1, 2, 4, 8 s (doubling with each recent restart). Restart counts and
# given-up processes are in PID_DIR/supervisor.state for `status`.
# `supervise off` stops it and keeps it off (a marker file) until `supervise on`.

SUPERVISOR_STATE() { printf '%s/supervisor.state' "$PID_DIR"; }
SUPERVISOR_OFF() { printf '%s/supervise.off' "$PID_DIR"; }

supervisor_log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*"; }

# launch_process NAME: starts one process of the network by name (no waiting for health).
launch_process() {
  case $1 in
    orderer*) launch_orderer "$1" ;;
    peer0.*) launch_peer "${1#peer0.}" ;;
    ipfs) launch_ipfs ;;
    chaincode) launch_chaincode ;;
    *) die "unknown process $1" ;;
  esac
}

# The foreground loop (`network.sh _supervise`); start_supervisor runs it in the background.
supervise_loop() {
  local stopping=0 p now n delay exitinfo code ran pid t procs state written="" statefile
  local -A restarts=() total=() gaveup=() last=()
  statefile=$(SUPERVISOR_STATE)
  # One failed command must not end the supervisor: no errexit in here.
  set +e
  trap 'stopping=1' TERM INT
  supervisor_log "supervisor started (pid $BASHPID): checks $(all_processes | tr '\n' ' ')every ${SUPERVISE_INTERVAL}s; gives up after $RESTART_LIMIT restarts in ${RESTART_WINDOW}s"
  # Each check uses builtins only (no process forked while all is well): see first_line.
  while ((!stopping)); do
    printf -v now '%(%s)T' -1
    procs=$(all_processes)
    for p in $procs; do
      ((stopping)) && break
      [[ -f $PID_DIR/$p.pid ]] || continue
      if is_running "$p"; then
        if [[ -n ${gaveup[$p]:-} ]]; then
          supervisor_log "$p is running again (started outside the supervisor); supervising it again"
          unset "gaveup[$p]"; restarts[$p]=""
        fi
        continue
      fi
      [[ -n ${gaveup[$p]:-} ]] && continue
      # Restarts of p within the window, oldest first.
      local kept=""
      for t in ${restarts[$p]:-}; do ((now - t < RESTART_WINDOW)) && kept+="$t "; done
      restarts[$p]=$kept
      n=$(wc -w <<<"$kept")
      if ((n >= RESTART_LIMIT)); then
        gaveup[$p]=$now
        supervisor_log "gave up on $p: it died $((n + 1)) times within ${RESTART_WINDOW}s; see $LOG_DIR/$p.log, then start it with: network/network.sh up"
        continue
      fi
      delay=0; ((n > 0)) && delay=$((1 << (n - 1))); ((delay > 8)) && delay=8
      ((now - ${last[$p]:-0} >= delay)) || continue
      pid=$(pid_of "$p")
      exitinfo=$(cat "$PID_DIR/$p.exit" 2>/dev/null || true)
      [[ -z $exitinfo ]] && { sleep 0.2; exitinfo=$(cat "$PID_DIR/$p.exit" 2>/dev/null || true); }
      code="?"; ran="?"
      if [[ -n $exitinfo && ${exitinfo%% *} == "$pid" ]]; then read -r _ code ran <<<"$exitinfo"; fi
      if (launch_process "$p") >>"$LOG_DIR/supervisor.log" 2>&1; then
        restarts[$p]+="$now "; last[$p]=$now; total[$p]=$((${total[$p]:-0} + 1))
        supervisor_log "restarted $p (exit $code, after $ran s)"
      else
        restarts[$p]+="$now "; last[$p]=$now
        supervisor_log "could not restart $p (exit $code, after $ran s); will retry"
      fi
    done
    state=""
    for p in $procs; do
      if [[ -n ${gaveup[$p]:-} ]]; then t=gave-up; else t=ok; fi
      state+="$p ${total[$p]:-0} $t"$'\n'
    done
    # Written when it changes, not every second.
    if [[ $state != "$written" ]]; then
      printf '%s' "$state" >"$statefile.tmp" && mv -f "$statefile.tmp" "$statefile" && written=$state
    fi
    if ((!stopping)); then sleep "$SUPERVISE_INTERVAL"; fi
  done
  supervisor_log "supervisor stopped"
}

start_supervisor() {
  [[ -f $(SUPERVISOR_OFF) ]] && { info "supervisor is off (network/network.sh supervise on)"; return 0; }
  is_running supervisor && return 0
  rm -f "$(SUPERVISOR_STATE)"
  start_process supervisor "" "$NETWORK_DIR/network.sh" _supervise
}

# Stops the supervisor; its TERM trap lets a restart in progress finish (and write its pid file)
# before it exits, so nothing it started escapes `down`.
stop_supervisor() { stop_processes supervisor; }

step_supervisor() { start_supervisor; }

# supervisor_row: state of the supervisor for `status`.
supervisor_status() {
  if is_running supervisor; then printf 'running'
  elif [[ -f $(SUPERVISOR_OFF) ]]; then printf 'off (network/network.sh supervise on)'
  else printf 'stopped'
  fi
}

# Restart count and state of one process from the supervisor's state file ("0 ok" if none).
supervised_state() {
  local line
  line=$(grep -m1 "^$1 " "$(SUPERVISOR_STATE)" 2>/dev/null || true)
  [[ -n $line ]] && printf '%s' "${line#* }" || printf '0 ok'
}

cmd_supervise() {
  case ${1:-} in
    off)
      mkdir -p "$PID_DIR"; : >"$(SUPERVISOR_OFF)"
      stop_supervisor
      echo "supervisor off: processes that die stay down (network/network.sh supervise on)" ;;
    on)
      rm -f "$(SUPERVISOR_OFF)"
      if is_running supervisor; then stop_supervisor; fi
      start_supervisor
      echo "supervisor on (pid $(pid_of supervisor)); log: $LOG_DIR/supervisor.log" ;;
    *) die "usage: network/network.sh supervise on|off" ;;
  esac
}
