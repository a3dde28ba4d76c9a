# The script tests' checks, sourced by each (not run): one line a check and the counts.
# check NAME COMMAND... runs COMMAND and prints "ok    NAME" (not when CHECKS_QUIET is set, for
# tests of many cases) or "FAIL  NAME"; summary LABEL prints "LABEL: N passed, M failed" and is
# false when any failed. A test may count a failure of its own with failed=$((failed + 1)).

passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    [[ -n ${CHECKS_QUIET:-} ]] || printf 'ok    %s\n' "$name"
  else
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$name"
  fi
}

summary() {
  printf '%s: %d passed, %d failed\n' "$1" "$passed" "$failed"
  ((failed == 0))
}
