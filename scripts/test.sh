#!/usr/bin/env bash
# Runs every test: starts the loopback lab, runs the Maven build with tests, stops the lab.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B verify
