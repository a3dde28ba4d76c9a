#!/usr/bin/env bash
# launch.sh NAME PID_DIR CMD...: runs one network process as its child and records what systemd
# would: the child's pid and start time (so PID_DIR/NAME.pid names the server itself, not this
# wrapper), then, when it ends, "pid exit-code seconds-run" in PID_DIR/NAME.exit for the
# supervisor's log line. It restarts nothing (the supervisor does), so if this wrapper is killed the
# server lives on, still tracked by its pid file and still stopped by `down`.
set -uo pipefail
name=$1 piddir=$2
shift 2
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$@" &
child=$!
start_time "$child" >"$piddir/$name.start" 2>/dev/null || : >"$piddir/$name.start"
echo "$child" >"$piddir/$name.pid.tmp" && mv -f "$piddir/$name.pid.tmp" "$piddir/$name.pid"
wait "$child"
code=$?
printf '%s %s %s\n' "$child" "$code" "$SECONDS" >"$piddir/$name.exit"
printf -- '--- exited %s with code %s after %ss ---\n' "$(date -u +%FT%TZ)" "$code" "$SECONDS"
exit "$code"
