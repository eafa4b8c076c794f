#!/usr/bin/env bash
# Lab component: authoritative DNS (Knot) on loopback, serving lab/zones/*.zone.
#   main instance:  127.0.0.1 and 127.0.0.2 on $LAB_DNS_PORT, every zone in lab/zones/
#   other instance: 127.0.0.4 on $LAB_DNS_PORT, only other.example (so it is lame for the rest)
set -euo pipefail
: "${LAB_RUN:?run via scripts/lab.sh}"
PORT="${LAB_DNS_PORT:-15353}"
DIR="$LAB_RUN/knot"

install() {
  if ! command -v knotd >/dev/null 2>&1; then
    echo "lab/dns: installing knot from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq knot >/dev/null
  fi
  # Debian starts the packaged service on port 53; the lab runs its own instances instead.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet knot 2>/dev/null; then
    systemctl stop knot || true
  fi
}

write_conf() { # name listen-addresses zones...
  local name=$1 listen=$2; shift 2
  local d="$DIR/$name"
  mkdir -p "$d/db"
  {
    echo "server:"
    echo "    rundir: \"$d\""
    echo "    pidfile: \"$d/knot.pid\""
    echo "    listen: [ $listen ]"
    echo "database:"
    echo "    storage: \"$d/db\""
    echo "log:"
    echo "  - target: \"$d/knot.log\""
    echo "    any: info"
    echo "template:"
    echo "  - id: default"
    echo "    storage: \"$LAB_ROOT/zones\""
    echo "    semantic-checks: off"
    echo "    zonefile-sync: -1"
    echo "    zonefile-load: whole"
    echo "    journal-content: none"
    echo "zone:"
    for z in "$@"; do
      echo "  - domain: \"$z\""
      echo "    file: \"$z.zone\""
    done
  } > "$d/knot.conf"
}

start_one() {
  local name=$1
  local d="$DIR/$name"
  knotc -c "$d/knot.conf" conf-check >/dev/null
  knotd -c "$d/knot.conf" -d
  for _ in $(seq 1 50); do
    if knotc -c "$d/knot.conf" -s "$d/knot.sock" status >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "lab/dns: knotd ($name) did not start; log:" >&2
  tail -20 "$d/knot.log" >&2 || true
  return 1
}

stop_one() {
  local d="$DIR/$1"
  if [ -f "$d/knot.pid" ]; then
    kill "$(cat "$d/knot.pid")" 2>/dev/null || true
    rm -f "$d/knot.pid"
  fi
}

case "$1" in
  start)
    install
    "$0" stop >/dev/null 2>&1 || true
    mkdir -p "$DIR"
    zones=$(cd "$LAB_ROOT/zones" && ls *.zone | sed 's/\.zone$//' | grep -v '^other\.example$')
    # shellcheck disable=SC2086
    write_conf main "127.0.0.1@$PORT, 127.0.0.2@$PORT" $zones
    write_conf other "127.0.0.4@$PORT" other.example
    start_one main
    start_one other
    {
      echo "LAB_DNS=127.0.0.1:$PORT"
      echo "LAB_DNS_PORT=$PORT"
    } >> "$LAB_ENV"
    ;;
  stop)
    stop_one main
    stop_one other
    ;;
  status)
    for n in main other; do
      if [ -f "$DIR/$n/knot.pid" ] && kill -0 "$(cat "$DIR/$n/knot.pid")" 2>/dev/null; then
        echo "dns/$n: running (pid $(cat "$DIR/$n/knot.pid"), port $PORT)"
      else
        echo "dns/$n: stopped"
      fi
    done
    ;;
esac
