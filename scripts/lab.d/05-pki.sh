#!/usr/bin/env bash
# Lab component: the throw-away test PKI every other component uses, generated under lab/run/pki.
#   ca.crt                        the lab test CA (integration tests trust it with --ca-file)
#   <name>.crt/.key/.chain.pem    server certificates: mx1, mx2, expired, expiring (7 days), wrong.other.example
#                                 (RSA-1024, for the legacy server) and a self-signed one
#   dane-next.key                 the "next" key of mx1, for TLSA rollover pairs in the signed DNS zone
# It runs first: the DNS component computes TLSA records from these certificates, the mail component serves them.
# Reused across starts while valid; regenerated when a certificate nears its end (the 7-day one by design).
set -euo pipefail
: "${LAB_RUN:?run via scripts/lab.sh}"
PKI="$LAB_RUN/pki"

leaf_csr() { # name keybits
  openssl req -new -newkey "rsa:$2" -nodes -keyout "$PKI/$1.key" -out "$PKI/$1.csr" -subj "/CN=$1" \
    -addext "subjectAltName=DNS:$1" 2>/dev/null
}

ca_sign() { # name startdate enddate
  openssl ca -batch -config "$PKI/ca.cnf" -notext -startdate "$2" -enddate "$3" \
    -in "$PKI/$1.csr" -out "$PKI/$1.crt" 2>/dev/null
  cat "$PKI/$1.crt" "$PKI/ca.crt" > "$PKI/$1.chain.pem"
}

pki() {
  if [ -f "$PKI/done" ] && [ -f "$PKI/mx2.lab.example.crt" ] && [ -f "$PKI/dane-next.key" ] \
      && openssl x509 -checkend 864000 -noout -in "$PKI/mx1.lab.example.crt" >/dev/null 2>&1 \
      && ! openssl x509 -checkend 1209600 -noout -in "$PKI/expiring.lab.example.crt" >/dev/null 2>&1 \
      && openssl x509 -checkend 172800 -noout -in "$PKI/expiring.lab.example.crt" >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "$PKI"
  mkdir -p "$PKI/db"
  : > "$PKI/db/index.txt"
  echo 1000 > "$PKI/db/serial"
  cat > "$PKI/ca.cnf" <<EOF
[ ca ]
default_ca = lab
[ lab ]
dir = $PKI
database = $PKI/db/index.txt
serial = $PKI/db/serial
new_certs_dir = $PKI/db
certificate = $PKI/ca.crt
private_key = $PKI/ca.key
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[ any ]
commonName = supplied
EOF
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 3650 \
    -subj "/CN=mxray lab test CA" 2>/dev/null
  local now soon
  now=$(date -u +%Y%m%d%H%M%SZ)
  soon=$(date -u -d '+7 days' +%Y%m%d%H%M%SZ)
  leaf_csr mx1.lab.example 2048 && ca_sign mx1.lab.example 20250101000000Z 20351231000000Z
  leaf_csr mx2.lab.example 2048 && ca_sign mx2.lab.example 20250101000000Z 20351231000000Z
  leaf_csr expired.lab.example 2048 && ca_sign expired.lab.example 20200101000000Z 20210101000000Z
  leaf_csr expiring.lab.example 2048 && ca_sign expiring.lab.example "$now" "$soon"
  # legacy.lab.example serves a 1024-bit certificate made out to another name.
  leaf_csr wrong.other.example 1024 && ca_sign wrong.other.example 20250101000000Z 20351231000000Z
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/selfsigned.lab.example.key" \
    -out "$PKI/selfsigned.lab.example.crt" -days 3650 -subj "/CN=selfsigned.lab.example" \
    -addext "subjectAltName=DNS:selfsigned.lab.example" 2>/dev/null
  cp "$PKI/selfsigned.lab.example.crt" "$PKI/selfsigned.lab.example.chain.pem"
  # The key mx1 would roll to next: published in TLSA rollover pairs by the DNS component, used by no server.
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$PKI/dane-next.key" 2>/dev/null
  chmod 644 "$PKI"/*.key
  touch "$PKI/done"
}

case "$1" in
  start)
    pki
    echo "LAB_PKI=$PKI" >> "$LAB_ENV"
    ;;
  stop)
    ;;
  status)
    if [ -f "$PKI/done" ]; then
      echo "pki: $PKI (mx1 certificate until $(openssl x509 -enddate -noout -in "$PKI/mx1.lab.example.crt" | cut -d= -f2))"
    else
      echo "pki: not generated"
    fi
    ;;
esac
