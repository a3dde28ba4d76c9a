#!/usr/bin/env bash
# The launcher's bad input: each case must exit 1 with one line first on stderr, print nothing on
# stdout and start nothing. The first three are refused by the shell ("dln:", no Java, no
# network); the others by the bench's and the demo's own check of their options ("error:"), which
# the launcher asks before it starts the network. Prints one line per failure and a summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DLN="$ROOT/dln"
# shellcheck source=network/tests/checks.sh
source "$ROOT/network/tests/checks.sh"

# refused_with PREFIX ARGS...: ./dln ARGS exits 1, stdout empty, stderr's first line starts PREFIX.
refused_with() {
  local prefix=$1 out err rc=0
  shift
  err=$(mktemp)
  out=$("$DLN" "$@" 2>"$err") || rc=$?
  local first
  first=$(head -n 1 "$err")
  rm -f "$err"
  [[ $rc == 1 && -z $out && $first == "$prefix"* ]]
}

# refused ARGS...: refused by the shell, with a "dln:" message.
refused() { refused_with "dln:" "$@"; }

# refused_by_options ARGS...: refused by the bench's own check of its options and plan, asked
# before the network: an "error:" line, and stdout empty (starting the network prints its steps there).
refused_by_options() { refused_with "error:" "$@"; }

main() {
  local args
  for args in "bench" "bench no-such-bench" "no-such-command"; do
    # shellcheck disable=SC2086
    CHECKS_QUIET=1 check "./dln $args is refused with one \"dln:\" line and exit code 1" refused $args
  done
  if [[ ! -f $ROOT/bench/target/dln-bench.jar ]]; then
    printf 'skipped: the bench options cases (no bench jar yet: ./dln setup builds it)\n'
  elif "$ROOT/network/network.sh" status >/dev/null 2>&1; then
    printf 'skipped: the bench options cases (the network is running, so they could not show it stays down)\n'
  else
    for args in "bench learning --plan no-such-plan" "bench session --rounds x" "bench chaos --malicious 1" \
      "bench session --providers 1000" "bench chaos --providers 1000"; do
      # shellcheck disable=SC2086
      CHECKS_QUIET=1 check "./dln $args is refused before the network starts, exit code 1" refused_by_options $args
    done
    if [[ -f $ROOT/session/target/dln-session.jar ]]; then
      # More providers than the network enrols users for: refused before it is built or started.
      CHECKS_QUIET=1 check "./dln demo --providers 1000 is refused before the network starts, exit code 1" \
        refused_by_options demo --providers 1000
    fi
  fi
  summary "launcher bad input"
}

main "$@"
