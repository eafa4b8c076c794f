#!/usr/bin/env bash
# Runs every test: starts the loopback lab (installing its servers if needed), runs the Maven build
# with unit and integration tests, and stops the lab whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/lab.sh start
trap 'scripts/lab.sh stop' EXIT
./mvnw -B -ntp verify
