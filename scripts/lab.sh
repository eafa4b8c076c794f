#!/usr/bin/env bash
# The loopback lab: real servers the integration tests talk to, on 127.0.0.0/8 only.
#
#   scripts/lab.sh start    install (idempotent) and start every component in scripts/lab.d/
#   scripts/lab.sh stop     stop them (reverse order)
#   scripts/lab.sh status   show what runs
#
# Each component is scripts/lab.d/NN-name.sh taking start|stop|status. A started component appends
# KEY=VALUE lines to lab/run/lab.env, which the integration tests read (MXRAY_LAB_ENV overrides the path).
set -euo pipefail
cd "$(dirname "$0")/.."
export LAB_ROOT="$PWD/lab"
export LAB_RUN="$LAB_ROOT/run"
export LAB_ENV="$LAB_RUN/lab.env"

components() {
  ls scripts/lab.d/*.sh 2>/dev/null | sort
}

case "${1:-}" in
  start)
    mkdir -p "$LAB_RUN"
    : > "$LAB_ENV"
    for c in $(components); do
      echo "lab: starting $(basename "$c" .sh)" >&2
      bash "$c" start
    done
    echo "lab: ready ($LAB_ENV)" >&2
    ;;
  stop)
    for c in $(components | sort -r); do
      bash "$c" stop || true
    done
    # Integration tests run when lab.env exists: a stopped lab must not leave it behind, or they would
    # talk to servers that are gone (or to another checkout's lab) instead of skipping.
    rm -f "$LAB_ENV"
    ;;
  status)
    for c in $(components); do
      bash "$c" status || true
    done
    ;;
  *)
    echo "usage: scripts/lab.sh start|stop|status" >&2
    exit 64
    ;;
esac
