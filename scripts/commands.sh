# Commands of ./dln that run the Java programs: the demo, the clients and the benchmarks.

run_command() {
  local cmd=$1; shift
  case $cmd in
    *) printf 'dln: unknown command "%s"\n\n' "$cmd" >&2; usage >&2; exit 1 ;;
  esac
}
