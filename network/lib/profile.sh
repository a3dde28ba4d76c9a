# Step: the connection profile the Java clients read; they hard-code none of it.

# Where a user's certificate and key are (cryptogen's names), and any per-organisation profile
# fields (none here; network/hosts.sh adds each organisation's own IPFS API). An empty key file
# leaves the user's key out: network/hosts.sh names other organisations' users by certificate only.
user_cert_file() { printf '%s/msp/signcerts/%s@%s-cert.pem' "$(org_user_dir "$1" "$2")" "$2" "$(org_domain "$1")"; }
user_key_file() { printf '%s/msp/keystore/priv_sk' "$(org_user_dir "$1" "$2")"; }
profile_org_extra() { :; }

json_list() { local first=1 x; printf '['; for x in "$@"; do ((first)) || printf ','; first=0; printf '"%s"' "$x"; done; printf ']'; }

write_profile_org() {
  local org=$1 user key sep=""
  printf '    "%s": {\n      "mspId": "%s",\n' "$org" "$(cfg "$org" MSP)"
  printf '      "peer": {"name": "%s", "endpoint": "%s:%s", "tlsCaFile": "%s"},\n' \
    "$(peer_host "$org")" "$(node_addr "$org")" "$(cfg "$org" PEER_PORT)" "$(org_tls_ca "$org")"
  profile_org_extra "$org"
  printf '      "users": {\n'
  for user in Admin $(seq -f 'User%g' 1 "$USERS_PER_ORG"); do
    key=$(user_key_file "$org" "$user")
    printf '%s        "%s": {"certFile": "%s"%s}' "$sep" "$user" "$(user_cert_file "$org" "$user")" "${key:+, \"keyFile\": \"$key\"}"
    sep=$',\n'
  done
  printf '\n      }\n    }'
}

profile_ipfs_api() { printf 'http://127.0.0.1:%s' "$IPFS_API_PORT"; }

step_profile() {
  local org n sep=""
  {
    printf '{\n  "channel": "%s",\n  "chaincode": "%s",\n' "$CHANNEL" "$CHAINCODE_NAME"
    printf '  "ipfs": {"api": "%s", "bin": "%s"},\n' "$(profile_ipfs_api)" "$KUBO_BIN/ipfs"
    printf '  "orderers": ['
    for n in $ORDERERS; do
      printf '%s\n    {"name": "%s", "endpoint": "%s:%s", "tlsCaFile": "%s"}' "$sep" "$n" "$(node_addr "$n")" "$(cfg "$n" PORT)" "$(orderer_tls_ca)"
      sep=","
    done
    printf '\n  ],\n  "organizations": {\n'
    sep=""
    for org in $ORGS; do printf '%s' "$sep"; write_profile_org "$org"; sep=$',\n'; done
    printf '\n  },\n  "roles": {\n    "publisher": "%s",\n' "$DEMO_PUBLISHER"
    printf '    "committee": %s,\n' "$(json_list $DEMO_COMMITTEE)"
    printf '    "providers": %s\n  }\n}\n' "$(json_list $DEMO_PROVIDERS)"
  } >"$CONNECTION_PROFILE.tmp"
  mv "$CONNECTION_PROFILE.tmp" "$CONNECTION_PROFILE"
}
