# Chaincode of network/hosts.sh: every member host runs its own chaincode server (the same jar),
# with a TLS identity from its own CA, and its peer dials only that server. Each organisation
# packages, installs and approves its own package (its own connection.json: its server's address
# and its peer's client key), all under one chaincode version, the jar's hash; org1 commits.

HOSTS_CC_DIR() { printf '%s/chaincode' "$(host_dir "$1")"; }

# The version every organisation approves: the jar's hash, so a changed jar is a new definition.
hosts_cc_version() { printf '%s_%s' "$CHAINCODE_NAME" "$(sha256sum <"$(CC_JAR_BUILT)" | cut -c1-12)"; }

hosts_package_chaincode() {
  local org=$1 version=$2 dir work pkg
  dir=$(HOSTS_CC_DIR "$org"); work=$(mktemp -d); pkg="$dir/$version.tar.gz"
  [[ -f $pkg ]] && return 0
  # The peer's client key travels in connection.json: the package is this host's only, mode 600.
  printf '{"address":"%s:%s","dial_timeout":"10s","tls_required":true,"client_auth_required":true,"client_key":"%s","client_cert":"%s","root_cert":"%s"}\n' \
    "$(host_addr "$org")" "$HOSTS_CHAINCODE_PORT" "$(json_pem "$dir/tls/client.key")" "$(json_pem "$dir/tls/client.crt")" \
    "$(json_pem "$dir/tls/ca.crt")" >"$work/connection.json"
  printf '{"type":"ccaas","label":"%s_%s"}\n' "$version" "$org" >"$work/metadata.json"
  tar -C "$work" -czf "$work/code.tar.gz" connection.json
  (umask 077 && tar -C "$work" -czf "$pkg" metadata.json code.tar.gz)
  rm -rf "$work"
  as_admin "$org" peer lifecycle chaincode calculatepackageid "$pkg" >"$dir/$version.id"
}

hosts_write_chaincode_env() {
  local org=$1 version=$2 dir; dir=$(HOSTS_CC_DIR "$org")
  base64 -w0 "$dir/tls/server.key" >"$dir/tls/server.key.b64"
  base64 -w0 "$dir/tls/server.crt" >"$dir/tls/server.crt.b64"
  cat >"$(ENV_DIR)/chaincode.$org.env" <<EOT
DLN_CHAINCODE_LABEL=$version
CHAINCODE_SERVER_ADDRESS=$(host_addr "$org"):$HOSTS_CHAINCODE_PORT
CORE_CHAINCODE_ID_NAME=$(cat "$dir/$version.id")
CORE_PEER_TLS_ENABLED=true
CORE_TLS_CLIENT_KEY_FILE=$dir/tls/server.key
CORE_TLS_CLIENT_CERT_FILE=$dir/tls/server.crt
CORE_TLS_CLIENT_KEY_PATH=$dir/tls/server.key.b64
CORE_TLS_CLIENT_CERT_PATH=$dir/tls/server.crt.b64
CORE_PEER_TLS_ROOTCERT_FILE=$dir/tls/ca.crt
DLN_CHAINCODE_CLIENT_CA_FILE=$dir/tls/ca.crt
DLN_PROBE=1
EOT
}

launch_chaincode_on() {
  local org=$1 version; version=$(sed -n 's/^DLN_CHAINCODE_LABEL=//p' "$(ENV_DIR)/chaincode.$org.env")
  start_process "chaincode.$org" "$(ENV_DIR)/chaincode.$org.env" ip netns exec "$(ns_name "$org")" \
    java $HOSTS_CHAINCODE_JAVA_OPTS -cp "$(CC_DIR)/$version.jar:$(CC_MAIN_DIR)" MutualTlsChaincodeServer
}

hosts_committed_version() {
  as_admin "$(first_org)" peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE_NAME" -O json 2>/dev/null \
    | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' | head -1 || true
}

step_chaincode_hosts() {
  local version org peers=() pkgid committed
  mkdir -p "$(CC_DIR)"
  [[ -f $(CC_JAR_BUILT) ]] || build_chaincode_jar
  version=$(hosts_cc_version)
  cp "$(CC_JAR_BUILT)" "$(CC_DIR)/$version.jar"
  compile_chaincode_main "$(CC_DIR)/$version.jar"
  for org in $ORGS; do
    hosts_package_chaincode "$org" "$version"
    hosts_write_chaincode_env "$org" "$version"
    launch_chaincode_on "$org"
  done
  # Every member installs and approves its own package: all of them before the first commit, and
  # a member that joined later (add-org) for the definition already committed.
  committed=$(hosts_committed_version)
  [[ -z $committed || $committed == "$version" ]] || die "another chaincode version is committed; this harness deploys once (network/hosts.sh clean)"
  for org in $ORGS; do
    pkgid=$(cat "$(HOSTS_CC_DIR "$org")/$version.id")
    if ! as_admin "$org" peer lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$pkgid"; then
      as_admin "$org" peer lifecycle chaincode install "$(HOSTS_CC_DIR "$org")/$version.tar.gz" >>"$LOG_DIR/peer-cli.log" 2>&1 \
        || die "installing the chaincode on peer0.$org failed; see $LOG_DIR/peer-cli.log"
      as_admin "$org" sh -c 'peer lifecycle chaincode approveformyorg -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" "$@"' _ \
        -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$version" --package-id "$pkgid" --sequence 1 >>"$LOG_DIR/peer-cli.log" 2>&1 \
        || die "peer0.$org could not approve $version; see $LOG_DIR/peer-cli.log"
    fi
    peers+=(--peerAddresses "$(host_addr "$org"):$(cfg "$org" PEER_PORT)" --tlsRootCertFiles "$(AS_HOST=$(first_org) org_tls_ca "$org")")
  done
  if [[ -z $committed ]]; then
    as_admin "$(first_org)" sh -c 'peer lifecycle chaincode commit -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" "$@"' _ \
      -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$version" --sequence 1 "${peers[@]}" >>"$LOG_DIR/peer-cli.log" 2>&1 \
      || die "committing $version failed; see $LOG_DIR/peer-cli.log"
  fi
  for org in $ORGS; do wait_for "chaincode server of $org" 90 host_port_open "$org" "$HOSTS_CHAINCODE_PORT"; done
}
