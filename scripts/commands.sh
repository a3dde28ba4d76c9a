# Commands of ./dln that run the Java programs: the demo, the clients and the benchmarks.

# Which benchmarks need the network: ./dln starts Fabric and Kubo (and deploys the chaincode)
# for these only, unless asked --offline (the learning bench on the in-process ledger). The one
# place that says so; the others run offline.
NETWORK_BENCHES=(ledger session learning ipfs chaos abuse)
OFFLINE_BENCHES=(core engine reads scale privacy secagg big-model)

# openblas_coretype FLAGS: the OpenBLAS kernel family for a CPU with these /proc/cpuinfo flags, or
# nothing. OpenBLAS, ND4J's BLAS (javacpp's 0.3.19 build), picks its kernels by the CPU's model
# number and falls back to its SSE3 ones (Prescott) on a model newer than itself: on an Emerald
# Rapids Xeon (model 207) LeNet training ran ~20 % slower so (docs/performance.md, twenty-ninth
# session). This names the family OpenBLAS picks on the models it knows: SkylakeX for AVX-512 (F,
# BW, DQ, VL, CD), Haswell for AVX2 with FMA; nothing for other CPUs, whose choice stays OpenBLAS's.
openblas_coretype() {
  local flags=" $1 " f
  for f in avx512f avx512bw avx512dq avx512vl avx512cd; do
    if [[ $flags != *" $f "* ]]; then
      if [[ $flags == *" avx2 "* && $flags == *" fma "* ]]; then printf Haswell; fi
      return 0
    fi
  done
  printf SkylakeX
}

# cpu_flags: this machine's CPU flags (x86-64 Linux), or nothing.
cpu_flags() {
  [[ $(uname -m) == x86_64 && -r /proc/cpuinfo ]] || return 0
  grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 || true
}

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

# asks_help ARGS: true when any argument asks for help or the version, which the Java side
# answers at once: nothing to set up, no network to start.
asks_help() {
  local arg
  for arg in "$@"; do
    case $arg in
      -h|--help|-V|--version) return 0 ;;
    esac
  done
  return 1
}

# bench_needs_network NAME [ARGS]: true for the benchmarks in NETWORK_BENCHES, unless ARGS
# ask --offline or name a node of their own with --api (a bench without that option refuses
# it, with nothing started).
bench_needs_network() {
  local name=${1:-} bench arg
  (($#)) && shift
  for arg in "$@"; do
    [[ $arg == --offline || $arg == --api || $arg == --api=* ]] && return 1
  done
  for bench in "${NETWORK_BENCHES[@]}"; do
    [[ $name == "$bench" ]] && return 0
  done
  return 1
}

# bench_known NAME: true for every benchmark of either list.
bench_known() {
  local name=$1 bench
  for bench in "${NETWORK_BENCHES[@]}" "${OFFLINE_BENCHES[@]}"; do
    [[ $name == "$bench" ]] && return 0
  done
  return 1
}

# demo_needs_sklearn ARGS: true when ARGS choose a dataset from the scikit-learn wheel.
demo_needs_sklearn() {
  local prev="" arg
  for arg in "$@"; do
    case $arg in
      --dataset=mnist) ;;
      --dataset=*) return 0 ;;
    esac
    [[ $prev == --dataset && $arg != mnist ]] && return 0
    prev=$arg
  done
  return 1
}

# With no network set up yet (no profile), the users it will enrol for providers, as the session
# checks take them: User3 and above of each organisation (User1 publishes, User2 sits on the
# committee). Nothing when a profile exists: the check reads it.
free_users_option() {
  [[ -f $CONNECTION_PROFILE ]] || printf -- '--free-users %d' $(( $(wc -w <<<"$ORGS") * (USERS_PER_ORG - 2) ))
}

cmd_demo() {
  local jar="$DLN_ROOT/session/target/dln-session.jar"
  # Options first: a typo costs half a second, not a build and a deploy (with a jar at hand).
  if [[ -f $jar ]] && ! asks_help "$@"; then
    local free=()
    read -r -a free <<<"$(free_users_option)"
    java -jar "$jar" demo --check "${free[@]}" "$@" || exit $?
  fi
  if ! asks_help "$@"; then
    setup_tools
    "$NETWORK" build
    setup_mnist
    if demo_needs_sklearn "$@"; then setup_sklearn 1; fi
    setup_java
    ensure_network
    "$NETWORK" deploy
  fi
  java $(java_opts) -jar "$(jar_of session dln-session)" demo "$@"
}

cmd_bench() {
  local name=${1:-}
  if [[ -z $name ]]; then
    printf 'dln: name a benchmark: ./dln bench NAME [--help], NAME one of: %s\n' "${NETWORK_BENCHES[*]} ${OFFLINE_BENCHES[*]}" >&2
    exit 1
  fi
  if [[ -n $name && $name != -* ]] && ! bench_known "$name"; then
    printf 'dln: no benchmark "%s"; the benchmarks: %s\n' "$name" "${NETWORK_BENCHES[*]} ${OFFLINE_BENCHES[*]}" >&2
    exit 1
  fi
  if ! asks_help "$@" && bench_needs_network "$@"; then
    # Options (and a learning plan) first: a typo costs half a second, not a network start.
    local jar="$DLN_ROOT/bench/target/dln-bench.jar"
    if [[ -f $jar ]]; then
      local free=()
      # The benches whose session takes providers' identities from the network.
      if [[ $name == session || $name == chaos ]]; then read -r -a free <<<"$(free_users_option)"; fi
      java -jar "$jar" --check "$@" "${free[@]}" >/dev/null || exit $?
    fi
    ensure_network
    "$NETWORK" deploy >/dev/null
  fi
  # big-model proves a heap limit, so it runs under it (DLN_JAVA_OPTS still wins).
  local opts
  opts=$(java_opts)
  [[ $name == big-model && -z ${DLN_JAVA_OPTS:-} ]] && opts="-Xmx3g"
  # scale judges each participant's thread CPU time: the heap is committed and touched up front, or
  # the configuration that first grows it pays the page faults (32 providers measured 12-20x the
  # 4-provider round for it, 4.6-5.3x with the heap touched; 2026-12-04).
  [[ $name == scale && -z ${DLN_JAVA_OPTS:-} ]] && opts="-Xmx6g -Xms6g -XX:+AlwaysPreTouch"
  # The ipfs CLI talks to the running node through its repo's api file.
  DLN_IPFS_BIN="$KUBO_IPFS" IPFS_PATH="$DLN_RUN/state/ipfs" java $opts -jar "$(jar_of bench dln-bench)" "$@"
}

# The console reads the running network; it starts none (it is opened beside ./dln demo).
cmd_console() {
  if ! asks_help "$@" && ! network_running; then
    printf 'dln: the network is not running; start a session with ./dln demo (or ./dln network up), then ./dln console\n' >&2
    exit 1
  fi
  CONSOLE_PORT="$CONSOLE_PORT" CONSOLE_BIND="$CONSOLE_BIND" run_client console dln-console "$@"
}

run_client() {
  local module=$1 name=$2 jar; shift 2
  jar=$(jar_of "$module" "$name")
  # exec: the client is the process a caller started, so its signals (Ctrl-C, kill) reach the JVM.
  exec java $(java_opts) -jar "$jar" "$@"
}

run_command() {
  local cmd=$1; shift
  case $cmd in
    demo) cmd_demo "$@" ;;
    bench) cmd_bench "$@" ;;
    publisher) run_client publisher-client dln-publisher "$@" ;;
    provider) run_client provider-client dln-provider "$@" ;;
    committee) run_client committee-client dln-committee "$@" ;;
    console) cmd_console "$@" ;;
    *) printf 'dln: unknown command "%s"\n\n' "$cmd" >&2; usage >&2; exit 1 ;;
  esac
}
