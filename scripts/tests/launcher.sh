#!/usr/bin/env bash
# The launcher's own bad input: each case must exit 1 with a first line on stderr that starts
# "dln:" (what is wrong, what to do), print nothing on stdout and start nothing (no Java, no
# network: every case is refused by the shell before either). Prints one line per failure and a
# summary.
set -euo pipefail

DLN="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/dln"

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
  local passed=0 failed=0 args
  for args in "bench" "bench no-such-bench" "no-such-command"; do
    # shellcheck disable=SC2086
    if refused $args; then
      passed=$((passed + 1))
    else
      printf 'FAIL  ./dln %s is not refused with one "dln:" line and exit code 1\n' "$args"
      failed=$((failed + 1))
    fi
  done
  printf 'launcher bad input: %d passed, %d failed\n' "$passed" "$failed"
  ((failed == 0))
}

main "$@"
