#!/usr/bin/env bash
# Sign-in latency with and without two-factor sign-in, on this machine. Needs the local PostgreSQL and RabbitMQ
# (./atrium dev's defaults) and `hey` (apt-get install hey). Everything targets 127.0.0.1.
# Usage: bench/login.sh [requests]   (per hey run; default 200, 4 at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
PORT=8091
DB=atrium_bench_login
export ATRIUM_HTTP_PORT=$PORT ATRIUM_PUBLIC_URL=http://127.0.0.1:$PORT \
  ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_AMQP_PREFIX=atrium-bench-login ATRIUM_EMBEDDED=never \
  ATRIUM_LOGIN_MAX_FAILURES_PER_CLIENT=1000000
LOGS=$(mktemp -d)
api_pid=
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
./atrium api >"$LOGS/api.log" 2>&1 & api_pid=$!
for _ in $(seq 1 120); do curl -fs "127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs "127.0.0.1:$PORT/health/ready" >/dev/null || { echo "the API did not become ready; see $LOGS" >&2; exit 1; }

# Two users for hey: one with a password only, one with two-factor sign-in on; and 100 of each for whole sign-ins.
eval "$(python3 bench/login_bench.py --port $PORT setup --mfa-users 100)"

p99() { hey -n "$N" -c 4 -m POST -T application/json -d "$1" "http://127.0.0.1:$PORT/api/v1/sessions" \
  | awk '/Status code distribution/{s=1} s&&/\[/{print "    status " $0} /99%/{print "    p99 " $3 " s"} /Average:/{print "    avg " $2 " s"}'; }
echo "== POST /sessions, password only (201), $N requests, 4 at a time (hey)"
p99 "{\"email\":\"$PLAIN_EMAIL\",\"password\":\"$PASSWORD\"}"
echo "== POST /sessions, two-factor sign-in on (401 mfa_required + mfaToken), $N requests, 4 at a time (hey)"
p99 "{\"email\":\"$MFA_EMAIL\",\"password\":\"$PASSWORD\"}"
echo "== whole sign-ins, each user once, 4 at a time (Python client): password only (POST /sessions), and with"
echo "   two-factor sign-in (POST /sessions, then POST /sessions/mfa with a TOTP code computed from the secret)"
python3 bench/login_bench.py --port $PORT two-step
echo "== load at the end: $(cut -d" " -f1-3 /proc/loadavg)"
