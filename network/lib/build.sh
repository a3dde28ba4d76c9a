# Step: build the pinned Fabric and Kubo commands with the machine's Go into DLN_CACHE.

FABRIC_BIN="$DLN_CACHE/bin/fabric-$FABRIC_RELEASE"
KUBO_BIN="$DLN_CACHE/bin/kubo-$KUBO_RELEASE"
FABRIC_COMMANDS="peer orderer configtxgen configtxlator cryptogen osnadmin"

go_env() {
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
  export GOMODCACHE="$DLN_CACHE/go/mod" GOCACHE="$DLN_CACHE/go/build"
  # go.sum is committed: it verifies every module even when the checksum database is out of reach.
  export GONOSUMDB="github.com/hyperledger/fabric,github.com/ipfs/kubo,github.com/hyperledger/fabric-ca,github.com/ipfs-cluster/ipfs-cluster"
}

# The stamp ties a cached binary set to the exact go.mod/go.sum it was built from.
tools_stamp() { cat "$NETWORK_DIR/tools/$1/go.mod" "$NETWORK_DIR/tools/$1/go.sum" | sha256sum | cut -c1-16; }

# go_build_one MODULE_DIR PACKAGE OUTPUT [LDFLAGS]: one binary, one progress line.
go_build_one() {
  local dir=$1 pkg=$2 out=$3 ldflags=${4:-} start log
  start=$(date +%s)
  log="$LOG_DIR/build-$(basename "$out").log"
  mkdir -p "$LOG_DIR"
  printf '\n    %-14s ' "$(basename "$out")"
  if ! (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "$pkg") >"$log" 2>&1; then
    local refused
    refused=$(grep -oE '[a-zA-Z0-9./_-]+@v[^: ]+: reading [^ ]+: 40[34][^"]*' "$log" | head -1 || true)
    [[ -n $refused ]] && die "the Go module proxy refused ${refused%%: reading*}; see $log"
    die "building $pkg failed; see $log"
  fi
  mv "$out.tmp" "$out"
  printf '%4ss' "$(($(date +%s) - start))"
}

build_fabric() {
  local stamp; stamp=$(tools_stamp fabric)
  [[ -f $FABRIC_BIN/.stamp && $(cat "$FABRIC_BIN/.stamp") == "$stamp" ]] && return 0
  mkdir -p "$FABRIC_BIN"
  local cmd
  for cmd in $FABRIC_COMMANDS; do
    go_build_one "$NETWORK_DIR/tools/fabric" "github.com/hyperledger/fabric/cmd/$cmd" "$FABRIC_BIN/$cmd" \
      "-X github.com/hyperledger/fabric/common/metadata.Version=$FABRIC_RELEASE"
  done
  # sampleconfig comes from the module cache, which is read-only: copy it next to the binaries.
  local moddir
  moddir=$(cd "$NETWORK_DIR/tools/fabric" && go list -m -f '{{.Dir}}' github.com/hyperledger/fabric)
  rm -rf "$FABRIC_BIN/sampleconfig"
  cp -r "$moddir/sampleconfig" "$FABRIC_BIN/sampleconfig"
  chmod -R u+w "$FABRIC_BIN/sampleconfig"
  echo "$stamp" >"$FABRIC_BIN/.stamp"
  printf '\n%-28s ' ""
}

build_kubo() {
  local stamp; stamp=$(tools_stamp kubo)
  [[ -f $KUBO_BIN/.stamp && $(cat "$KUBO_BIN/.stamp") == "$stamp" ]] && return 0
  mkdir -p "$KUBO_BIN"
  go_build_one "$NETWORK_DIR/tools/kubo" github.com/ipfs/kubo/cmd/ipfs "$KUBO_BIN/ipfs"
  echo "$stamp" >"$KUBO_BIN/.stamp"
  printf '\n%-28s ' ""
}

# The two upstreams only network/hosts.sh uses, pinned like the others (network/tools/*).
# fabric-ca-server keeps its registry in SQLite (mattn/go-sqlite3, C): it is the one cgo build.
build_fabric_ca() {
  local dir="$DLN_CACHE/bin/fabric-ca-$FABRIC_CA_RELEASE" stamp; stamp=$(tools_stamp fabric-ca)
  [[ -f $dir/.stamp && $(cat "$dir/.stamp") == "$stamp" ]] && return 0
  command -v gcc >/dev/null || die "fabric-ca-server needs a C compiler (its SQLite driver uses cgo): install gcc"
  mkdir -p "$dir"
  CGO_ENABLED=1 go_build_one "$NETWORK_DIR/tools/fabric-ca" github.com/hyperledger/fabric-ca/cmd/fabric-ca-server "$dir/fabric-ca-server" \
    "-X github.com/hyperledger/fabric-ca/lib/metadata.Version=$FABRIC_CA_RELEASE"
  go_build_one "$NETWORK_DIR/tools/fabric-ca" github.com/hyperledger/fabric-ca/cmd/fabric-ca-client "$dir/fabric-ca-client" \
    "-X github.com/hyperledger/fabric-ca/lib/metadata.Version=$FABRIC_CA_RELEASE"
  echo "$stamp" >"$dir/.stamp"
  printf '\n%-28s ' ""
}

build_ipfs_cluster() {
  local dir="$DLN_CACHE/bin/ipfs-cluster-$IPFS_CLUSTER_RELEASE" stamp cmd; stamp=$(tools_stamp ipfs-cluster)
  [[ -f $dir/.stamp && $(cat "$dir/.stamp") == "$stamp" ]] && return 0
  mkdir -p "$dir"
  for cmd in ipfs-cluster-service ipfs-cluster-ctl; do
    go_build_one "$NETWORK_DIR/tools/ipfs-cluster" "github.com/ipfs-cluster/ipfs-cluster/cmd/$cmd" "$dir/$cmd"
  done
  echo "$stamp" >"$dir/.stamp"
  printf '\n%-28s ' ""
}

step_build_binaries() {
  command -v go >/dev/null || die "Go is not installed: install Go 1.24 or newer (the machine's Go builds Fabric and Kubo)"
  go_env
  build_fabric
  build_kubo
}
