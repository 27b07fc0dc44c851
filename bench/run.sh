#!/usr/bin/env bash
# Billing throughput on this machine: usage events from HTTP ingest to committed ledger entries (spread over
# 1,000 workspaces, and all on one), the worker's apply rate alone, and RabbitMQ PerfTest as the reference.
# Needs the local PostgreSQL and RabbitMQ (./atrium dev's defaults). Everything targets 127.0.0.1.
# Usage: bench/run.sh [batches]   (requests of 1,000 events per scenario; default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
BATCHES=${1:-300}
PORT=8090
DB=atrium_bench
export ATRIUM_HTTP_PORT=$PORT ATRIUM_PUBLIC_URL=http://127.0.0.1:$PORT \
  ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_AMQP_PREFIX=atrium-bench ATRIUM_EMBEDDED=never \
  ATRIUM_PG_POOL_SIZE=${ATRIUM_PG_POOL_SIZE:-16} ATRIUM_MANAGEMENT_PORT=0 \
  ATRIUM_SSO_SECRET_KEY=${ATRIUM_SSO_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)} \
  ATRIUM_MFA_SECRET_KEY=${ATRIUM_MFA_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)} \
  ATRIUM_OUTBOX_SECRET_KEY=${ATRIUM_OUTBOX_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)}
LOGS=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
./atrium migrate >/dev/null

start() { # name, command...
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 & pids+=($!)
}
wait_ready() {
  for _ in $(seq 1 120); do curl -fs "127.0.0.1:$PORT/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "the API did not become ready; see $LOGS" >&2; exit 1
}

echo "== 1. end to end: ./atrium api + ./atrium worker"
start api ./atrium api
start worker ./atrium worker
wait_ready
python3 bench/usage_bench.py --port $PORT --database $DB --batches "$BATCHES"

echo "== 2. the worker alone: jobs queue up while it is stopped, then it drains them"
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
before=$(psql -h 127.0.0.1 -U postgres -d $DB -Atc "SELECT count(*) FROM billing.entries WHERE type='usage'")
python3 - "$PORT" "$BATCHES" <<'PY'
import sys, importlib.util
spec = importlib.util.spec_from_file_location("b", "bench/usage_bench.py"); b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b)
from datetime import datetime, timezone
port, batches = int(sys.argv[1]), int(sys.argv[2])
token, ws = b.setup("127.0.0.1", port, 1000)
now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
b.post_batches("127.0.0.1", port, token, [ws[i % len(ws)] for i in range(batches)], 1000, now)
PY
sleep 2 # the relay publishes what is left in the outbox
start worker2 ./atrium worker
t0=$(date +%s.%N)
while [ "$(psql -h 127.0.0.1 -U postgres -d $DB -Atc "SELECT count(*) FROM billing.entries WHERE type='usage'")" -lt $((before + BATCHES)) ]; do sleep 0.05; done
t1=$(date +%s.%N)
python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'worker alone: {n} usage jobs ({n*1000} events) in {d:.2f} s (JVM start included): {n/d:,.0f} jobs/s, {n*1000/d:,.0f} events/s')" "$t0" "$t1" "$BATCHES"

echo "== 3. ledger verify"
./atrium ledger verify | tail -1

echo "== 4. reference: RabbitMQ PerfTest, 1 producer, 1 consumer, 200-byte persistent messages with confirms, 15 s"
cleanup; pids=()
CP=$(mktemp)
mvn -q -f bench/perftest/pom.xml dependency:build-classpath -Dmdep.outputFile="$CP" >/dev/null
java -cp "$(cat "$CP")" com.rabbitmq.perf.PerfTest -h amqp://guest:guest@127.0.0.1:5672 -x 1 -y 1 -s 200 -c 100 -f persistent -z 15 \
  -u atrium-bench-perftest -ad false 2>&1 | grep -E "sending rate avg|receiving rate avg"
