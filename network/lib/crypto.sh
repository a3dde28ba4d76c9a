# Step: identities. cryptogen makes the orderer organisation's nodes and, per member organisation,
# a peer, an admin and USERS_PER_ORG client users, all with TLS certificates valid for loopback.

org_domain() { printf '%s.%s' "$1" "$DOMAIN"; }
orderer_domain() { printf 'orderer.%s' "$DOMAIN"; }
peer_host() { printf 'peer0.%s' "$(org_domain "$1")"; }

orderer_node_dir() { printf '%s/ordererOrganizations/%s/orderers/%s.%s' "$CRYPTO_DIR" "$(orderer_domain)" "$1" "$(orderer_domain)"; }
orderer_admin_dir() { printf '%s/ordererOrganizations/%s/users/Admin@%s' "$CRYPTO_DIR" "$(orderer_domain)" "$(orderer_domain)"; }
orderer_tls_ca() { printf '%s/ordererOrganizations/%s/tlsca/tlsca.%s-cert.pem' "$CRYPTO_DIR" "$(orderer_domain)" "$(orderer_domain)"; }
org_dir() { printf '%s/peerOrganizations/%s' "$CRYPTO_DIR" "$(org_domain "$1")"; }
peer_node_dir() { printf '%s/peers/%s' "$(org_dir "$1")" "$(peer_host "$1")"; }
org_tls_ca() { printf '%s/tlsca/tlsca.%s-cert.pem' "$(org_dir "$1")" "$(org_domain "$1")"; }
org_user_dir() { printf '%s/users/%s@%s' "$(org_dir "$1")" "$2" "$(org_domain "$1")"; }

write_crypto_config() {
  local org n
  {
    printf 'OrdererOrgs:\n  - Name: Orderer\n    Domain: %s\n    EnableNodeOUs: true\n    Specs:\n' "$(orderer_domain)"
    for n in $ORDERERS; do
      printf '      - Hostname: %s\n        SANS: [localhost, 127.0.0.1]\n' "$n"
    done
    printf 'PeerOrgs:\n'
    for org in $ORGS; do
      printf '  - Name: %s\n    Domain: %s\n    EnableNodeOUs: true\n' "${org^}" "$(org_domain "$org")"
      printf '    Template:\n      Count: 1\n      SANS: [localhost, 127.0.0.1]\n'
      printf '    Users:\n      Count: %s\n' "$USERS_PER_ORG"
    done
  } >"$CONFIG_DIR/crypto-config.yaml"
}

step_identities() {
  mkdir -p "$CONFIG_DIR"
  if [[ -d $CRYPTO_DIR/peerOrganizations ]]; then return 0; fi
  write_crypto_config
  "$FABRIC_BIN/cryptogen" generate --config="$CONFIG_DIR/crypto-config.yaml" --output="$CRYPTO_DIR" >"$LOG_DIR/cryptogen.log" 2>&1 \
    || die "cryptogen failed; see $LOG_DIR/cryptogen.log"
}
