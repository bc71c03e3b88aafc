#!/usr/bin/env bash
# Makes a cluster CA and one certificate per name for HotReloadCluster's mutual TLS (needs openssl 1.1.1 or newer).
#
#   usage: scripts/make-certs.sh <out-dir> <name>...
#   e.g.   HOTRELOAD_TLS__PASSWORD='a long secret' scripts/make-certs.sh certs node1 node2 node3 hrc
#
# Writes into <out-dir>:
#   ca.pem              the CA certificate: give it to every node and to hrc (--tls-ca, HOTRELOAD_TLS__CA)
#   ca.key              the CA's private key: keep it away from the nodes; it is only needed to make more certificates
#   <name>.pem <name>.key  the certificate and its private key (PEM): --tls-cert <name>.pem --tls-key <name>.key
#   <name>.pfx          the same as PKCS#12, encrypted with $HOTRELOAD_TLS__PASSWORD (only when that is set):
#                       --tls-cert <name>.pfx, password in HOTRELOAD_TLS__PASSWORD
# An existing ca.pem + ca.key in <out-dir> is reused, so running it again with a new name adds a certificate that the
# running cluster accepts. Keys are ECDSA P-256; every certificate allows TLS server and client authentication (each
# remoting endpoint is both) and names DNS:<name>, DNS:localhost and IP:127.0.0.1 (only used when hostname validation
# is turned on).
#
# Environment: DAYS (certificate lifetime, default 365), CA_DAYS (CA lifetime, default 3650),
#              SAN_EXTRA (more subjectAltName entries for every certificate, e.g. "DNS:node1.example.com,IP:10.0.0.5").
set -euo pipefail

if [ "$#" -lt 2 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

out=$1
shift
days=${DAYS:-365}
ca_days=${CA_DAYS:-3650}
umask 077
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -f "$out/ca.pem" ] && [ -f "$out/ca.key" ]; then
  echo "using the existing CA in $out/ca.pem" >&2
else
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$out/ca.key" -out "$out/ca.pem" -days "$ca_days" -subj "/CN=HotReloadCluster CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" 2>/dev/null
  chmod 644 "$out/ca.pem"
  echo "made the CA: $out/ca.pem (its key $out/ca.key stays with you)" >&2
fi

for name in "$@"; do
  case "$name" in
    *[!A-Za-z0-9._-]* | "" | .*) echo "error: '$name' is not a plain host or client name" >&2; exit 2 ;;
  esac
  san="DNS:$name,DNS:localhost,IP:127.0.0.1${SAN_EXTRA:+,$SAN_EXTRA}"
  cat > "$work/$name.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = $san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$out/$name.key" -out "$work/$name.csr" -subj "/CN=$name" 2>/dev/null
  openssl x509 -req -in "$work/$name.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days "$days" -sha256 \
    -extfile "$work/$name.ext" -out "$out/$name.pem" 2>/dev/null
  chmod 644 "$out/$name.pem"
  if [ -n "${HOTRELOAD_TLS__PASSWORD:-}" ]; then
    openssl pkcs12 -export -in "$out/$name.pem" -inkey "$out/$name.key" -name "$name" \
      -out "$out/$name.pfx" -passout env:HOTRELOAD_TLS__PASSWORD
    echo "made $out/$name.pem, $out/$name.key and $out/$name.pfx ($san)" >&2
  else
    echo "made $out/$name.pem and $out/$name.key ($san); set HOTRELOAD_TLS__PASSWORD to get a .pfx as well" >&2
  fi
done
