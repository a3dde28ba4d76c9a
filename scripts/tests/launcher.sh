#!/usr/bin/env bash
# The launcher's checks. Bad input: each case must exit 1 with one line first on stderr, print nothing on
# stdout and start nothing. The first three are refused by the shell ("dln:", no Java, no
# network); the others by the bench's and the demo's own check of their options ("error:"), which
# the launcher asks before it starts the network. Then the OpenBLAS kernels it names for the Java
# processes it starts. Prints one line per failure and a summary.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DLN="$ROOT/dln"
# shellcheck source=network/tests/checks.sh
source "$ROOT/network/tests/checks.sh"
# shellcheck source=scripts/commands.sh
source "$ROOT/scripts/commands.sh"

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

# kernels_for FLAGS EXPECTED: openblas_coretype names EXPECTED (empty: nothing) for a CPU with FLAGS.
kernels_for() { [[ $(openblas_coretype "$1") == "$2" ]]; }

# kernels_reported EXPECTED [VAR=VALUE...]: the engine bench, started by ./dln with the given
# environment, reports that its process was started with OpenBLAS's EXPECTED kernels named.
kernels_reported() {
  local expected=$1 out
  shift
  out=$(env "$@" "$DLN" bench engine --models mlp --train 200 --reference-train 20 --repeats 1 2>/dev/null) || return 1
  [[ $(head -n 1 <<<"$out") == *"OpenBLAS kernels $expected,"* ]]
}

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
  # OpenBLAS's kernels: named from the CPU's flags, a caller's choice kept (docs/performance.md).
  CHECKS_QUIET=1 check "AVX-512 flags name SkylakeX kernels" kernels_for "fpu avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl" SkylakeX
  CHECKS_QUIET=1 check "AVX2 and FMA without all of AVX-512 name Haswell kernels" kernels_for "avx2 fma avx512f" Haswell
  CHECKS_QUIET=1 check "AVX2 without FMA names none" kernels_for "sse4_2 avx avx2" ""
  CHECKS_QUIET=1 check "no flags name none" kernels_for "" ""
  if [[ -f $ROOT/bench/target/dln-bench.jar ]]; then
    local here
    here=$(openblas_coretype "$(cpu_flags)")
    CHECKS_QUIET=1 check "a Java process ./dln starts gets the kernels named for this CPU (${here:-by CPU model})" \
      kernels_reported "${here:-by CPU model}" OPENBLAS_CORETYPE=
    CHECKS_QUIET=1 check "a caller's OPENBLAS_CORETYPE is kept" kernels_reported Prescott OPENBLAS_CORETYPE=Prescott
  fi
  summary "launcher checks"
}

main "$@"
