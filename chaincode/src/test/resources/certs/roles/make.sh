#!/usr/bin/env bash
# How the certificates beside this script were made (keys discarded): one EC CA and, signed by it,
# certificates shaped as cryptogen (EnableNodeOUs) makes them (cryptogen-*), plus shapes cryptogen
# never makes, to prove each refusal of a committee certificate. Valid ten years from creation.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/ca.key"
openssl req -x509 -new -key "$tmp/ca.key" -sha256 -days 3650 -subj "/C=US/ST=California/L=San Francisco/O=org1.dln/CN=ca.org1.dln" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign,cRLSign" -out cryptogen-ca.pem
mk() { # name subject extension...
  local n=$1 subj=$2; shift 2
  openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/$n.key"
  openssl req -new -key "$tmp/$n.key" -subj "$subj" -out "$tmp/$n.csr"
  printf '%s\n' "$@" >"$tmp/$n.ext"
  openssl x509 -req -in "$tmp/$n.csr" -CA cryptogen-ca.pem -CAkey "$tmp/ca.key" -set_serial "0x$(openssl rand -hex 8)" -days 3650 -sha256 \
    -extfile "$tmp/$n.ext" -out "$n.pem" 2>/dev/null
}
mk cryptogen-client "/C=US/ST=California/L=San Francisco/OU=client/CN=User2@org1.dln" "keyUsage=critical,digitalSignature" "basicConstraints=critical,CA:FALSE"
mk cryptogen-admin "/C=US/ST=California/L=San Francisco/OU=admin/CN=Admin@org1.dln" "keyUsage=critical,digitalSignature" "basicConstraints=critical,CA:FALSE"
mk cryptogen-peer "/C=US/ST=California/L=San Francisco/OU=peer/CN=peer0.org1.dln" "keyUsage=critical,digitalSignature" "basicConstraints=critical,CA:FALSE"
mk cryptogen-orderer "/C=US/ST=California/L=San Francisco/OU=orderer/CN=orderer1.orderer.dln" "keyUsage=critical,digitalSignature" "basicConstraints=critical,CA:FALSE"
mk cryptogen-tls "/C=US/ST=California/L=San Francisco/CN=User2@org1.dln" "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth,clientAuth" "basicConstraints=critical,CA:FALSE"
mk tls-server-client-ou "/C=US/OU=client/CN=server@org1.dln" "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" "basicConstraints=critical,CA:FALSE"
mk ca-client-ou "/C=US/OU=client/CN=subca@org1.dln" "basicConstraints=critical,CA:TRUE" "keyUsage=critical,digitalSignature,keyCertSign"
mk no-signing-client-ou "/C=US/OU=client/CN=encrypt@org1.dln" "keyUsage=critical,keyEncipherment" "basicConstraints=critical,CA:FALSE"
mk client-and-peer-ou "/C=US/OU=client/OU=peer/CN=both@org1.dln" "keyUsage=critical,digitalSignature"
