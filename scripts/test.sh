#!/usr/bin/env bash
# Runs every test: starts the loopback lab (installing its servers if needed), runs the Maven build
# with unit and integration tests, drives the dashboard in headless Chromium, and stops the lab
# whatever happens. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/lab.sh start
trap 'scripts/lab.sh stop' EXIT
./mvnw -B -ntp verify "$@"
scripts/browser-test.sh
