#!/usr/bin/env bash
# Every value of network.conf can be overridden by an environment variable of the same name
# (issue 21): sets each one to a marker, sources network.conf and checks the marker won.
# Needs no network; prints one line per failure and a summary.
set -euo pipefail

CONF="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/network.conf"
# shellcheck source=network/tests/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"

names() { grep -oE '(^|; )[A-Za-z_][A-Za-z0-9_]*=' "$CONF" | tr -d ';= '; }

check_one() {
  local name=$1
  # shellcheck disable=SC1090
  ( export "$name=from-env-$name" DLN_ROOT=/tmp; source "$CONF"; [[ ${!name} == "from-env-$name" ]] )
}

main() {
  local name
  for name in $(names); do
    CHECKS_QUIET=1 check "$name is taken from the environment" check_one "$name"
  done
  summary "network.conf overrides"
}

main "$@"
