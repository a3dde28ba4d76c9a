# Commands of ./dln that run the Java programs: the demo, the clients and the benchmarks.

java_opts() { printf '%s' "${DLN_JAVA_OPTS:--Xmx6g}"; }

# jar_of MODULE NAME: the runnable jar, built (with the whole reactor) when missing.
jar_of() {
  local jar="$DLN_ROOT/$1/target/$2.jar"
  if [[ ! -f $jar ]]; then
    setup_tools
    setup_java
  fi
  printf '%s' "$jar"
}

ensure_network() {
  if ! network_running; then "$NETWORK" up; fi
}

cmd_demo() {
  setup_tools
  "$NETWORK" build
  setup_mnist
  setup_java
  ensure_network
  "$NETWORK" deploy
  java $(java_opts) -jar "$(jar_of session dln-session)" demo "$@"
}

run_client() {
  local module=$1 name=$2; shift 2
  java $(java_opts) -jar "$(jar_of "$module" "$name")" "$@"
}

run_command() {
  local cmd=$1; shift
  case $cmd in
    demo) cmd_demo "$@" ;;
    publisher) run_client publisher-client dln-publisher "$@" ;;
    provider) run_client provider-client dln-provider "$@" ;;
    committee) run_client committee-client dln-committee "$@" ;;
    bench)
      ensure_network
      "$NETWORK" deploy >/dev/null
      # The ipfs CLI talks to the running node through its repo's api file.
      DLN_IPFS_BIN="$KUBO_IPFS" IPFS_PATH="$DLN_RUN/state/ipfs" java $(java_opts) -jar "$(jar_of session dln-session)" bench "$@" ;;
    *) printf 'dln: unknown command "%s"\n\n' "$cmd" >&2; usage >&2; exit 1 ;;
  esac
}
