# Step: the connection profile the Java clients read; they hard-code none of it.

json_list() { local first=1 x; printf '['; for x in "$@"; do ((first)) || printf ','; first=0; printf '"%s"' "$x"; done; printf ']'; }

write_profile_org() {
  local org=$1 user dir sep=""
  printf '    "%s": {\n      "mspId": "%s",\n' "$org" "$(cfg "$org" MSP)"
  printf '      "peer": {"name": "%s", "endpoint": "127.0.0.1:%s", "tlsCaFile": "%s"},\n' \
    "$(peer_host "$org")" "$(cfg "$org" PEER_PORT)" "$(org_tls_ca "$org")"
  printf '      "users": {\n'
  for user in Admin $(seq -f 'User%g' 1 "$USERS_PER_ORG"); do
    dir="$(org_user_dir "$org" "$user")/msp"
    printf '%s        "%s": {"certFile": "%s", "keyFile": "%s"}' "$sep" "$user" \
      "$dir/signcerts/$user@$(org_domain "$org")-cert.pem" "$dir/keystore/priv_sk"
    sep=$',\n'
  done
  printf '\n      }\n    }'
}

step_profile() {
  local org n sep=""
  {
    printf '{\n  "channel": "%s",\n  "chaincode": "%s",\n' "$CHANNEL" "$CHAINCODE_NAME"
    printf '  "ipfs": {"api": "http://127.0.0.1:%s", "bin": "%s"},\n' "$IPFS_API_PORT" "$KUBO_BIN/ipfs"
    printf '  "orderers": ['
    for n in $ORDERERS; do
      printf '%s\n    {"name": "%s", "endpoint": "127.0.0.1:%s", "tlsCaFile": "%s"}' "$sep" "$n" "$(cfg "$n" PORT)" "$(orderer_tls_ca)"
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
