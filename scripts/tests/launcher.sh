#!/usr/bin/env bash
# The launcher's own bad input: each case must exit 1 with a first line on stderr that starts
# "dln:" (what is wrong, what to do), print nothing on stdout and start nothing (no Java, no
# network: every case is refused by the shell before either). Prints one line per failure and a
# summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DLN="$ROOT/dln"
# shellcheck source=network/tests/checks.sh
source "$ROOT/network/tests/checks.sh"

# refused ARGS...: ./dln ARGS exits 1, stdout empty, stderr's first line a "dln:" message.
refused() {
  local out err rc=0
  err=$(mktemp)
  out=$("$DLN" "$@" 2>"$err") || rc=$?
  local first
  first=$(head -n 1 "$err")
  rm -f "$err"
  [[ $rc == 1 && -z $out && $first == dln:* ]]
}

main() {
  local args
  for args in "bench" "bench no-such-bench" "no-such-command"; do
    # shellcheck disable=SC2086
    CHECKS_QUIET=1 check "./dln $args is refused with one \"dln:\" line and exit code 1" refused $args
  done
  summary "launcher bad input"
}

main "$@"
