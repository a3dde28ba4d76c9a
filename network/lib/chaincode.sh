# Steps: the dln chaincode, built by Maven, packaged as chaincode-as-a-service, installed and
# approved by every organisation, committed with the channel's MAJORITY endorsement policy, and
# served by one chaincode server process (mutual TLS) that all peers dial, kept alive by the supervisor.

CC_DIR() { printf '%s/chaincode' "$STATE_DIR"; }
CC_JAR_BUILT() { printf '%s/chaincode/target/dln-chaincode-server.jar' "$DLN_ROOT"; }

build_chaincode_jar() {
  command -v mvn >/dev/null || die "Maven is not installed: install Maven 3.8+ (it builds the chaincode)"
  (cd "$DLN_ROOT" && mvn -q -B -Dstyle.color=never -pl chaincode -am package -DskipTests) >"$LOG_DIR/chaincode-build.log" 2>&1 \
    || die "building the chaincode failed; see $LOG_DIR/chaincode-build.log"
}

# The label names the exact jar and the server and peer-client certificates, so changing any of
# them is a new package (and a new sequence).
chaincode_label() {
  printf '%s_%s' "$CHAINCODE_NAME" \
    "$(cat "$(CC_JAR_BUILT)" "$(CC_TLS_DIR)/server.crt" "$(CC_TLS_DIR)/client.crt" | sha256sum | cut -c1-12)"
}

CC_TLS_DIR() { printf '%s/tls' "$(CC_DIR)"; }

# The chaincode server's TLS identities, from a P-256 CA the scripts make (cryptogen makes no
# service identities): a server certificate for loopback, which peers check against root_cert in
# connection.json, and a client certificate the peers present (client_key/client_cert in
# connection.json), which the server checks against the same CA: mutual TLS. A state made before
# mutual TLS gets its client certificate added here (and `up` then redeploys, see step_chaincode).
chaincode_tls() {
  local dir; dir=$(CC_TLS_DIR)
  command -v openssl >/dev/null || die "openssl is not installed; it makes the chaincode server's TLS certificates"
  mkdir -p "$dir"; chmod 700 "$(CC_DIR)" "$dir"
  (
    umask 077
    if [[ ! -f $dir/server.crt ]]; then
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
    fi
    if [[ ! -f $dir/client.crt ]]; then
      openssl ecparam -name prime256v1 -genkey -noout -out "$dir/client.ec.key"
      openssl pkcs8 -topk8 -nocrypt -in "$dir/client.ec.key" -out "$dir/client.key"
      openssl req -new -key "$dir/client.key" -subj "/O=$DOMAIN/CN=peer-client.$DOMAIN" -out "$dir/client.csr"
      printf 'extendedKeyUsage=clientAuth\n' >"$dir/client-ext.cnf"
      openssl x509 -req -in "$dir/client.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 -sha256 \
        -extfile "$dir/client-ext.cnf" -out "$dir/client.crt"
    fi
  ) >>"$LOG_DIR/chaincode-tls.log" 2>&1 || die "making the chaincode server's TLS certificates failed; see $LOG_DIR/chaincode-tls.log"
  chmod 600 "$dir"/*.key "$dir"/*.key.b64
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
  # Mutual TLS: the peers present client_cert/client_key; the package therefore holds a private
  # key and is kept mode 600 (the peers keep their copies 600 too, see status' key check).
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":true,"client_auth_required":true,"client_key":"%s","client_cert":"%s","root_cert":"%s"}\n' \
    "$CHAINCODE_PORT" "$(json_pem "$(CC_TLS_DIR)/client.key")" "$(json_pem "$(CC_TLS_DIR)/client.crt")" \
    "$(json_pem "$(CC_TLS_DIR)/ca.crt")" >"$work/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$work/metadata.json"
  tar -C "$work" -czf "$work/code.tar.gz" connection.json
  (umask 077 && tar -C "$work" -czf "$pkg" metadata.json code.tar.gz)
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

# The server's main class: ContractRouter with client certificates required (see the source).
CC_MAIN_SRC() { printf '%s/chaincode-server/MutualTlsChaincodeServer.java' "$NETWORK_DIR"; }
CC_MAIN_DIR() { printf '%s/server-main' "$(CC_DIR)"; }

compile_chaincode_main() {
  local jar=$1 cls; cls="$(CC_MAIN_DIR)/MutualTlsChaincodeServer.class"
  [[ -f $cls && $cls -nt $(CC_MAIN_SRC) && $cls -nt $jar ]] && return 0
  mkdir -p "$(CC_MAIN_DIR)"
  javac -nowarn -cp "$jar" -d "$(CC_MAIN_DIR)" "$(CC_MAIN_SRC)" >>"$LOG_DIR/chaincode-build.log" 2>&1 \
    || die "compiling $(CC_MAIN_SRC) failed; see $LOG_DIR/chaincode-build.log"
}

# Writes the server's environment for package LABEL; the supervisor restarts it from this file.
write_chaincode_env() {
  local label=$1 pkgid
  [[ -f $(CC_DIR)/$label.jar ]] || die "the jar of the committed chaincode $label is missing from $(CC_DIR); run: network/network.sh deploy"
  pkgid=$(cat "$(CC_DIR)/$label.id")
  cat >"$(ENV_DIR)/chaincode.env" <<EOT
DLN_CHAINCODE_LABEL=$label
CHAINCODE_SERVER_ADDRESS=127.0.0.1:$CHAINCODE_PORT
CORE_CHAINCODE_ID_NAME=$pkgid
CORE_PEER_TLS_ENABLED=true
CORE_TLS_CLIENT_KEY_FILE=$(CC_TLS_DIR)/server.key
CORE_TLS_CLIENT_CERT_FILE=$(CC_TLS_DIR)/server.crt
# The shim also reads its peer-dialling settings whenever TLS is on: files holding the base64 of the PEMs.
CORE_TLS_CLIENT_KEY_PATH=$(CC_TLS_DIR)/server.key.b64
CORE_TLS_CLIENT_CERT_PATH=$(CC_TLS_DIR)/server.crt.b64
CORE_PEER_TLS_ROOTCERT_FILE=$(CC_TLS_DIR)/ca.crt
CORE_CHAINCODE_LOGGING_LEVEL=$CHAINCODE_LOG_LEVEL
CORE_CHAINCODE_LOGGING_SHIM=$CHAINCODE_LOG_LEVEL
# Mutual TLS: only clients with a certificate from this CA (the peers' client_cert) get through.
DLN_CHAINCODE_CLIENT_CA_FILE=$(CC_TLS_DIR)/ca.crt
# This is the test network (the only one these scripts start), so its test tools are on: the probe
# contract refuses to run unless DLN_PROBE=1. A production deployment leaves DLN_PROBE unset.
DLN_PROBE=1
EOT
}

# Starts the server process (no restart loop: the supervisor restarts it if it dies).
launch_chaincode() {
  local label
  label=$(sed -n 's/^DLN_CHAINCODE_LABEL=//p' "$(ENV_DIR)/chaincode.env" 2>/dev/null)
  [[ -n $label ]] || die "no chaincode environment in $(ENV_DIR)/chaincode.env; run: network/network.sh deploy"
  compile_chaincode_main "$(CC_DIR)/$label.jar"
  start_process chaincode "$(ENV_DIR)/chaincode.env" java $CHAINCODE_JAVA_OPTS \
    -cp "$(CC_DIR)/$label.jar:$(CC_MAIN_DIR)" MutualTlsChaincodeServer
}

start_chaincode_server() {
  write_chaincode_env "$1"
  launch_chaincode
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
  # No deployment yet, or one from before mutual TLS (no peer client certificate): deploy.
  if [[ ! -f $(CC_DIR)/current || ! -f $(CC_TLS_DIR)/client.crt ]]; then
    [[ -f $(CC_JAR_BUILT) ]] || build_chaincode_jar
    deploy_chaincode >/dev/null
  fi
  is_running chaincode || start_chaincode_server "$(cat "$(CC_DIR)/current")"
  wait_for "chaincode server" 60 port_open "$CHAINCODE_PORT"
}
