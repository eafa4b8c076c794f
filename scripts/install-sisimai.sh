#!/usr/bin/env bash
# Installs Sisimai (Debian package libsisimai-perl), the differential oracle of the bounce tests
# (core SisimaiOracleTest, scripts/sisimai-oracle.pl). Idempotent; needs root or sudo for apt-get.
set -euo pipefail
if perl -MSisimai -e 1 >/dev/null 2>&1; then
  exit 0
fi
echo "install-sisimai: installing libsisimai-perl from Debian packages" >&2
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq libsisimai-perl >/dev/null
perl -MSisimai -e 'print "install-sisimai: Sisimai ", $Sisimai::VERSION, "\n"' >&2
