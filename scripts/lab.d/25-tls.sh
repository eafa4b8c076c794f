#!/usr/bin/env bash
# Lab component: TLS personalities for the deep TLS scan (issue 18), in a second Postfix instance of their own so
# the mail component (20-mail.sh) stays as it is. All on loopback 127.0.0.20-28, SMTP on $LAB_SMTP_PORT (2525):
#
#   127.0.0.20 nullanon.tls.lab.example    NULL and anonymous suites (aNULL, eNULL) beside the rest, TLS 1.2+, DHE with
#                                          a 1024-bit group (smtpd_tls_dh1024_param_file), @SECLEVEL=0
#   127.0.0.21 dhe1024.tls.lab.example     TLS 1.2 only, DHE-RSA-AES-GCM only, 1024-bit DH group, @SECLEVEL=0
#   127.0.0.22 ffdhe3072.tls.lab.example   the control: TLS 1.2 only, DHE-RSA-AES-GCM only, the RFC 7919 ffdhe3072 group
#   127.0.0.23 clientauth.tls.lab.example  a CA-signed certificate whose extendedKeyUsage is clientAuth only
#   127.0.0.24 postscreen.tls.lab.example  postscreen with greet_action = enforce: a 220- teaser, the greeting ~6 s later
#                                          (postscreen_greet_ttl = 1s, so every connection waits)
#   127.0.0.25 connlimit.tls.lab.example   421 from the 5th connection within 20 s (smtpd_client_connection_rate_limit = 4,
#                                          anvil_rate_time_unit = 20s)
#   127.0.0.26 tls10.tls.lab.example       TLS 1.0 only, certificate for mail.elsewhere.example, @SECLEVEL=0
#   127.0.0.27/.28 dual.tls.lab.example    one name, two addresses, both well run (every address is probed)
#
# Debian's OpenSSL 3 refuses TLS 1.0, 1024-bit DH, NULL and anonymous suites at its default security level (2, from
# /etc/ssl/openssl.cnf): the personalities that need them put @SECLEVEL=0 in their cipher list.
# Names resolve through the zone file written to $LAB_TLS_ZONE (tests pass it with --zone-file); the certificates come
# from the lab's test CA (05-pki.sh). Also installs sslscan, the oracle the integration tests compare against.
set -euo pipefail
: "${LAB_RUN:?run via scripts/lab.sh}"
DIR="$LAB_RUN/tls"
PKI="$LAB_RUN/pki"
PORT="${LAB_SMTP_PORT:-2525}"
PF="$DIR/postfix"

install() {
  if ! command -v sslscan >/dev/null 2>&1; then
    echo "lab/tls: installing sslscan from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq sslscan >/dev/null
  fi
}

leaf() { # stem san extendedKeyUsage
  local stem=$1 san=$2 eku=$3
  openssl req -new -newkey rsa:2048 -nodes -keyout "$DIR/$stem.key" -out "$DIR/$stem.csr" -subj "/CN=${san%%,*}" \
    2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
    "$(echo "$san" | sed 's/\([^,]*\)/DNS:\1/g')" "$eku" > "$DIR/$stem.ext"
  openssl x509 -req -in "$DIR/$stem.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -CAserial "$DIR/ca.srl" -days 3650 -sha256 -extfile "$DIR/$stem.ext" -out "$DIR/$stem.crt" 2>/dev/null
  cat "$DIR/$stem.crt" "$PKI/ca.crt" > "$DIR/$stem.chain.pem"
  chmod 644 "$DIR/$stem.key"
}

material() {
  mkdir -p "$DIR"
  # Certificates follow the CA: regenerate them when the PKI component made a new one.
  local ca
  ca=$(openssl x509 -noout -fingerprint -sha256 -in "$PKI/ca.crt")
  if [ ! -f "$DIR/ca.fingerprint" ] || [ "$(cat "$DIR/ca.fingerprint")" != "$ca" ]; then
    leaf server "*.tls.lab.example,tls.lab.example" serverAuth
    leaf clientauth "clientauth.tls.lab.example" clientAuth
    leaf elsewhere "mail.elsewhere.example" serverAuth
    echo "$ca" > "$DIR/ca.fingerprint"
  fi
  # Like mx1 (20-mail.sh): no SHA-1/SHA-224 key-exchange signatures, so each personality shows only its own flaw.
  cat > "$DIR/openssl.cnf" <<'EOF'
openssl_conf = mxray_lab
postfix = mxray_lab
[mxray_lab]
ssl_conf = mxray_ssl
[mxray_ssl]
system_default = mxray_tls
[mxray_tls]
SignatureAlgorithms = ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:ed25519:ed448:rsa_pss_pss_sha256:rsa_pss_pss_sha384:rsa_pss_pss_sha512:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512
EOF
  [ -f "$DIR/dh1024.pem" ] || openssl dhparam -out "$DIR/dh1024.pem" 1024 2>/dev/null
  [ -f "$DIR/ffdhe3072.pem" ] || openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072 \
    -out "$DIR/ffdhe3072.pem" 2>/dev/null
  cat > "$DIR/tls.zone" <<EOF
\$ORIGIN tls.lab.example.
\$TTL 300
@          IN SOA ns.tls.lab.example. hostmaster.tls.lab.example. 1 7200 3600 1209600 300
@          IN NS  ns
ns         IN A   127.0.0.20
nullanon   IN A   127.0.0.20
dhe1024    IN A   127.0.0.21
ffdhe3072  IN A   127.0.0.22
clientauth IN A   127.0.0.23
postscreen IN A   127.0.0.24
connlimit  IN A   127.0.0.25
tls10      IN A   127.0.0.26
dual       IN A   127.0.0.27
dual       IN A   127.0.0.28
EOF
  # mx1.lab.example with its IPv4 address only: the 7-port benchmark and the "well-run server" test probe one
  # address (the lab zone also gives mx1 ::1, where only its SMTP services listen).
  cat > "$DIR/mx1-v4.zone" <<EOF
\$ORIGIN lab.example.
\$TTL 300
@   IN SOA ns.lab.example. hostmaster.lab.example. 1 7200 3600 1209600 300
@   IN NS  mx1
@   IN MX  10 mx1
mx1 IN A   127.0.0.10
EOF
}

smtpd() { # address name cert-stem [-o overrides...]
  local addr=$1 name=$2 cert=$3; shift 3
  echo "$addr:$PORT inet n - n - - smtpd"
  service_opts "$name" "$cert" "$@"
}

service_opts() { # name cert-stem [-o overrides...]
  local name=$1 cert=$2; shift 2
  echo "  -o myhostname=$name"
  echo "  -o syslog_name=postfix-$name"
  echo "  -o smtpd_tls_chain_files=$DIR/$cert.key,$DIR/$cert.chain.pem"
  echo "  -o smtpd_tls_security_level=may"
  for o in "$@"; do echo "  -o $o"; done
}

postfix_conf() {
  mkdir -p "$PF/etc" "$PF/spool" "$PF/data"
  chown postfix "$PF/data"
  chmod 755 "$PF" "$PF/etc"
  cat > "$PF/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $PF/spool
data_directory = $PF/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = tls.lab.example
mydomain = lab.example
mydestination =
relay_domains =
mynetworks = 127.0.0.99/32
inet_interfaces = loopback-only
inet_protocols = ipv4
maillog_file = $PF/maillog
maillog_file_prefixes = $DIR
smtpd_banner = \$myhostname ESMTP Postfix (mxray lab)
smtpd_tls_auth_only = yes
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_loglevel = 1
tls_medium_cipherlist = ECDHE+AESGCM:ECDHE+CHACHA20
tls_config_file = $DIR/openssl.cnf
smtpd_relay_restrictions = permit_mynetworks, defer_unauth_destination
anvil_rate_time_unit = 20s
postscreen_greet_action = enforce
postscreen_greet_ttl = 1s
postscreen_dnsbl_sites =
disable_dns_lookups = yes
smtp_dns_support_level = disabled
biff = no
alias_maps =
alias_database =
local_recipient_maps =
EOF
  # The exclusion syntax works on every Postfix; ">=TLSv1.2" alone cannot say "and no higher".
  local one_two="!SSLv2,!SSLv3,!TLSv1,!TLSv1.1,!TLSv1.3"
  {
    echo "postlog unix-dgram n - n - 1 postlogd"
    smtpd 127.0.0.20 nullanon.tls.lab.example server \
      smtpd_tls_ciphers=low "tls_low_cipherlist=aNULL:eNULL:ALL:@SECLEVEL=0" smtpd_tls_exclude_ciphers= \
      "smtpd_tls_dh1024_param_file=$DIR/dh1024.pem"
    smtpd 127.0.0.21 dhe1024.tls.lab.example server \
      "smtpd_tls_protocols=$one_two" "smtpd_tls_mandatory_protocols=$one_two" \
      smtpd_tls_ciphers=high "tls_high_cipherlist=kDHE+aRSA+AESGCM:@SECLEVEL=0" \
      "smtpd_tls_dh1024_param_file=$DIR/dh1024.pem"
    smtpd 127.0.0.22 ffdhe3072.tls.lab.example server \
      "smtpd_tls_protocols=$one_two" "smtpd_tls_mandatory_protocols=$one_two" \
      smtpd_tls_ciphers=high "tls_high_cipherlist=kDHE+aRSA+AESGCM" \
      "smtpd_tls_dh1024_param_file=$DIR/ffdhe3072.pem"
    smtpd 127.0.0.23 clientauth.tls.lab.example clientauth
    echo "127.0.0.24:$PORT inet n - n - 1 postscreen"
    echo "  -o syslog_name=postfix-postscreen"
    echo "  -o myhostname=postscreen.tls.lab.example"
    echo "smtpd pass - - n - - smtpd"
    service_opts postscreen.tls.lab.example server
    echo "dnsblog unix - - n - 0 dnsblog"
    echo "tlsproxy unix - - n - 0 tlsproxy"
    smtpd 127.0.0.25 connlimit.tls.lab.example server smtpd_client_connection_rate_limit=4
    smtpd 127.0.0.26 mail.elsewhere.example elsewhere \
      "smtpd_tls_protocols=!SSLv2,!SSLv3,!TLSv1.1,!TLSv1.2,!TLSv1.3" \
      "smtpd_tls_mandatory_protocols=!SSLv2,!SSLv3,!TLSv1.1,!TLSv1.2,!TLSv1.3" \
      "tls_medium_cipherlist=HIGH:MEDIUM:!aNULL:@SECLEVEL=0"
    smtpd 127.0.0.27 dual.tls.lab.example server
    smtpd 127.0.0.28 dual.tls.lab.example server
    cat <<'EOF'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
EOF
  } > "$PF/etc/master.cf"
}

postfix_start() {
  # A fresh data directory each start: no postscreen or session cache from an earlier run.
  rm -rf "${PF:?}/data" && mkdir -p "$PF/data" && chown postfix "$PF/data"
  postfix -c "$PF/etc" check >/dev/null 2>&1 || postfix -c "$PF/etc" set-permissions >/dev/null 2>&1 || true
  if ! postfix -c "$PF/etc" start >"$PF/start.log" 2>&1; then
    echo "lab/tls: postfix did not start:" >&2
    cat "$PF/start.log" >&2
    tail -20 "$PF/maillog" >&2 2>/dev/null || true
    return 1
  fi
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.23/$PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "lab/tls: postfix does not listen on 127.0.0.23:$PORT; log:" >&2
  tail -20 "$PF/maillog" >&2 2>/dev/null || true
  return 1
}

postfix_stop() {
  if [ -f "$PF/etc/main.cf" ]; then
    postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
  fi
}

case "$1" in
  start)
    install
    postfix_stop
    if [ ! -f "$PKI/done" ] || ! command -v postfix >/dev/null 2>&1; then
      echo "lab/tls: needs the pki and mail components (postfix installed)" >&2
      exit 1
    fi
    material
    postfix_conf
    postfix_start
    {
      echo "LAB_TLS_ZONE=$DIR/tls.zone"
      echo "LAB_MX1_V4_ZONE=$DIR/mx1-v4.zone"
      echo "LAB_TLS_PORT=$PORT"
      echo "LAB_TLS_NULLANON=127.0.0.20"
      echo "LAB_TLS_DHE1024=127.0.0.21"
      echo "LAB_TLS_FFDHE3072=127.0.0.22"
      echo "LAB_TLS_CLIENTAUTH=127.0.0.23"
      echo "LAB_TLS_POSTSCREEN=127.0.0.24"
      echo "LAB_TLS_CONNLIMIT=127.0.0.25"
      echo "LAB_TLS_TLS10=127.0.0.26"
      echo "LAB_TLS_DUAL=127.0.0.27,127.0.0.28"
      echo "LAB_SSLSCAN=$(command -v sslscan)"
    } >> "$LAB_ENV"
    ;;
  stop)
    postfix_stop
    ;;
  status)
    if [ -f "$PF/etc/main.cf" ] && postfix -c "$PF/etc" status >/dev/null 2>&1; then
      echo "tls/postfix: running (127.0.0.20-28:$PORT)"
    else
      echo "tls/postfix: stopped"
    fi
    ;;
esac
