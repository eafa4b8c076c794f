#!/usr/bin/env bash
# Runs every test: installs the test oracles (Sisimai), starts the loopback lab (installing its servers
# if needed), runs the Maven build with unit and integration tests, drives the dashboard in headless
# Chromium, and stops the lab whatever happens. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-sisimai.sh
scripts/lab.sh start
trap 'scripts/lab.sh stop' EXIT
./mvnw -B -ntp verify "$@"
scripts/browser-test.sh
