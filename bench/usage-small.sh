#!/usr/bin/env bash
# Small usage requests alone (issue 16's row "usage events/s end to end with 10 events per request"): bench/run.sh's
# small-batch scenario (wrk -t2 -c64 + bench/usage.lua, round-robin over 100 workspaces), on a free port with its own
# database and broker prefix (both deleted at the end, best effort), so it can run beside bench/run.sh. `./atrium api`
# and `./atrium worker` with ./atrium's own JVM defaults (plus ATRIUM_JAVA_OPTS). For each size: events/s end to end
# (first request until the ledger holds every accepted request's usage entry), ingest requests/s, wrk's latency, the
# PostgreSQL wait events sampled during ingest, then `./atrium ledger verify`.
# Needs the local PostgreSQL and RabbitMQ, wrk, curl and psql.
# Usage: bench/usage-small.sh [events per request ...]   (default: 10)
#   BENCH_USAGE_REQUESTS=20000 (per size)  BENCH_ROUNDS=1 (the sizes, repeated)  ATRIUM_PG_POOL_SIZE=16 (as bench/run.sh)
#   BENCH_WARMUP=0: seconds of the first size, posted and applied before the measured runs (not counted): a fresh JVM
#     spends its first minute or so compiling (C2 took more CPU than the event loops, see BENCHMARKS.md).
#   BENCH_JFR=DIR: a JFR recording of the API and of the worker (DIR/api.jfr, DIR/worker.jfr), written at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10}") REQUESTS=${BENCH_USAGE_REQUESTS:-20000} ROUNDS=${BENCH_ROUNDS:-1}
command -v wrk >/dev/null || { echo "bench/usage-small.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port) WORKER_PORT=$(free_port)
DB=atrium_bench_small_$$
LOGS=$(mktemp -d)
export ATRIUM_HTTP_PORT=$PORT ATRIUM_WORKER_HTTP_PORT=$WORKER_PORT ATRIUM_PUBLIC_URL=http://127.0.0.1:$PORT ATRIUM_MANAGEMENT_PORT=0 \
  ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_AMQP_PREFIX=atrium-bench-small-$$ ATRIUM_EMBEDDED=never ATRIUM_PG_POOL_SIZE=${ATRIUM_PG_POOL_SIZE:-16} \
  ATRIUM_SSO_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ATRIUM_MFA_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  ATRIUM_OUTBOX_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
jfr() { [ -n "${BENCH_JFR:-}" ] && echo "-XX:StartFlightRecording=filename=$BENCH_JFR/$1.jfr,settings=profile" || true; }
api= worker= sampler=
cleanup() {
  for p in $api $worker $sampler; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  timeout 30 java -cp "modules/server/target/atrium-server.jar:modules/server/target/lib/*" bench/BrokerCleanup.java >/dev/null 2>&1 \
    || echo "could not delete the queues of $ATRIUM_AMQP_PREFIX (bench/BrokerCleanup.java)" >&2
}
trap cleanup EXIT
trap 'exit 143' TERM INT
load() { cut -d' ' -f1-3 /proc/loadavg; }
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }
calc() { python3 -c "print($1)"; }
ticks() { local n=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && n=$((n + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done; echo $n; }
xacts() { sql "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'"; }
backends() { sql "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD), load $(load)"
./atrium migrate >/dev/null
[ -n "${BENCH_JFR:-}" ] && mkdir -p "$BENCH_JFR"
ATRIUM_JAVA_OPTS="${ATRIUM_JAVA_OPTS:-} $(jfr api)" ./atrium api >"$LOGS/api.log" 2>&1 & api=$!
ATRIUM_JAVA_OPTS="${ATRIUM_JAVA_OPTS:-} $(jfr worker)" ./atrium worker >"$LOGS/worker.log" 2>&1 & worker=$!
for url in "127.0.0.1:$PORT/health/ready" "127.0.0.1:$WORKER_PORT/health/ready"; do
  for _ in $(seq 1 240); do curl -fs "$url" >/dev/null && break; sleep 0.5; done
  curl -fs "$url" >/dev/null || { echo "$url did not answer; see $LOGS" >&2; exit 1; }
done
echo "   JVM: $(tr '\0' ' ' </proc/$api/cmdline | sed 's/ -cp .*//')"
# bench/run.sh's setup: a user with an organization and 100 workspaces.
eval "$(python3 - "$PORT" <<'PY'
import sys, importlib.util
spec = importlib.util.spec_from_file_location("b", "bench/usage_bench.py"); b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b)
token, email, ws = b.setup("127.0.0.1", int(sys.argv[1]), 100)
print(f"TOKEN={token} WS='{' '.join(ws)}'")
PY
)"
read -r -a workspaces <<<"$WS"

waits() { # samples PostgreSQL's wait events of this database's sessions every 0.1 s until killed
  while sleep 0.1; do
    sql "SELECT coalesce(wait_event_type || ':' || wait_event, state) FROM pg_stat_activity
         WHERE datname = '$DB' AND pid <> pg_backend_pid() AND state <> 'idle'" 2>/dev/null || true
  done >"$1"
}
source bench/usage-poll.sh # usage, ledger_entries, run_requests: bench/run.sh's small-batch scenario
check_collation
if [ "${BENCH_WARMUP:-0}" -gt 0 ]; then
  e0=$(ledger_entries) warm=warm-$RANDOM
  wrk -t2 -c64 -d"${BENCH_WARMUP}s" -s bench/usage.lua "http://127.0.0.1:$PORT" -- "$warm" "${SIZES[0]}" 0 "$TOKEN" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${workspaces[@]}" >"$LOGS/wrk-warm-up.txt"
  target=$(($(number run_requests "$warm") + e0)); while n=$(number ledger_entries) || exit 1; [ "$n" -lt "$target" ]; do sleep 0.2; done
  echo "   warm-up: $(awk '/Requests\/sec/{print $2}' "$LOGS/wrk-warm-up.txt") requests/s for ${BENCH_WARMUP} s, not counted (load $(load))"
fi
for round in $(seq 1 "$ROUNDS"); do
  for k in "${SIZES[@]}"; do
    id="k$k-r$round-$RANDOM"
    t0=$(date +%s.%N)
    pg=$(backends) a0=$(ticks $api) w0=$(ticks $worker); p0=$(ticks $pg); x0=$(xacts)
    waits "$LOGS/waits-$id.txt" & sampler=$!
    usage "$id" "$k" "$REQUESTS"
    kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true
    t1=$t_acc t2=$(calc "max($t_app, $t_acc)") requests=$acc events=$((acc * k))
    a1=$(ticks $api) w1=$(ticks $worker) p1=$(ticks $pg) hz=$(getconf CLK_TCK) x1=$(xacts)
    echo "   $k per request: $events events in $requests requests; end to end $(calc "round($events / ($t2 - $t0))") events/s," \
      "ingest $(calc "round($requests / ($t1 - $t0))") requests/s ($(calc "round($t2 - $t0, 1)") s; load $(load))" \
      "$([ "$unsent" -gt 0 ] && echo "; wrk left $unsent request(s) unsent")"
    echo "     CPU per request (ms): API $(calc "round(($a1 - $a0) * 1000 / $hz / $requests, 2)"), worker $(calc "round(($w1 - $w0) * 1000 / $hz / $requests, 2)")," \
      "PostgreSQL backends $(calc "round(($p1 - $p0) * 1000 / $hz / $requests, 2)") (the database's sessions when the run began)"
    echo "     PostgreSQL transactions per request: $(calc "round(($x1 - $x0) / $requests, 2)") (every session of the database: API, relays, worker; a statement outside a transaction counts as one)"
    echo "     requests per ingest transaction: $(sql "SELECT round(count(DISTINCT batch_id)::numeric / greatest(count(DISTINCT xmin::text), 1), 2)
      FROM billing.usage_events WHERE event_id LIKE '$id-%'") (batches ÷ the transactions that wrote their events)"
    echo "     wrk: $(awk '/Requests\/sec/{r = $2} /^    Latency /{l = $2} /^ +99%/{p = $2} END {print r " req/s, latency avg " l ", p99 " p}' "$LOGS/wrk-$id.txt")"
    echo "     PostgreSQL wait events during ingest (samples): $(sort "$LOGS/waits-$id.txt" | uniq -c | sort -rn | head -6 | awk '{printf "%s %s; ", $2, $1}')"
    echo "     ledger verify: $(./atrium ledger verify | tail -1)"
  done
done
echo "== API VmHWM $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$api/status), worker $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$worker/status); logs in $LOGS"
