#!/usr/bin/env bash
# Atrium under load on this machine, in one run, with the figures of issue 16 ("Fast under load") and their ratios:
#  - GET /workspaces/{id} and GET /me req/s (wrk -t2 -c64) against a bare Vert.x 5 + reactive PG endpoint
#    (bench/reference), interleaved;
#  - p99 of GET /me at 200 req/s at rest and during 16 concurrent sign-ins (hey);
#  - usage events from HTTP ingest to committed ledger entries: 1,000 per request (spread over 1,000 workspaces, and
#    all on one), then 1, 10 and 100 per request (wrk + bench/usage.lua); the RSS high-water mark of the API and the
#    worker meanwhile, with ./atrium's own JVM defaults (plus ATRIUM_JAVA_OPTS if set);
#  - the worker's apply rate alone: 1,000-event jobs, then a pre-filled queue of small (1-event) jobs;
#  - `ledger verify` after every usage scenario; RabbitMQ PerfTest as the broker's reference.
# Needs the local PostgreSQL and RabbitMQ (./atrium dev's defaults), wrk and hey. Everything targets 127.0.0.1.
# Usage: bench/run.sh [batches]   (requests of 1,000 events per scenario; default 300). Sizes and durations:
#   BENCH_SECONDS=10 (each wrk run)  BENCH_PAIRS=3 (interleaved reference/Atrium rounds)  BENCH_RATE_SECONDS=15 (p99)
#   BENCH_USAGE_REQUESTS=20000 (per small-batch scenario: 5,000 lasted 2 s at 10 per request, too short to time at 0.2 s)  BENCH_QUEUE_JOBS=100000  BENCH_DRAIN_SECONDS=120 (cap)
#   BENCH_PERFTEST=1 (0: skip)  BENCH_REFERENCE_JAVA_OPTS (default: the issue's -Xms64m -Xmx512m -XX:+UseG1GC)
#   BENCH_ONLY=usage: only the usage scenarios (3 and 4, each with `ledger verify`; no reference, wrk reads, p99, drains
#     or PerfTest), a few minutes, for before/after pairs.
#   BENCH_ONLY=reads: only the reference and the interleaved wrk reads (0 and 1; no worker), with each process's CPU
#     seconds per wrk run, for before/after pairs of the read ratios on a loaded machine.
#   BENCH_WEBHOOKS=1: webhooks on during the usage scenarios (issue 15: their cost to the end-to-end figure). Before them,
#     bench/webhook_receiver.py listens on a free port, each organization of the bench's workspaces gets an endpoint for
#     every event type, and every workspace spend alerts that its usage crosses (spend_month, balance_below, runwayDays)
#     and a notify budget (bench/usage_bench.py's watch_spend); the API runs with the development switch that allows
#     local webhook URLs. It prints the deliveries the receiver got.
#   BENCH_WEBHOOKS=controls: the same spend alerts and budget, but no webhook endpoint and no receiver: against
#     BENCH_WEBHOOKS=1 it gives the cost of the webhooks alone, with the spend controls' own work (alert mail,
#     notifications) in both runs.
# It prints its own duration; with the defaults, expect about 5 minutes on an idle 2-core machine (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BATCHES=${1:-300}
SECS=${BENCH_SECONDS:-10} PAIRS=${BENCH_PAIRS:-3} RATE_SECS=${BENCH_RATE_SECONDS:-15}
USAGE_REQUESTS=${BENCH_USAGE_REQUESTS:-20000} QUEUE_JOBS=${BENCH_QUEUE_JOBS:-100000} DRAIN_SECS=${BENCH_DRAIN_SECONDS:-120}
ONLY=${BENCH_ONLY:-} WEBHOOKS=${BENCH_WEBHOOKS:-0}
case "$ONLY" in ''|usage|reads) ;; *) echo "BENCH_ONLY must be unset, usage or reads, not $ONLY" >&2; exit 2 ;; esac
READS=$([ "$ONLY" != usage ] && echo 1 || true) # the reference and the wrk reads (0 and 1)
for tool in wrk $([ -z "$ONLY" ] && echo hey); do # without them a scenario would wait for requests that never come
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (apt-get install $tool)" >&2; exit 2; }
done
PORT=8090 REF_PORT=8095
DB=atrium_bench REF_DB=atrium_bench_reference
export ATRIUM_HTTP_PORT=$PORT ATRIUM_PUBLIC_URL=http://127.0.0.1:$PORT \
  ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_AMQP_PREFIX=atrium-bench ATRIUM_EMBEDDED=never \
  ATRIUM_PG_POOL_SIZE=${ATRIUM_PG_POOL_SIZE:-16} ATRIUM_MANAGEMENT_PORT=0 \
  ATRIUM_SSO_SECRET_KEY=${ATRIUM_SSO_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)} \
  ATRIUM_MFA_SECRET_KEY=${ATRIUM_MFA_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)} \
  ATRIUM_OUTBOX_SECRET_KEY=${ATRIUM_OUTBOX_SECRET_KEY:-$(head -c 32 /dev/urandom | base64)}
[ "$WEBHOOKS" = 1 ] && export ATRIUM_SSO_ALLOW_LOCAL_ISSUERS=true # webhook URLs on 127.0.0.1 (the SSO development switch)
LOGS=$(mktemp -d)
RESULTS=$LOGS/results
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
started_at=$(date +%s)

sql() { psql -h 127.0.0.1 -U postgres -d "${2:-$DB}" -Atc "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
row() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS"; } # a line of the summary table
calc() { python3 -c "print($1)"; }
hwm() { awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$1/status"; } # MiB
start() { # name, command...
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 & pids+=($!)
}
wait_ready() { # url
  for _ in $(seq 1 240); do curl -fs "$1" >/dev/null && return 0; sleep 0.5; done
  echo "$1 did not answer; see $LOGS" >&2; exit 1
}
verify() { echo "   ledger verify: $(./atrium ledger verify | tail -1)"; }
received() { { read -r n _ <"$LOGS/received"; } 2>/dev/null && echo "${n:-0}" || echo 0; } # deliveries the receiver took so far
source bench/usage-poll.sh # usage, ledger_entries, run_requests
wait_applied() { # target entries, cap in seconds: waits until the ledger holds them, or the cap
  local deadline=$(($(date +%s) + $2))
  local n
  while n=$(number ledger_entries) || exit 1; [ "$n" -lt "$1" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(load)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
./atrium migrate >/dev/null

if [ -n "$READS" ]; then
echo "== 0. the bare reference (bench/reference): build, a 10,000-row table in $REF_DB, one verticle per core"
mvn -q -B -f bench/reference/pom.xml package >"$LOGS/reference-build.log" 2>&1 || { cat "$LOGS/reference-build.log"; exit 1; }
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $REF_DB WITH (FORCE)" -c "CREATE DATABASE $REF_DB" 2>/dev/null
sql "CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);
     INSERT INTO world SELECT i, 1 + floor(random() * 10000) FROM generate_series(1, 10000) i; ANALYZE world" $REF_DB >/dev/null
start reference java ${BENCH_REFERENCE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseG1GC} \
  -cp "bench/reference/target/classes:bench/reference/target/lib/*" io.atrium.bench.reference.SingleQuery \
  $REF_PORT postgresql://postgres@127.0.0.1:5432/$REF_DB
fi
reference=; [ -n "$READS" ] && reference=${pids[-1]}
start api ./atrium api; api=${pids[-1]}
[ "$ONLY" != reads ] && { start worker ./atrium worker; worker=${pids[-1]}; }
[ -n "$READS" ] && wait_ready "127.0.0.1:$REF_PORT/db"
wait_ready "127.0.0.1:$PORT/health/ready"
echo "   Atrium's JVM: $(tr '\0' ' ' </proc/$api/cmdline | sed 's/ -cp .*//')"
[ -n "$READS" ] && echo "   reference's JVM: ${BENCH_REFERENCE_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseG1GC}"
HOOK_URL=
if [ "$WEBHOOKS" = controls ]; then
  HOOK_URL=none
  echo "   spend controls on, no webhook endpoint: spend alerts and a notify budget (usage_bench.watch_spend)"
fi
if [ "$WEBHOOKS" = 1 ]; then
  RECEIVER_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start receiver python3 bench/webhook_receiver.py "$RECEIVER_PORT" "$LOGS/received"
  HOOK_URL=http://127.0.0.1:$RECEIVER_PORT/hook
  echo "   webhooks on: receiver $HOOK_URL; spend alerts, a notify budget and an endpoint for every event type (usage_bench.watch_spend)"
fi
# A user with an organization and 100 workspaces: its token and password drive every scenario below.
eval "$(python3 - "$PORT" "$HOOK_URL" <<'PY'
import sys, importlib.util
spec = importlib.util.spec_from_file_location("b", "bench/usage_bench.py"); b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b)
token, email, ws = b.setup("127.0.0.1", int(sys.argv[1]), 100)
if sys.argv[2]:
    b.watch_spend("127.0.0.1", int(sys.argv[1]), token, ws, sys.argv[2])
print(f"TOKEN={token} EMAIL={email} WS='{' '.join(ws)}'")
PY
)"
read -r -a workspaces <<<"$WS"
AUTH="Authorization: Bearer $TOKEN"

if [ -n "$READS" ]; then
echo "== 1. req/s, wrk -t2 -c64 -d${SECS}s, $PAIRS interleaved rounds (reference, then Atrium's two reads); load $(load)"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU of a process, in clock ticks
rps() { # label, pid of the server, url, [header]
  local c0; c0=$(cpu "$2")
  local out; out=$(wrk -t2 -c64 -d"${SECS}s" ${4:+-H "$4"} "$3")
  local secs; secs=$(calc "($(cpu "$2") - $c0) / $(getconf CLK_TCK)")
  local r; r=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  local n; n=$(awk '/requests in/{print $1}' <<<"$out")
  local bad; bad=$(awk '/Non-2xx/{print $5}' <<<"$out")
  echo "   $1: $r req/s${bad:+ ($bad answers not 2xx!)}; server CPU $secs s, $(calc "round($n / $secs) if $secs else 0") requests per CPU-second (load $(load))" >&2
  echo "$r"
}
ref=() wsr=() me=()
for round in $(seq 1 "$PAIRS"); do
  ref+=("$(rps "round $round reference GET /db" "$reference" "http://127.0.0.1:$REF_PORT/db")")
  wsr+=("$(rps "round $round GET /api/v1/workspaces/{id}" "$api" "http://127.0.0.1:$PORT/api/v1/workspaces/${workspaces[0]}" "$AUTH")")
  me+=("$(rps "round $round GET /api/v1/me" "$api" "http://127.0.0.1:$PORT/api/v1/me" "$AUTH")")
done
mean() { python3 -c "import sys; v=[float(x) for x in sys.argv[1:]]; print(round(sum(v)/len(v)))" "$@"; }
ref_m=$(mean "${ref[@]}") ws_m=$(mean "${wsr[@]}") me_m=$(mean "${me[@]}")
row "GET /workspaces/{id} req/s / reference GET /db (target >= 0.60)" "$ws_m / $ref_m = $(calc "round($ws_m/$ref_m, 2)")"
row "GET /me req/s / reference GET /db (target >= 0.40)" "$me_m / $ref_m = $(calc "round($me_m/$ref_m, 2)")"
kill "$reference"
fi

if [ -z "$ONLY" ]; then
echo "== 2. p99 of GET /me at 200 req/s (hey, 4 clients x 50 req/s, ${RATE_SECS}s): at rest, then during 16 concurrent sign-ins"
p99() { # name: hey's report in $LOGS/name.txt; prints the p99 in ms (hey prints none for a handful of answers:
  # then the slowest answer, a lower bound)
  hey -z "${RATE_SECS}s" -c 4 -q 50 -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/me" >"$LOGS/$1.txt"
  awk '/Slowest:/{s = $2 * 1000} / 99%/{p = $3 * 1000} END {printf "%.1f", (p > 0 ? p : s)}' "$LOGS/$1.txt"
}
statuses() { grep -E '^\s+\[[0-9]+\]' "$1" | xargs; }
rest=$(p99 me-at-rest); echo "   at rest: p99 $rest ms, $(statuses "$LOGS/me-at-rest.txt") (load $(load))"
hey -z "$((RATE_SECS + 2))s" -c 16 -m POST -T application/json -d "{\"email\":\"$EMAIL\",\"password\":\"benchmark password\"}" \
  "http://127.0.0.1:$PORT/api/v1/sessions" >"$LOGS/signins.txt" & signins=$!
sleep 1
busy=$(p99 me-during-signins); wait $signins
echo "   during sign-ins: p99 $busy ms, $(statuses "$LOGS/me-during-signins.txt") (load $(load))"
echo "   the sign-ins: $(awk '/Requests\/sec/{print $2 " req/s"}' "$LOGS/signins.txt"), $(statuses "$LOGS/signins.txt")"
row "p99 GET /me at 200 req/s, 16 sign-ins / at rest (target <= 2)" "$busy ms / $rest ms = $(calc "round($busy/$rest, 1) if $rest and $busy else 'n/a'")"
fi

if [ "$ONLY" != reads ]; then
# From here the RSS high-water marks count the usage benchmark only (5: reset VmHWM to the current RSS).
echo 5 >"/proc/$api/clear_refs"; echo 5 >"/proc/$worker/clear_refs"
echo "== 3. end to end, 1,000 events per request (bench/usage_bench.py, $BATCHES requests per scenario)"
python3 bench/usage_bench.py --port $PORT --database $DB --batches "$BATCHES" ${HOOK_URL:+--webhooks "$HOOK_URL"}
verify
[ "$WEBHOOKS" = 1 ] && echo "   webhook deliveries received so far: $(received)"

echo "== 4. end to end, 1, 10 and 100 events per request (wrk -t2 -c64 + bench/usage.lua, $USAGE_REQUESTS requests each)"
for k in 1 10 100; do
  t0=$(date +%s.%N)
  usage "k$k-$RANDOM" "$k" "$USAGE_REQUESTS"
  t1=$t_acc t2=$(calc "max($t_app, $t_acc)") events=$((acc * k))
  rate=$(calc "round($events / ($t2 - $t0))") ingest=$(calc "round($events / ($t1 - $t0))")
  echo "   $k per request: $events events, ingest $ingest events/s, end to end $rate events/s ($(calc "round($t2 - $t0, 1)") s; load $(load))"
  row "usage events/s end to end, $k per request$([ "$k" = 10 ] && echo ' (target >= 20,000)')" "$rate"
  verify
  [ "$WEBHOOKS" = 1 ] && echo "   webhook deliveries received so far: $(received)"
done
api_hwm=$(hwm "$api") worker_hwm=$(hwm "$worker")
echo "   RSS high-water mark (VmHWM) so far: API $api_hwm MiB, worker $worker_hwm MiB"
row "RSS (VmHWM) under the usage benchmark: API, worker (target <= 256 MiB each)" "$api_hwm MiB, $worker_hwm MiB"
if [ "$WEBHOOKS" = 1 ]; then
  # The events still in the outbox or queued: up to 30 s for the last deliveries (the receiver counts once a second).
  deadline=$(($(date +%s) + 30)) last=-1
  while [ "$(received)" != "$last" ] && [ "$(date +%s)" -lt "$deadline" ]; do last=$(received); sleep 2; done
  n=$(received) logged=$(sql "SELECT count(*) || ' logged, ' || count(*) FILTER (WHERE status = 'succeeded') || ' succeeded' FROM webhooks.deliveries")
  echo "   webhooks: the receiver got $n deliveries ($logged in webhooks.deliveries)"
  row "webhook deliveries received during the usage scenarios" "$n"
fi
fi # reads

if [ -z "$ONLY" ]; then
echo "== 5. the worker alone: $BATCHES jobs of 1,000 events queue up while it is stopped, then it drains them"
kill "$worker"; wait "$worker" 2>/dev/null || true
before=$(ledger_entries)
python3 - "$PORT" "$BATCHES" <<'PY'
import sys, importlib.util
spec = importlib.util.spec_from_file_location("b", "bench/usage_bench.py"); b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b)
from datetime import datetime, timezone
port, batches = int(sys.argv[1]), int(sys.argv[2])
token, _, ws = b.setup("127.0.0.1", port, 1000)
now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
b.post_batches("127.0.0.1", port, token, [ws[i % len(ws)] for i in range(batches)], 1000, now)
PY
while n=$(number sql "SELECT count(*) FROM platform.outbox") || exit 1; [ "$n" -gt 0 ]; do sleep 0.2; done # the relay has published them
start worker2 ./atrium worker
t0=$(date +%s.%N)
wait_applied $((before + BATCHES)) 600
t1=$(date +%s.%N)
python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'   worker alone: {n} usage jobs ({n*1000} events) in {d:.2f} s (JVM start included): {n/d:,.1f} jobs/s, {n*1000/d:,.0f} events/s')" "$t0" "$t1" "$BATCHES"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
verify

echo "== 6. the worker alone: a pre-filled queue of $QUEUE_JOBS single-event jobs (queued while it is stopped), drained"
echo "   for at most ${DRAIN_SECS}s"
before=$(ledger_entries)
t0=$(date +%s.%N)
usage "queue-$RANDOM" 1 "$QUEUE_JOBS" queue-only
queued=$acc
echo "   queued $queued jobs in $(calc "round($(date +%s.%N) - $t0, 1)") s; waiting for the relay to publish them"
while n=$(number sql "SELECT count(*) FROM platform.outbox") || exit 1; [ "$n" -gt 0 ]; do sleep 0.5; done
start worker3 ./atrium worker; drainer=${pids[-1]}
while n=$(number ledger_entries) || exit 1; [ "$n" -eq "$before" ]; do sleep 0.05; done
t0=$(date +%s.%N)
wait_applied $((before + queued)) "$DRAIN_SECS"
t1=$(date +%s.%N) applied=$(($(ledger_entries) - before))
rate=$(calc "round($applied / ($t1 - $t0))")
drainer_hwm=$(hwm "$drainer")
echo "   applied $applied of $queued jobs in $(calc "round($t1 - $t0, 1)") s from the first one: $rate jobs/s; worker VmHWM $drainer_hwm MiB (load $(load))"
row "ledger jobs/s, one worker, pre-filled queue of $queued small jobs (target >= 5,000)" "$rate"
row "RSS (VmHWM) at the end: API, the draining worker" "$(hwm "$api") MiB, $drainer_hwm MiB"
kill "$drainer"; wait "$drainer" 2>/dev/null || true
verify

if [ "${BENCH_PERFTEST:-1}" = 1 ]; then
  echo "== 7. reference: RabbitMQ PerfTest, 1 producer, 1 consumer, 200-byte persistent messages with confirms, 15 s"
  cleanup; pids=()
  CP=$(mktemp)
  mvn -q -f bench/perftest/pom.xml dependency:build-classpath -Dmdep.outputFile="$CP" >/dev/null
  java -cp "$(cat "$CP")" com.rabbitmq.perf.PerfTest -h amqp://guest:guest@127.0.0.1:5672 -x 1 -y 1 -s 200 -c 100 -f persistent -z 15 \
    -u atrium-bench-perftest -ad false 2>&1 | grep -E "sending rate avg|receiving rate avg"
fi
fi # BENCH_ONLY

echo "== issue 16's figures$([ -n "$ONLY" ] && echo " (BENCH_ONLY=$ONLY)")$([ "$WEBHOOKS" = 1 ] && echo ", webhooks on"), as measured in this run ($(($(date +%s) - started_at)) s; load at the end $(load); logs in $LOGS)"
column -t -s $'\t' "$RESULTS"
