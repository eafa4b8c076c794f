#!/usr/bin/env bash
# Batch throughput benchmark: N synthetic domains in a generated zone, served by a private Knot instance on
# loopback, audited by `mxray batch` (its defaults: DNS only, no blocklists, no DKIM discovery; pass --rbl,
# --dkim-discovery or --check to change that), with the server's own capacity measured in the same run.
#
#   scripts/bench-batch.sh [N] [extra mxray batch options...]
#   N defaults to 10000. Env: BENCH_PORT (25353), BENCH_DIR (target/bench-batch), MXRAY_JAR (cli/target/mxray.jar),
#   BENCH_JAVA_OPTS (JVM options for the mxray run instead of bin/mxray's, e.g. "" for the JVM's defaults).
#
# Every packet goes to 127.0.0.1. Prints domains/s for mxray and queries/s for the server (dnsperf when
# installed, else a kdig loop as a rough floor). Record results in docs/benchmarks.md (## batch).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"; shift || true
PORT="${BENCH_PORT:-25353}"
DIR="${BENCH_DIR:-$PWD/target/bench-batch}"
JAR="${MXRAY_JAR:-cli/target/mxray.jar}"
ZONE=bench.test

command -v knotd >/dev/null || { echo "bench-batch: knotd not installed (scripts/lab.sh start installs it)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "bench-batch: $JAR missing; build with ./mvnw -q -pl cli -am package -DskipTests" >&2; exit 1; }

rm -rf "$DIR"; mkdir -p "$DIR/zones" "$DIR/db"

# --- zone: N domains with MX/SPF/DMARC/DKIM and deliberate faults -------------------------------------
python3 - "$N" "$DIR" <<'PY'
import sys
n, d = int(sys.argv[1]), sys.argv[2]
z = open(f"{d}/zones/bench.test.zone", "w")
z.write("$ORIGIN bench.test.\n$TTL 3600\n")
z.write("@ IN SOA ns1.bench.test. hostmaster.bench.test. 1 7200 3600 1209600 300\n")
z.write("@ IN NS ns1.bench.test.\n@ IN NS ns2.bench.test.\n")
z.write("ns1 IN A 127.0.0.1\nns2 IN A 127.0.0.1\n")
for i in range(1, 255):
    z.write(f"mx{i} IN A 192.0.2.{i}\n")
r = open(f"{d}/zones/2.0.192.in-addr.arpa.zone", "w")
r.write("$ORIGIN 2.0.192.in-addr.arpa.\n$TTL 3600\n")
r.write("@ IN SOA ns1.bench.test. hostmaster.bench.test. 1 7200 3600 1209600 300\n@ IN NS ns1.bench.test.\n")
for i in range(1, 255):
    # every 17th address has no PTR (fault: ptr.missing)
    if i % 17:
        r.write(f"{i} IN PTR mx{i}.bench.test.\n")
lst = open(f"{d}/domains.txt", "w")
q = open(f"{d}/queries.txt", "w")
for i in range(n):
    name = f"d{i}"
    lst.write(f"{name}.bench.test\n")
    q.write(f"{name}.bench.test MX\n{name}.bench.test TXT\n_dmarc.{name}.bench.test TXT\n")
    a, b = i % 254 + 1, (i + 7) % 254 + 1
    if i % 10 == 3:
        pass                                  # fault: no MX at all (implicit MX / no mail)
    elif i % 10 == 7:
        z.write(f"{name} IN MX 10 nowhere{i}.bench.test.\n")   # fault: MX target does not resolve
    else:
        z.write(f"{name} IN MX 10 mx{a}.bench.test.\n{name} IN MX 20 mx{b}.bench.test.\n")
    z.write(f"{name} IN A 192.0.2.{a}\n")
    spf = "v=spf1 +all" if i % 5 == 0 else "v=spf1 mx -all"   # fault: +all
    z.write(f'{name} IN TXT "{spf}"\n')
    if i % 13:                                 # fault: no DMARC on every 13th
        z.write(f'_dmarc.{name} IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@{name}.bench.test"\n')
    z.write(f'sel._domainkey.{name} IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1"\n')
PY

# --- a private Knot instance on 127.0.0.1:$PORT -------------------------------------------------------
cat > "$DIR/knot.conf" <<CONF
server:
    rundir: "$DIR"
    pidfile: "$DIR/knot.pid"
    listen: [ 127.0.0.1@$PORT ]
    udp-workers: 2
database:
    storage: "$DIR/db"
log:
  - target: "$DIR/knot.log"
    any: warning
template:
  - id: default
    storage: "$DIR/zones"
    semantic-checks: off
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: bench.test
  - domain: 2.0.192.in-addr.arpa
CONF
if kdig @127.0.0.1 -p "$PORT" +short +time=1 +tries=1 SOA bench.test >/dev/null 2>&1 \
    && [ -n "$(kdig @127.0.0.1 -p "$PORT" +short +time=1 +tries=1 SOA bench.test 2>/dev/null)" ]; then
  echo "bench-batch: something already answers on 127.0.0.1:$PORT; stop it or set BENCH_PORT" >&2; exit 1
fi
knotd -c "$DIR/knot.conf" -d
trap 'kill "$(cat "$DIR/knot.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -f "$DIR/knot.pid" ] || { sleep 0.1; continue; }
  if kdig @127.0.0.1 -p "$PORT" +short +time=1 +tries=1 SOA bench.test 2>/dev/null | grep -q hostmaster; then break; fi
  sleep 0.1
done

# The zone must be the one just generated (the last domain resolves), not a stale server's.
[ -n "$(kdig @127.0.0.1 -p "$PORT" +short MX "d$((N - 1)).$ZONE" 2>/dev/null)$(kdig @127.0.0.1 -p "$PORT" +short A "d$((N - 1)).$ZONE" 2>/dev/null)" ] \
  || { echo "bench-batch: the server does not serve the generated zone; see $DIR/knot.log" >&2; exit 1; }

# --- the server's own capacity ---------------------------------------------------------------------------
if command -v dnsperf >/dev/null; then
  SERVER_QPS=$(dnsperf -s 127.0.0.1 -p "$PORT" -d "$DIR/queries.txt" -l 5 -c 4 -Q 1000000 -q 500 2>/dev/null \
    | awk '/Queries per second/ {print $4}')
  SERVER_HOW="dnsperf, 5 s, 4 clients, 500 outstanding"
else
  t0=$(date +%s.%N); for i in $(seq 1 500); do kdig @127.0.0.1 -p "$PORT" +short MX "d$i.$ZONE" >/dev/null; done
  t1=$(date +%s.%N); SERVER_QPS=$(echo "500 / ($t1 - $t0)" | bc -l | cut -d. -f1)
  SERVER_HOW="sequential kdig loop (a floor: process start dominates)"
fi

# --- mxray batch ------------------------------------------------------------------------------------------
# Through the launcher, so with the JVM options users get (BENCH_JAVA_OPTS replaces them when set).
if [ -n "${BENCH_JAVA_OPTS+x}" ]; then export MXRAY_JAVA_OPTS="$BENCH_JAVA_OPTS"; fi
t0=$(date +%s.%N)
MXRAY_JAR="$JAR" bin/mxray batch "$DIR/domains.txt" -o "$DIR/out.jsonl" --overwrite \
  --resolver "127.0.0.1:$PORT" --ns-port "$PORT" --timeout 2s --retries 1 \
  --assume-public 192.0.2.0/24,127.0.0.0/8 "$@" || true
t1=$(date +%s.%N)
LINES=$(wc -l < "$DIR/out.jsonl")
SECS=$(echo "$t1 - $t0" | bc -l)
QUERIES=$(grep -o '"status":"' "$DIR/out.jsonl" | wc -l)
INCONCLUSIVE=$(grep -c '"severity":"inconclusive"' "$DIR/out.jsonl" || true)
printf 'bench-batch: %d domains, %d results in %.2f s wall (JVM start included): %.0f domains/s, %.0f queries/s (%d DNS queries logged, %d inconclusive audits)\n' \
  "$N" "$LINES" "$SECS" "$(echo "$LINES / $SECS" | bc -l)" "$(echo "$QUERIES / $SECS" | bc -l)" "$QUERIES" "$INCONCLUSIVE"
printf 'bench-batch: server capacity: %s queries/s (%s)\n' "$SERVER_QPS" "$SERVER_HOW"
printf 'bench-batch: machine: %s cores, %s\n' "$(nproc)" "$(java -version 2>&1 | head -1)"
