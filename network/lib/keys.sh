# Transport security of key material: every private key file mode 600 in a 700 directory.
# secure_keys enforces it on what the scripts made (older states included); key_problems is the
# check `status` runs, which also covers what the processes wrote themselves (the peers' copies of
# the chaincode package and its build output, Kubo's identity and keystore).

# Every file under DLN_RUN that holds a private key, one per line.
key_files() {
  [[ -d $DLN_RUN ]] || return 0
  {
    # cryptogen: CA, TLS CA, node and user keys; openssl: the chaincode server's CA, server and peer-client keys
    find "$DLN_RUN" -type f \( -name '*_sk' -o -name '*.key' -o -name '*.key.b64' \) 2>/dev/null
    # Kubo: the swarm key, the node identity (Identity.PrivKey in config) and the keystore
    [[ -d $(IPFS_REPO) ]] && find "$(IPFS_REPO)" -maxdepth 2 \( -name swarm.key -o -name config -o -path '*/keystore/*' \) -type f 2>/dev/null
    # chaincode packages and the peers' build output: connection.json holds the peers' client key
    find "$DLN_RUN" -type f \( -path '*/lifecycle/chaincodes/*.tar.gz' -o -path "$(CC_DIR)/*.tar.gz" \
      -o -path '*/externalbuilder/builds/*/connection.json' \) 2>/dev/null
    # the keys the connection profile names (the clients' identities)
    [[ -f $CONNECTION_PROFILE ]] && grep -o '"keyFile": *"[^"]*"' "$CONNECTION_PROFILE" | sed 's/.*"\([^"]*\)"$/\1/'
  } | sort -u
}

secure_keys() {
  local f
  chmod 700 "$DLN_RUN" 2>/dev/null || true
  while IFS= read -r f; do
    [[ -f $f ]] || continue
    chmod 600 "$f"; chmod 700 "$(dirname "$f")"
  done < <(key_files)
}

# Prints one line per key file readable by group or others (or in such a directory).
key_problems() {
  local f mode dmode
  while IFS= read -r f; do
    [[ -e $f ]] || { printf 'problem: %s (named in the connection profile) is missing\n' "$f"; continue; }
    mode=$(stat -c %a "$f"); dmode=$(stat -c %a "$(dirname "$f")")
    if (( 8#$mode & 8#077 )); then
      printf 'problem: key %s is mode %s (readable by group/others); fix: chmod 600 it, or run network/network.sh up\n' "$f" "$mode"
    elif (( 8#$dmode & 8#077 )); then
      printf 'problem: key %s is in directory mode %s (open to group/others); fix: chmod 700 %s\n' "$f" "$dmode" "$(dirname "$f")"
    fi
  done < <(key_files)
}
