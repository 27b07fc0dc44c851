#!/usr/bin/env bash
# The sign-in storm alone (issue 16's p99 row): p99 of GET /me at 200 req/s (hey, 4 clients x 50 req/s) at rest, then
# while N clients post sign-ins back to back, for N = 16 and 64, in ROUNDS interleaved rounds. One `./atrium api` with
# ./atrium's own JVM defaults (plus ATRIUM_JAVA_OPTS), on a free port, with its own database and broker prefix (both
# deleted at the end, best effort), so it can run beside bench/run.sh. It also counts the API's GC pauses (-Xlog:gc) during each
# storm, and the longest wait for the threads to reach a safepoint (-Xlog:safepoint): an idle-priority hashing thread
# could lengthen it.
# BENCH_FLOOR=1 adds, in each round, the p99 while a shell loop spins on one core at idle priority (chrt --idle): what
# any busy core costs the API's p99 on this machine, with no Atrium work, to read the storm's ratio against.
# Needs the local PostgreSQL and RabbitMQ, hey and curl. Usage: bench/storm.sh [seconds per measurement, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15} ROUNDS=${BENCH_ROUNDS:-2}
FLOOR=${BENCH_FLOOR:-0}
command -v hey >/dev/null || { echo "bench/storm.sh needs hey (apt-get install hey)" >&2; exit 2; }
[ "$FLOOR" != 1 ] || command -v chrt >/dev/null || { echo "BENCH_FLOOR=1 needs chrt (util-linux)" >&2; exit 2; }
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DB=atrium_bench_storm_$$
LOGS=$(mktemp -d)
export ATRIUM_HTTP_PORT=$PORT ATRIUM_PUBLIC_URL=http://127.0.0.1:$PORT ATRIUM_MANAGEMENT_PORT=0 \
  ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_AMQP_PREFIX=atrium-bench-storm-$$ ATRIUM_EMBEDDED=never \
  ATRIUM_LOGIN_MAX_FAILURES_PER_CLIENT=1000000 \
  ATRIUM_SSO_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ATRIUM_MFA_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  ATRIUM_OUTBOX_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  ATRIUM_JAVA_OPTS="${ATRIUM_JAVA_OPTS:-} -Xlog:gc:file=$LOGS/gc.log -Xlog:safepoint:file=$LOGS/safepoint.log"
api= spin= storm=
cleanup() {
  for p in $api $spin $storm; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  timeout 30 java -cp "modules/server/target/atrium-server.jar:modules/server/target/lib/*" bench/BrokerCleanup.java >/dev/null 2>&1 \
    || echo "could not delete the queues of $ATRIUM_AMQP_PREFIX (bench/BrokerCleanup.java)" >&2
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD), load $(load)"
./atrium migrate >/dev/null
./atrium api >"$LOGS/api.log" 2>&1 & api=$!
for _ in $(seq 1 240); do curl -fs -m 5 "127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs -m 5 "127.0.0.1:$PORT/health/ready" >/dev/null || { echo "the API did not become ready; see $LOGS" >&2; exit 1; }
echo "   API JVM: $(tr '\0' ' ' </proc/$api/cmdline | sed 's/ -cp .*//')"

EMAIL="storm-$$@example.com" PASSWORD="storm bench password"
curl -fs -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"name\":\"Storm\"}" \
  "http://127.0.0.1:$PORT/api/v1/users"
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PORT/api/v1/sessions" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

for task in /proc/$api/task/*; do # the hashing threads' scheduling (passwords.hashPriority)
  grep -q '^atrium-passwor' "$task/comm" && echo "   hashing thread ${task##*/}: $(chrt -p "${task##*/}" | head -1 | sed 's/.*: //')"
done

p99() { # name: GET /me at 200 req/s for SECS; prints the p99 in ms (the slowest answer when hey prints no p99)
  hey -z "${SECS}s" -c 4 -q 50 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/me" >"$LOGS/$1.txt"
  awk '/Slowest:/{s = $2 * 1000} / 99%/{p = $3 * 1000} END {printf "%.1f", (p > 0 ? p : s)}' "$LOGS/$1.txt"
}
statuses() { grep -E '^\s+\[[0-9]+\]' "$1" | xargs; }
pauses() { # GC pauses logged since line $1 of gc.log: count, total and longest in ms
  tail -n +"$(($1 + 1))" "$LOGS/gc.log" | grep -o '[0-9.]*ms$' | tr -d 'ms' \
    | awk '{n++; t += $1; if ($1 > m) m = $1} END {printf "%d GC pauses, %.0f ms in all, longest %.1f ms", n, t, m}'
}
reaching() { # the longest wait for all threads to reach a safepoint since line $1 of safepoint.log, in ms
  tail -n +"$(($1 + 1))" "$LOGS/safepoint.log" | grep -o 'Reaching safepoint: [0-9]* ns' \
    | awk '{if ($3 > m) m = $3} END {printf "longest time to safepoint %.2f ms", m / 1e6}'
}
p99 warm-up >/dev/null # JIT and pools, not counted
for round in $(seq 1 "$ROUNDS"); do
  rest=$(p99 "rest-$round")
  echo "== round $round: at rest p99 $rest ms, $(statuses "$LOGS/rest-$round.txt") (load $(load))"
  if [ "$FLOOR" = 1 ]; then
    chrt --idle 0 sh -c 'while :; do :; done' & spin=$!
    sleep 1; floor=$(p99 "floor-$round"); kill "$spin" 2>/dev/null || true; wait "$spin" 2>/dev/null || true; spin=
    echo "   one core spinning at idle priority, no sign-ins: p99 $floor ms, ratio $(python3 -c "print(round($floor / $rest, 1))")"
  fi
  for clients in 16 64; do
    mark=$(wc -l <"$LOGS/gc.log") spmark=$(wc -l <"$LOGS/safepoint.log")
    hey -z "$((SECS + 2))s" -c "$clients" -m POST -T application/json -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" \
      "http://127.0.0.1:$PORT/api/v1/sessions" >"$LOGS/signins-$clients-$round.txt" & storm=$!
    sleep 1
    busy=$(p99 "during-$clients-$round"); wait $storm; storm=
    echo "   during $clients sign-ins: p99 $busy ms, ratio $(python3 -c "print(round($busy / $rest, 1))"); GET /me $(statuses "$LOGS/during-$clients-$round.txt");" \
      "sign-ins $(awk '/Requests\/sec/{print $2 "/s"}' "$LOGS/signins-$clients-$round.txt") $(statuses "$LOGS/signins-$clients-$round.txt");" \
      "$(pauses "$mark"), $(reaching "$spmark") (load $(load))"
  done
done
echo "== API VmHWM $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$api/status); logs in $LOGS"
