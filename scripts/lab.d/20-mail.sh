#!/usr/bin/env bash
# Lab component: real Postfix and Dovecot on loopback, each address a different server personality.
#
#   127.0.0.10 mx1.lab.example         the well-run server: STARTTLS with a CA-signed cert, AUTH only after TLS,
#                                      closed relay; submission and smtps; Dovecot with POP3/IMAP + STLS/STARTTLS,
#                                      pop3s/imaps, plaintext auth forbidden before TLS
#   127.0.0.12 bad.lab.example         no STARTTLS, AUTH PLAIN/LOGIN in clear, open relay; Dovecot without TLS,
#                                      plaintext auth allowed, APOP
#   127.0.0.13 expired.lab.example     STARTTLS with an expired certificate
#   127.0.0.14 selfsigned.lab.example  STARTTLS with a self-signed certificate
#   127.0.0.15 legacy.lab.example      TLS 1.0 and legacy ciphers enabled, RSA-1024 cert for another name,
#                                      banner naming another host
#   127.0.0.16 expiring.lab.example    certificate expiring in 7 days
#   127.0.0.10/.11 port 25             mx1/mx2.lab.example, the lab domain's MX hosts, as the audit probes them
#
# Ports (override with the environment): smtp 2525, submission 2587, smtps 4465, pop3 1110, pop3s 1995,
# imap 1143, imaps 1993. Certificates come from the lab's throw-away test PKI (05-pki.sh, lab/run/pki).
set -euo pipefail
: "${LAB_RUN:?run via scripts/lab.sh}"
DIR="$LAB_RUN/mail"
PKI="$LAB_RUN/pki"
SMTP_PORT="${LAB_SMTP_PORT:-2525}"
SUBMISSION_PORT="${LAB_SUBMISSION_PORT:-2587}"
SMTPS_PORT="${LAB_SMTPS_PORT:-4465}"
POP3_PORT="${LAB_POP3_PORT:-1110}"
POP3S_PORT="${LAB_POP3S_PORT:-1995}"
IMAP_PORT="${LAB_IMAP_PORT:-1143}"
IMAPS_PORT="${LAB_IMAPS_PORT:-1993}"
MX_PORT="${LAB_MX_PORT:-25}"

install() {
  if ! command -v postfix >/dev/null 2>&1 || ! command -v dovecot >/dev/null 2>&1 \
      || [ ! -x /usr/lib/dovecot/imap-login ] || [ ! -x /usr/lib/dovecot/pop3-login ]; then
    echo "lab/mail: installing postfix and dovecot from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -qq >/dev/null
    apt-get install -y -qq postfix dovecot-core dovecot-imapd dovecot-pop3d >/dev/null
  fi
  # The packages may start their own instances on the standard ports; the lab runs its own instead.
  if command -v systemctl >/dev/null 2>&1; then
    systemctl stop postfix dovecot >/dev/null 2>&1 || true
  fi
  if [ -f /var/spool/postfix/pid/master.pid ] && [ -f /etc/postfix/main.cf ]; then
    postfix stop >/dev/null 2>&1 || true
  fi
  if [ -f /run/dovecot/master.pid ]; then
    kill "$(cat /run/dovecot/master.pid)" 2>/dev/null || true
  fi
}

# ---- OpenSSL ---------------------------------------------------------------------------------------------
# What a well-run server signs its TLS 1.2 key exchange with (NCSC 2025-05 3.3.5: no SHA-1, no SHA-224); Postfix
# reads it through tls_config_file, Dovecot through OPENSSL_CONF.
openssl_conf() {
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
}

# ---- dovecot --------------------------------------------------------------------------------------------
dovecot_conf() { # name address ssl(yes|no) plaintext(yes|no) mechanisms
  local name=$1 addr=$2 ssl=$3 plain=$4 mechs=$5 d="$DIR/dovecot-$1"
  mkdir -p "$d/base" "$d/state" "$d/mail"
  chmod 755 "$d" "$d/base"
  echo "labuser:{PLAIN}lab-password-not-secret::::::" > "$d/passwd"
  local tls_ports_pop3s=0 tls_ports_imaps=0
  if [ "$ssl" = yes ]; then tls_ports_pop3s=$POP3S_PORT; tls_ports_imaps=$IMAPS_PORT; fi
  cat > "$d/dovecot.conf" <<EOF
base_dir = $d/base
state_dir = $d/state
instance_name = mxray-lab-$name
log_path = $d/dovecot.log
protocols = imap pop3
listen = $addr
ssl = $ssl
$( [ "$ssl" = yes ] && printf 'ssl_cert = <%s\nssl_key = <%s\nssl_min_protocol = TLSv1.2\nssl_cipher_list = ECDHE+AESGCM:ECDHE+CHACHA20\nssl_prefer_server_ciphers = yes\n' "$PKI/mx1.lab.example.chain.pem" "$PKI/mx1.lab.example.key" )
import_environment = TZ OPENSSL_CONF=$DIR/openssl.cnf
disable_plaintext_auth = $plain
auth_mechanisms = $mechs
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:$d/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN $d/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$d/mail/%u
}
# High-performance login processes, as busy servers run them (a new process per connection costs each TLS-scan
# connection a process start).
service imap-login {
  service_count = 0
  process_min_avail = 1
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $tls_ports_imaps
    ssl = yes
  }
}
service pop3-login {
  service_count = 0
  process_min_avail = 1
  inet_listener pop3 {
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = $tls_ports_pop3s
    ssl = yes
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
EOF
}

dovecot_start() {
  local d="$DIR/dovecot-$1"
  dovecot -c "$d/dovecot.conf" </dev/null >/dev/null 2>&1
  for _ in $(seq 1 50); do
    [ -S "$d/base/auth-postfix" ] && return 0
    sleep 0.1
  done
  echo "lab/mail: dovecot ($1) did not start; log:" >&2
  tail -20 "$d/dovecot.log" >&2 || true
  return 1
}

dovecot_stop() {
  local d="$DIR/dovecot-$1"
  if [ -f "$d/base/master.pid" ]; then
    kill "$(cat "$d/base/master.pid")" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$(cat "$d/base/master.pid" 2>/dev/null)" 2>/dev/null || break
      sleep 0.1
    done
    rm -f "$d/base/master.pid"
  fi
}

# ---- postfix --------------------------------------------------------------------------------------------
smtpd() { # address:port name cert-stem [-o overrides...]
  local listen=$1 name=$2 cert=$3; shift 3
  echo "$listen inet n - n - - smtpd"
  echo "  -o myhostname=$name"
  echo "  -o syslog_name=postfix-$name"
  if [ "$cert" != none ]; then
    echo "  -o smtpd_tls_chain_files=$PKI/$cert.key,$PKI/$cert.chain.pem"
    echo "  -o smtpd_tls_security_level=may"
  else
    echo "  -o smtpd_tls_security_level=none"
  fi
  for o in "$@"; do echo "  -o $o"; done
}

postfix_conf() {
  local d="$DIR/postfix"
  mkdir -p "$d/etc" "$d/spool" "$d/data"
  chown postfix "$d/data"
  chmod 755 "$d" "$d/etc"
  local sasl="$DIR/dovecot-good/base/auth-postfix" sasl_bad="$DIR/dovecot-plain/base/auth-postfix"
  cat > "$d/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $d/spool
data_directory = $d/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mx1.lab.example
mydomain = lab.example
mydestination =
relay_domains =
mynetworks = 127.0.0.99/32
inet_interfaces = loopback-only
inet_protocols = all
maillog_file = $d/maillog
maillog_file_prefixes = $DIR
smtpd_banner = \$myhostname ESMTP Postfix (mxray lab)
smtpd_tls_auth_only = yes
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_loglevel = 1
smtpd_tls_exclude_ciphers = aNULL, eNULL, kRSA, 3DES, RC4, MD5
# Only what the NCSC 2025-05 guidelines grade sufficient or good (ECDHE with AEAD; TLS 1.3 suites are OpenSSL's).
tls_medium_cipherlist = ECDHE+AESGCM:ECDHE+CHACHA20
tls_config_file = $DIR/openssl.cnf
smtpd_sasl_type = dovecot
smtpd_sasl_path = $sasl
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination
smtpd_delay_reject = yes
smtpd_client_restrictions =
disable_dns_lookups = yes
smtp_dns_support_level = disabled
biff = no
alias_maps =
alias_database =
local_recipient_maps =
EOF
  {
    echo "postlog unix-dgram n - n - 1 postlogd"
    # mx1's SMTP is dual-stack (A 127.0.0.10, AAAA ::1 in the lab zone), as mxray probes every address. (Dovecot
    # stays on IPv4: it treats a client with its own address, as ::1 to ::1 is, as secured and offers plaintext auth.)
    local a
    for a in 127.0.0.10 "[::1]"; do
      smtpd "$a:$SMTP_PORT" mx1.lab.example mx1.lab.example
      # The lab domain's MX hosts on the real SMTP port, so 'mxray audit lab.example' probes real servers.
      smtpd "$a:$MX_PORT" mx1.lab.example mx1.lab.example
      smtpd "$a:$SUBMISSION_PORT" mx1.lab.example mx1.lab.example \
        smtpd_tls_security_level=encrypt smtpd_sasl_auth_enable=yes \
        smtpd_relay_restrictions=permit_sasl_authenticated,reject
      echo "$a:$SMTPS_PORT inet n - n - - smtpd"
      echo "  -o myhostname=mx1.lab.example"
      echo "  -o smtpd_tls_wrappermode=yes"
      echo "  -o smtpd_tls_security_level=encrypt"
      echo "  -o smtpd_tls_chain_files=$PKI/mx1.lab.example.key,$PKI/mx1.lab.example.chain.pem"
      echo "  -o smtpd_sasl_auth_enable=yes"
      echo "  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject"
    done
    smtpd "127.0.0.11:$MX_PORT" mx2.lab.example mx2.lab.example
    smtpd "127.0.0.12:$SMTP_PORT" bad.lab.example none \
      smtpd_sasl_auth_enable=yes smtpd_sasl_path="$sasl_bad" smtpd_tls_auth_only=no \
      mynetworks=127.0.0.0/8 "smtpd_relay_restrictions=permit_mynetworks,reject"
    smtpd "127.0.0.13:$SMTP_PORT" expired.lab.example expired.lab.example
    smtpd "127.0.0.14:$SMTP_PORT" selfsigned.lab.example selfsigned.lab.example
    smtpd "127.0.0.15:$SMTP_PORT" mail.other.example wrong.other.example \
      "smtpd_tls_protocols=>=TLSv1" "smtpd_tls_mandatory_protocols=>=TLSv1" \
      smtpd_tls_ciphers=low smtpd_tls_mandatory_ciphers=low smtpd_tls_exclude_ciphers= "tls_low_cipherlist=ALL:@SECLEVEL=0"
    smtpd "127.0.0.16:$SMTP_PORT" expiring.lab.example expiring.lab.example
    # The daemons a receiving Postfix needs besides smtpd (no delivery ever happens: nothing gets DATA).
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
  } > "$d/etc/master.cf"
}

postfix_start() {
  local d="$DIR/postfix"
  postfix -c "$d/etc" check >/dev/null 2>&1 || postfix -c "$d/etc" set-permissions >/dev/null 2>&1 || true
  if ! postfix -c "$d/etc" start >"$d/start.log" 2>&1; then
    echo "lab/mail: postfix did not start:" >&2
    cat "$d/start.log" >&2
    tail -20 "$d/maillog" >&2 2>/dev/null || true
    return 1
  fi
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.10/$SMTP_PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "lab/mail: postfix does not listen on 127.0.0.10:$SMTP_PORT; log:" >&2
  tail -20 "$d/maillog" >&2 2>/dev/null || true
  return 1
}

postfix_stop() {
  local d="$DIR/postfix"
  if [ -f "$d/etc/main.cf" ]; then
    postfix -c "$d/etc" stop >/dev/null 2>&1 || true
  fi
}

case "$1" in
  start)
    install
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$DIR"
    if [ ! -f "$PKI/done" ]; then
      echo "lab/mail: no certificates in $PKI (the pki component starts first)" >&2
      exit 1
    fi
    openssl_conf
    dovecot_conf good 127.0.0.10 yes yes "plain login"
    dovecot_conf plain 127.0.0.12 no no "plain login apop"
    dovecot_start good
    dovecot_start plain
    postfix_conf
    postfix_start
    {
      echo "LAB_MAIL_GOOD=127.0.0.10"
      echo "LAB_MAIL_BAD=127.0.0.12"
      echo "LAB_MAIL_EXPIRED=127.0.0.13"
      echo "LAB_MAIL_SELFSIGNED=127.0.0.14"
      echo "LAB_MAIL_LEGACY=127.0.0.15"
      echo "LAB_MAIL_EXPIRING=127.0.0.16"
      echo "LAB_MAIL_CA=$PKI/ca.crt"
      echo "LAB_MX_PORT=$MX_PORT"
      echo "LAB_SMTP_PORT=$SMTP_PORT"
      echo "LAB_SUBMISSION_PORT=$SUBMISSION_PORT"
      echo "LAB_SMTPS_PORT=$SMTPS_PORT"
      echo "LAB_POP3_PORT=$POP3_PORT"
      echo "LAB_POP3S_PORT=$POP3S_PORT"
      echo "LAB_IMAP_PORT=$IMAP_PORT"
      echo "LAB_IMAPS_PORT=$IMAPS_PORT"
    } >> "$LAB_ENV"
    ;;
  stop)
    postfix_stop
    dovecot_stop plain
    dovecot_stop good
    ;;
  status)
    if [ -f "$DIR/postfix/etc/main.cf" ] && postfix -c "$DIR/postfix/etc" status >/dev/null 2>&1; then
      echo "mail/postfix: running (127.0.0.10-16:$SMTP_PORT)"
    else
      echo "mail/postfix: stopped"
    fi
    for n in good plain; do
      f="$DIR/dovecot-$n/base/master.pid"
      if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
        echo "mail/dovecot-$n: running (pid $(cat "$f"))"
      else
        echo "mail/dovecot-$n: stopped"
      fi
    done
    ;;
esac
