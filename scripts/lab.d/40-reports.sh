#!/usr/bin/env bash
# Lab component: the report and test-mail flow through real mail servers (issue 21).
#   127.0.0.40 reports-mta.lab.example  a Postfix of its own that takes mail from 127.0.0.0/8 on port
#              $LAB_REPORTS_MTA_PORT (default 2525) and delivers ALL of it to mxray's SMTP receiver at
#              [127.0.0.42]:$LAB_REPORTS_RECEIVER_PORT (default 2526) over mandatory STARTTLS
#              (smtp_tls_security_level = encrypt), as a receiver's report generator or a sender would.
#   127.0.0.41 imap.reports.lab.example a Dovecot of its own with the mailbox "reports" (IMAP 1143 with
#              STARTTLS required for logins, IMAPS 1993), for 'mxray report fetch'.
#   127.0.0.42 the mxray receiver itself: not run here; the integration tests start it in-process with the
#              certificate made here (SAN reports.lab.example, IP 127.0.0.41, 127.0.0.42).
# lab.env: LAB_REPORTS_MTA, LAB_REPORTS_MTA_PORT, LAB_REPORTS_RECEIVER, LAB_REPORTS_RECEIVER_PORT,
#   LAB_REPORTS_CERT, LAB_REPORTS_KEY, LAB_REPORTS_IMAP, LAB_REPORTS_IMAP_PORT, LAB_REPORTS_IMAPS_PORT,
#   LAB_REPORTS_IMAP_USER, LAB_REPORTS_IMAP_PASSWORD_FILE, LAB_REPORTS_MAILLOG.
# Needs the pki component (the lab CA) and the mail component's packages (postfix, dovecot).
set -euo pipefail
: "${LAB_RUN:?run via scripts/lab.sh}"
DIR="$LAB_RUN/reports"
PKI="$LAB_RUN/pki"
MTA=127.0.0.40
IMAP=127.0.0.41
RECEIVER=127.0.0.42
MTA_PORT="${LAB_REPORTS_MTA_PORT:-2525}"
RECEIVER_PORT="${LAB_REPORTS_RECEIVER_PORT:-2526}"
IMAP_PORT="${LAB_REPORTS_IMAP_PORT:-1143}"
IMAPS_PORT="${LAB_REPORTS_IMAPS_PORT:-1993}"
PASSWORD=lab-password-not-secret

cert() {
  local name=reports.lab.example
  if [ -f "$DIR/$name.crt" ] && openssl x509 -checkend 864000 -noout -in "$DIR/$name.crt" >/dev/null 2>&1 \
      && openssl verify -CAfile "$PKI/ca.crt" "$DIR/$name.crt" >/dev/null 2>&1; then
    return 0
  fi
  openssl req -new -newkey rsa:2048 -nodes -keyout "$DIR/$name.key" -out "$DIR/$name.csr" -subj "/CN=$name" \
    -addext "subjectAltName=DNS:$name,DNS:imap.$name,IP:$IMAP,IP:$RECEIVER" 2>/dev/null
  openssl ca -batch -config "$PKI/ca.cnf" -notext -days 3650 -in "$DIR/$name.csr" -out "$DIR/$name.crt" 2>/dev/null
  cat "$DIR/$name.crt" "$PKI/ca.crt" > "$DIR/$name.chain.pem"
  chmod 644 "$DIR/$name.key"
}

dovecot_conf() {
  local d="$DIR/dovecot"
  mkdir -p "$d/base" "$d/state" "$d/mail"
  chmod 755 "$d" "$d/base"
  chown -R dovecot:dovecot "$d/mail" 2>/dev/null || true
  echo "reports:{PLAIN}$PASSWORD::::::" > "$d/passwd"
  echo "$PASSWORD" > "$DIR/imap-password"
  cat > "$d/dovecot.conf" <<CONF
base_dir = $d/base
state_dir = $d/state
instance_name = mxray-lab-reports
log_path = $d/dovecot.log
protocols = imap
listen = $IMAP
ssl = yes
ssl_cert = <$DIR/reports.lab.example.chain.pem
ssl_key = <$DIR/reports.lab.example.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
default_internal_user = dovecot
first_valid_uid = 1
first_valid_gid = 1
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
service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }
}
CONF
}

dovecot_start() {
  local d="$DIR/dovecot"
  dovecot -c "$d/dovecot.conf" </dev/null >/dev/null 2>&1
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/$IMAP/$IMAP_PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "lab/reports: dovecot did not start; log:" >&2
  tail -20 "$d/dovecot.log" >&2 || true
  return 1
}

dovecot_stop() {
  local f="$DIR/dovecot/base/master.pid"
  if [ -f "$f" ]; then
    kill "$(cat "$f")" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$(cat "$f" 2>/dev/null)" 2>/dev/null || break
      sleep 0.1
    done
    rm -f "$f"
  fi
}

postfix_conf() {
  local d="$DIR/postfix"
  mkdir -p "$d/etc" "$d/spool" "$d/data"
  chown postfix "$d/data"
  chmod 755 "$d" "$d/etc"
  cat > "$d/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $d/spool
data_directory = $d/data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = reports-mta.lab.example
mydomain = lab.example
myorigin = lab.example
mydestination =
relay_domains =
mynetworks = 127.0.0.0/8
inet_interfaces = loopback-only
inet_protocols = ipv4
smtp_bind_address = $MTA
maillog_file = $d/maillog
maillog_file_prefixes = $DIR
smtpd_banner = \$myhostname ESMTP Postfix (mxray lab, report sender)
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
relayhost = [$RECEIVER]:$RECEIVER_PORT
disable_dns_lookups = yes
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtp_tls_security_level = encrypt
smtp_tls_CAfile = $PKI/ca.crt
smtp_tls_loglevel = 1
smtp_tls_mandatory_protocols = >=TLSv1.2
smtp_connect_timeout = 5s
maximal_queue_lifetime = 10m
bounce_queue_lifetime = 10m
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
message_size_limit = 26214400
biff = no
alias_maps =
alias_database =
local_recipient_maps =
CONF
  {
    echo "postlog unix-dgram n - n - 1 postlogd"
    echo "$MTA:$MTA_PORT inet n - n - - smtpd"
    cat <<'CONF'
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
CONF
  } > "$d/etc/master.cf"
}

postfix_start() {
  local d="$DIR/postfix"
  postfix -c "$d/etc" check >/dev/null 2>&1 || postfix -c "$d/etc" set-permissions >/dev/null 2>&1 || true
  if ! postfix -c "$d/etc" start >"$d/start.log" 2>&1; then
    echo "lab/reports: postfix did not start:" >&2
    cat "$d/start.log" >&2
    tail -20 "$d/maillog" >&2 2>/dev/null || true
    return 1
  fi
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/$MTA/$MTA_PORT") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "lab/reports: postfix does not listen on $MTA:$MTA_PORT" >&2
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
    if ! command -v postfix >/dev/null 2>&1 || ! command -v dovecot >/dev/null 2>&1; then
      echo "lab/reports: postfix and dovecot are installed by the mail component (20-mail.sh), which runs first" >&2
      exit 1
    fi
    if [ ! -f "$PKI/done" ]; then
      echo "lab/reports: no lab CA in $PKI (the pki component starts first)" >&2
      exit 1
    fi
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$DIR"
    cert
    dovecot_conf
    dovecot_start
    postfix_conf
    postfix_start
    {
      echo "LAB_REPORTS_MTA=$MTA"
      echo "LAB_REPORTS_MTA_PORT=$MTA_PORT"
      echo "LAB_REPORTS_RECEIVER=$RECEIVER"
      echo "LAB_REPORTS_RECEIVER_PORT=$RECEIVER_PORT"
      echo "LAB_REPORTS_CERT=$DIR/reports.lab.example.chain.pem"
      echo "LAB_REPORTS_KEY=$DIR/reports.lab.example.key"
      echo "LAB_REPORTS_IMAP=$IMAP"
      echo "LAB_REPORTS_IMAP_PORT=$IMAP_PORT"
      echo "LAB_REPORTS_IMAPS_PORT=$IMAPS_PORT"
      echo "LAB_REPORTS_IMAP_USER=reports"
      echo "LAB_REPORTS_IMAP_PASSWORD_FILE=$DIR/imap-password"
      echo "LAB_REPORTS_MAILLOG=$DIR/postfix/maillog"
    } >> "$LAB_ENV"
    ;;
  stop)
    postfix_stop
    dovecot_stop
    ;;
  status)
    if [ -f "$DIR/postfix/etc/main.cf" ] && postfix -c "$DIR/postfix/etc" status >/dev/null 2>&1; then
      echo "reports/postfix: running ($MTA:$MTA_PORT → [$RECEIVER]:$RECEIVER_PORT)"
    else
      echo "reports/postfix: stopped"
    fi
    f="$DIR/dovecot/base/master.pid"
    if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
      echo "reports/dovecot: running ($IMAP:$IMAP_PORT, $IMAPS_PORT)"
    else
      echo "reports/dovecot: stopped"
    fi
    ;;
esac
