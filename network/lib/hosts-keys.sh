# Key custody of network/hosts.sh: each host's folder holds its own private keys only, mode 600 in
# 700 directories, and its public/ folder holds no private key at all.

# Every file of HOST's folder that holds secret material, one per line.
host_key_files() {
  local d; d=$(host_dir "$1")
  [[ -d $d ]] || return 0
  {
    find "$d" -type f \( -name '*_sk' -o -name 'priv_sk' -o -name '*.key' -o -name '*.key.b64' -o -name 'registrar.secret' \
      -o -name swarm.key -o -name cluster.secret -o -name identity.json -o -path '*/state/ipfs-cluster/service.json' -o -name '*.tar.gz' -o -path '*/state/ipfs/config' \
      -o -path '*/state/ipfs/keystore/*' -o -path '*/externalbuilder/builds/*/connection.json' \) 2>/dev/null
  } | sort -u
}

secure_host_keys() {
  local h f
  for h in $(all_hosts); do
    chmod 700 "$(host_dir "$h")" 2>/dev/null || continue
    while IFS= read -r f; do chmod 600 "$f"; chmod 700 "$(dirname "$f")"; done < <(host_key_files "$h")
  done
}

pem_key_hash() { { openssl pkey -in "$1" -pubout 2>/dev/null || echo "not a PEM key"; } | sha256sum | cut -c1-16; }
cert_key_hash() { openssl x509 -in "$1" -pubkey -noout 2>/dev/null | sha256sum | cut -c1-16; }

# host_key_report [HOST...]: per PEM private key of each host, the certificate of that host it
# belongs to, checked to be issued by that host's own CA; every other secret by kind; problems
# (a key with no certificate of the host's CA, a key file open to others, a private key under
# public/) as "problem:" lines. Exit code 1 if any.
host_key_report() {
  local h f d ca hash cert bad=0 mode dmode kind
  local -A certs
  for h in ${*:-$(all_hosts)}; do
    d=$(host_dir "$h"); ca=$(CA_CERT "$h"); certs=()
    while IFS= read -r cert; do certs[$(cert_key_hash "$cert")]=$cert; done \
      < <(find "$d" -path "$d/public" -prune -o -type f \( -name '*.pem' -o -name '*.crt' \) -print | grep -v '/cacerts/\|/tlscacerts/\|/ca.crt$\|/tlsca.pem$')
    printf '%s (%s):\n' "$h" "$d"
    while IFS= read -r f; do
      mode=$(stat -c %a "$f"); dmode=$(stat -c %a "$(dirname "$f")")
      if (( 8#$mode & 8#077 || 8#$dmode & 8#077 )); then
        printf '  problem: %s is mode %s in a directory of mode %s\n' "${f#$d/}" "$mode" "$dmode"; bad=1
      fi
      case $f in
        *.key.b64) continue ;;  # the base64 copy of a .key beside it (the chaincode shim reads it)
        */swarm.key) printf '  %-60s %s\n' "${f#$d/}" "the consortium's private swarm key (shared by the members)" ;;
        *_sk|*.key)
          hash=$(pem_key_hash "$f"); cert=${certs[$hash]:-}
          if [[ $f == */ca/msp/keystore/* && $hash == "$(cert_key_hash "$ca")" ]]; then
            printf '  %-60s this host'"'"'s CA key (%s)\n' "${f#$d/}" "$(openssl x509 -in "$ca" -noout -subject | sed 's/^subject=//')"
          elif [[ -n $cert ]] && openssl verify -CAfile "$ca" "$cert" >/dev/null 2>&1; then
            printf '  %-60s %s, issued by this host'"'"'s CA\n' "${f#$d/}" "$(openssl x509 -in "$cert" -noout -subject | sed 's/^subject=//')"
          else
            printf '  problem: %s is no key of a certificate issued by this host'"'"'s CA\n' "${f#$d/}"; bad=1
          fi ;;
        *)
          case $f in
            */registrar.secret) kind="this host's CA registrar password" ;;
            */cluster.secret) kind="the consortium's cluster secret (shared by the members)" ;;
            */identity.json) kind="this host's IPFS Cluster peer identity" ;;
            */service.json) kind="the consortium's cluster secret, in this host's cluster peer configuration" ;;
            */state/ipfs/*) kind="this host's Kubo node identity/keystore" ;;
            *.tar.gz|*/connection.json) kind="chaincode package: this host's peer's client key for its own chaincode server" ;;
            *) kind="secret" ;;
          esac
          printf '  %-60s %s\n' "${f#$d/}" "$kind" ;;
      esac
    done < <(host_key_files "$h")
    if [[ -d $d/public ]] && grep -rlq 'PRIVATE KEY' "$d/public" 2>/dev/null; then
      printf '  problem: a private key under public/: %s\n' "$(grep -rl 'PRIVATE KEY' "$d/public" | head -1)"; bad=1
    fi
  done
  return $bad
}
