# Identities of network/hosts.sh: every host runs its own Fabric CA (fabric-ca-server, TLS on) in
# its namespace, and enrols its own nodes and users against it from inside that namespace. The
# private keys so made never leave the host's folder; what the others need (the organisation's
# MSP: CA certificate, TLS CA certificate, node OU rules) goes through share_public_material.

FABRIC_CA_BIN="$DLN_CACHE/bin/fabric-ca-$FABRIC_CA_RELEASE"

host_dir() { printf '%s/hosts/%s' "$HOSTS_RUN" "$1"; }
CA_HOME() { printf '%s/ca' "$(host_dir "$1")"; }
CA_CERT() { printf '%s/ca-cert.pem' "$(CA_HOME "$1")"; }
REGISTRAR_HOME() { printf '%s/registrar' "$(host_dir "$1")"; }
# An organisation's domain as certificates name it (orderer.dln, org1.dln).
host_domain() { if [[ $1 == "$HOSTS_ORDERER_HOST" ]]; then orderer_domain; else org_domain "$1"; fi; }

ca_healthy() { in_host "$1" curl -sf --max-time 2 --cacert "$(CA_CERT "$1")" "https://$(host_addr "$1"):$HOSTS_CA_PORT/cainfo" | grep -q '"success":true'; }

# The CA's bootstrap registrar password: random, made once, kept in the CA's home (mode 600).
ca_secret() {
  local f; f="$(CA_HOME "$1")/registrar.secret"
  [[ -f $f ]] || (umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$f")
  cat "$f"
}

launch_ca() {
  local h=$1 home; home=$(CA_HOME "$h")
  mkdir -p "$home"
  start_process "ca.$h" "" ip netns exec "$(ns_name "$h")" "$FABRIC_CA_BIN/fabric-ca-server" start \
    --home "$home" -b "registrar:$(ca_secret "$h")" --address "$(host_addr "$h")" --port "$HOSTS_CA_PORT" \
    --ca.name "ca-$h" --csr.cn "ca.$(host_domain "$h")" --csr.hosts "$(host_addr "$h"),ca.$(host_domain "$h"),localhost" \
    --tls.enabled
}

# fca HOST ARGS...: fabric-ca-client inside HOST's namespace, trusting HOST's CA for TLS.
fca() {
  local h=$1; shift
  in_host "$h" "$FABRIC_CA_BIN/fabric-ca-client" "$@" --tls.certfiles "$(CA_CERT "$h")" >>"$LOG_DIR/fabric-ca-client.$h.log" 2>&1 \
    || die "fabric-ca-client $1 on $h failed; see $LOG_DIR/fabric-ca-client.$h.log"
}
ca_url() { printf 'https://%s%s:%s' "${2:+$2@}" "$(host_addr "$1")" "$HOSTS_CA_PORT"; }

# The node OU rules every MSP of the host carries: the role comes from the certificate's OU.
write_node_ous() {
  local msp=$1 role
  {
    printf 'NodeOUs:\n  Enable: true\n'
    for role in Client Peer Admin Orderer; do
      printf '  %sOUIdentifier:\n    Certificate: cacerts/ca.pem\n    OrganizationalUnitIdentifier: %s\n' "$role" "${role,,}"
    done
  } >"$msp/config.yaml"
}

# Fixed names for what the client wrote under generated ones: cacerts/ca.pem, keystore/priv_sk.
normalise_msp() {
  local msp=$1
  mv "$msp"/cacerts/*.pem "$msp/cacerts/ca.pem.tmp" && mv "$msp/cacerts/ca.pem.tmp" "$msp/cacerts/ca.pem"
  mv "$msp"/keystore/*_sk "$msp/keystore/priv_sk.tmp" && mv "$msp/keystore/priv_sk.tmp" "$msp/keystore/priv_sk"
  write_node_ous "$msp"
}

# enrol HOST ID TYPE DIR CN [HOSTS]: registers ID of TYPE (peer, orderer, admin, client) with a
# one-time random secret and enrols it twice: its signing identity into DIR/msp and its TLS
# identity (enrollment profile tls, SANs HOSTS) into DIR/tls (server.crt, server.key, ca.crt;
# client.crt and client.key too, for admins who present it to an orderer's admin endpoint).
enrol() {
  local h=$1 id=$2 type=$3 dir=$4 cn=$5 sans=${6:-} secret
  [[ -f $dir/msp/keystore/priv_sk ]] && return 0
  secret=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
  fca "$h" register -H "$(REGISTRAR_HOME "$h")" -u "$(ca_url "$h")" --id.name "$id" --id.secret "$secret" --id.type "$type"
  fca "$h" enroll -u "$(ca_url "$h" "$id:$secret")" -M "$dir/msp" --csr.cn "$cn"
  normalise_msp "$dir/msp"
  fca "$h" enroll -u "$(ca_url "$h" "$id:$secret")" -M "$dir/tls-msp" --enrollment.profile tls --csr.cn "$cn" \
    --csr.hosts "${sans:-$cn}"
  mkdir -p "$dir/tls"
  cp "$dir"/tls-msp/signcerts/*.pem "$dir/tls/server.crt"
  cp "$dir"/tls-msp/keystore/*_sk "$dir/tls/server.key"
  cp "$dir"/tls-msp/tlscacerts/*.pem "$dir/tls/ca.crt"
  cp "$dir/tls/server.crt" "$dir/tls/client.crt"; cp "$dir/tls/server.key" "$dir/tls/client.key"
  rm -rf "$dir/tls-msp"
}

# The organisation's MSP as the channel configuration carries it: certificates and rules only.
write_org_msp() {
  local h=$1 msp; msp="$(host_dir "$1")/msp"
  mkdir -p "$msp/cacerts" "$msp/tlscacerts"
  cp "$(CA_CERT "$h")" "$msp/cacerts/ca.pem"
  cp "$(CA_CERT "$h")" "$msp/tlscacerts/ca.pem"
  write_node_ous "$msp"
}

# One host's identities: its CA up, its registrar enrolled, its nodes and users enrolled.
host_identities() {
  local h=$1 dom n u addr
  dom=$(host_domain "$h"); addr=$(host_addr "$h")
  if [[ ! -f $(REGISTRAR_HOME "$h")/msp/signcerts/cert.pem ]]; then
    fca "$h" enroll -u "$(ca_url "$h" "registrar:$(ca_secret "$h")")" -H "$(REGISTRAR_HOME "$h")"
  fi
  write_org_msp "$h"
  if [[ $h == "$HOSTS_ORDERER_HOST" ]]; then
    for n in $ORDERERS; do enrol "$h" "$n" orderer "$(orderer_node_dir "$n")" "$n.$dom" "$addr,$n.$dom"; done
    enrol "$h" Admin admin "$(orderer_admin_dir)" "Admin@$dom"
  else
    enrol "$h" peer0 peer "$(peer_node_dir "$h")" "peer0.$dom" "$addr,peer0.$dom"
    # The chaincode server's TLS identity: the peer of this host dials it (mutual TLS, this CA).
    enrol "$h" chaincode client "$(host_dir "$h")/chaincode" "chaincode.$dom" "$addr,chaincode.$dom"
    enrol "$h" Admin admin "$(org_user_dir "$h" Admin)" "Admin@$dom"
    for u in $(seq -f 'User%g' 1 "$HOSTS_USERS_PER_ORG"); do enrol "$h" "$u" client "$(org_user_dir "$h" "$u")" "$u@$dom"; done
  fi
}

# machine_identities HOST: HOST's CA up and every identity of HOST enrolled against it, from inside
# HOST: what HOST's operator runs first on its machine (hosts.sh machine HOST init).
machine_identities() {
  launch_ca "$1"
  wait_for "the CA of $1" 60 ca_healthy "$1"
  host_identities "$1"
}

step_identities_hosts() {
  [[ -x $FABRIC_CA_BIN/fabric-ca-server && -x $FABRIC_CA_BIN/fabric-ca-client ]] || die "Fabric CA is not built; run: network/hosts.sh build"
  # The hosts start their CAs and enrol side by side, as separate machines would.
  local h pids=() i=0
  for h in $(all_hosts); do machine_identities "$h" & pids+=($!); done
  for h in $(all_hosts); do wait "${pids[i++]}" || die "the identities of $h failed; see $LOG_DIR/fabric-ca-client.$h.log and $LOG_DIR/ca.$h.log"; done
}
