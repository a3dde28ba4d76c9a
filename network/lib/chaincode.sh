# Steps: the dln chaincode, built by Maven, packaged as chaincode-as-a-service, installed and
# approved by every organisation, committed with the channel's MAJORITY endorsement policy, and
# served by one supervised chaincode server process that all peers dial.

CC_DIR() { printf '%s/chaincode' "$STATE_DIR"; }
CC_JAR_BUILT() { printf '%s/chaincode/target/dln-chaincode-server.jar' "$DLN_ROOT"; }

build_chaincode_jar() {
  command -v mvn >/dev/null || die "Maven is not installed: install Maven 3.8+ (it builds the chaincode)"
  (cd "$DLN_ROOT" && mvn -q -B -pl chaincode -am package -DskipTests) >"$LOG_DIR/chaincode-build.log" 2>&1 \
    || die "building the chaincode failed; see $LOG_DIR/chaincode-build.log"
}

# The label names the exact jar, so a changed chaincode is a new package and a new sequence.
# The label names the exact jar and server certificate, so either changing is a new package.
chaincode_label() {
  printf '%s_%s' "$CHAINCODE_NAME" "$(cat "$(CC_JAR_BUILT)" "$(CC_TLS_DIR)/server.crt" | sha256sum | cut -c1-12)"
}

CC_TLS_DIR() { printf '%s/tls' "$(CC_DIR)"; }

# The chaincode server's own TLS identity: a P-256 CA and a server certificate for loopback.
# Peers trust it through root_cert in connection.json; cryptogen makes no such service identity.
chaincode_tls() {
  local dir; dir=$(CC_TLS_DIR)
  [[ -f $dir/server.crt ]] && return 0
  command -v openssl >/dev/null || die "openssl is not installed; it makes the chaincode server's TLS certificate"
  mkdir -p "$dir"
  {
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
    openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 3650 -subj "/O=$DOMAIN/CN=chaincode-ca.$DOMAIN" -out "$dir/ca.crt"
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/server.ec.key"
    openssl pkcs8 -topk8 -nocrypt -in "$dir/server.ec.key" -out "$dir/server.key"
    openssl req -new -key "$dir/server.key" -subj "/O=$DOMAIN/CN=chaincode.$DOMAIN" -out "$dir/server.csr"
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$dir/ext.cnf"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 -sha256 \
      -extfile "$dir/ext.cnf" -out "$dir/server.crt"
    base64 -w0 "$dir/server.key" >"$dir/server.key.b64"
    base64 -w0 "$dir/server.crt" >"$dir/server.crt.b64"
  } >"$LOG_DIR/chaincode-tls.log" 2>&1 || die "making the chaincode server's TLS certificate failed; see $LOG_DIR/chaincode-tls.log"
}

json_pem() { awk 'BEGIN{ORS="\\n"} {print}' "$1"; }

# The committed definition as "sequence version", or "0 -" before the first commit.
committed_definition() {
  local json
  json=$(as_admin "$(first_org)" peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE_NAME" -O json 2>/dev/null) \
    || { echo "0 -"; return 0; }
  printf '%s %s\n' "$(sed -n 's/.*"sequence": *\([0-9]*\).*/\1/p' <<<"$json" | head -1)" \
    "$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' <<<"$json" | head -1)"
}

first_org() { set -- $ORGS; printf '%s' "$1"; }

package_chaincode() {
  local label=$1 work pkg
  work=$(mktemp -d); pkg="$(CC_DIR)/$label.tar.gz"
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":true,"client_auth_required":false,"root_cert":"%s"}\n' \
    "$CHAINCODE_PORT" "$(json_pem "$(CC_TLS_DIR)/ca.crt")" >"$work/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/metadata.json"
  tar -C "$work" -czf "$work/code.tar.gz" connection.json
  tar -C "$work" -czf "$pkg" metadata.json code.tar.gz
  rm -rf "$work"
  cp "$(CC_JAR_BUILT)" "$(CC_DIR)/$label.jar"
  as_admin "$(first_org)" peer lifecycle chaincode calculatepackageid "$pkg" >"$(CC_DIR)/$label.id"
}

install_approve_commit() {
  local label=$1 seq=$2 pkg pkgid org peers=()
  pkg="$(CC_DIR)/$label.tar.gz"; pkgid=$(cat "$(CC_DIR)/$label.id")
  for org in $ORGS; do
    if ! as_admin "$org" peer lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$pkgid"; then
      as_admin "$org" peer lifecycle chaincode install "$pkg" >>"$LOG_DIR/peer-cli.log" 2>&1 \
        || die "installing the chaincode on peer0.$org failed; see $LOG_DIR/peer-cli.log"
    fi
    as_admin "$org" sh -c 'peer lifecycle chaincode approveformyorg -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" "$@"' _ \
      -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$label" --package-id "$pkgid" --sequence "$seq" >>"$LOG_DIR/peer-cli.log" 2>&1 \
      || die "peer0.$org could not approve $label (sequence $seq); see $LOG_DIR/peer-cli.log"
    peers+=(--peerAddresses "127.0.0.1:$(cfg "$org" PEER_PORT)" --tlsRootCertFiles "$(org_tls_ca "$org")")
  done
  as_admin "$(first_org)" sh -c 'peer lifecycle chaincode commit -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA" "$@"' _ \
    -C "$CHANNEL" -n "$CHAINCODE_NAME" -v "$label" --sequence "$seq" "${peers[@]}" >>"$LOG_DIR/peer-cli.log" 2>&1 \
    || die "committing $label (sequence $seq) failed; see $LOG_DIR/peer-cli.log"
}

start_chaincode_server() {
  local label=$1 pkgid
  [[ -f $(CC_DIR)/$label.jar ]] || die "the jar of the committed chaincode $label is missing from $(CC_DIR); run: network/network.sh deploy"
  pkgid=$(cat "$(CC_DIR)/$label.id")
  cat >"$(ENV_DIR)/chaincode.env" <<EOT
CHAINCODE_SERVER_ADDRESS=127.0.0.1:$CHAINCODE_PORT
CORE_CHAINCODE_ID_NAME=$pkgid
CORE_PEER_TLS_ENABLED=true
CORE_TLS_CLIENT_KEY_FILE=$(CC_TLS_DIR)/server.key
CORE_TLS_CLIENT_CERT_FILE=$(CC_TLS_DIR)/server.crt
# The shim also reads its peer-dialling settings whenever TLS is on: files holding the base64 of the PEMs.
CORE_TLS_CLIENT_KEY_PATH=$(CC_TLS_DIR)/server.key.b64
CORE_TLS_CLIENT_CERT_PATH=$(CC_TLS_DIR)/server.crt.b64
CORE_PEER_TLS_ROOTCERT_FILE=$(CC_TLS_DIR)/ca.crt
EOT
  # Supervised: the server is restarted if it dies, so peers find it again within seconds.
  start_process chaincode "$(ENV_DIR)/chaincode.env" bash -c \
    "while true; do java $CHAINCODE_JAVA_OPTS -jar '$(CC_DIR)/$label.jar'; echo \"chaincode server exited (\$?); restarting in 2s\"; sleep 2; done"
  wait_for "chaincode server" 60 port_open "$CHAINCODE_PORT"
}

# deploy_chaincode: roll out the jar in chaincode/target if it differs from the committed one.
deploy_chaincode() {
  local label def seq version
  mkdir -p "$(CC_DIR)"
  chaincode_tls
  label=$(chaincode_label)
  def=$(committed_definition); seq=${def%% *}; version=${def##* }
  if [[ $version == "$label" ]]; then
    info "chaincode $label is already committed (sequence $seq)"
  else
    package_chaincode "$label"
    stop_process chaincode
    start_chaincode_server "$label"
    install_approve_commit "$label" $((seq + 1))
    info "committed $label as sequence $((seq + 1))"
  fi
  echo "$label" >"$(CC_DIR)/current"
}

step_chaincode() {
  mkdir -p "$(CC_DIR)"
  if [[ ! -f $(CC_DIR)/current ]]; then
    [[ -f $(CC_JAR_BUILT) ]] || build_chaincode_jar
    deploy_chaincode >/dev/null
  fi
  is_running chaincode || start_chaincode_server "$(cat "$(CC_DIR)/current")"
}
