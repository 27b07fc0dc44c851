#!/usr/bin/env bash
# Webhook deliveries per second that one `./atrium api` process sends to a local receiver (bench/webhook_receiver.py),
# the whole way: N billing events written to the outbox at once (as the ledger writes them), relayed to RabbitMQ,
# fanned out to one endpoint by the API's consumer, signed and POSTed; the figure is N over the time from the first
# to the last arrival. Needs the local PostgreSQL and RabbitMQ, python3 and curl. Everything targets 127.0.0.1.
# Usage: bench/webhooks.sh [events]   (default 20000). WEBHOOKS_IN_FLIGHT (default: config, 10) per endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-20000}
PORT=8091 RECEIVER_PORT=8097 DB=atrium_bench_webhooks
export ATRIUM_HTTP_PORT=$PORT ATRIUM_PUBLIC_URL=http://127.0.0.1:$PORT \
  ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_AMQP_PREFIX=atrium-bench-webhooks ATRIUM_EMBEDDED=never \
  ATRIUM_MANAGEMENT_PORT=0 ATRIUM_SSO_ALLOW_LOCAL_ISSUERS=true \
  ATRIUM_SSO_SECRET_KEY=$(head -c 32 /dev/urandom | base64) ATRIUM_MFA_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  ATRIUM_OUTBOX_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
[ -n "${WEBHOOKS_IN_FLIGHT:-}" ] && export ATRIUM_WEBHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT=$WEBHOOKS_IN_FLIGHT
LOGS=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
python3 bench/webhook_receiver.py $RECEIVER_PORT "$LOGS/received" & pids+=($!)
./atrium api >"$LOGS/api.log" 2>&1 & pids+=($!)
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
api=http://127.0.0.1:$PORT/api/v1
email="bench-$RANDOM@example.com"
curl -fs "$api/users" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"webhook bench 123\",\"name\":\"Bench\"}" >/dev/null
token=$(curl -fs "$api/sessions" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"webhook bench 123\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
org=$(curl -fs "$api/me" -H "authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["organizations"][0]["id"])')
curl -fs "$api/organizations/$org/webhooks" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"events\":[\"top_up.succeeded\"]}" >/dev/null

echo "== $EVENTS top_up.succeeded events into the outbox"
sql "INSERT INTO platform.outbox (id, exchange, routing_key, message_type, payload)
     SELECT e.id, 'events', 'webhook-event.top_up.succeeded', 'top_up.succeeded',
            jsonb_build_object('id', e.id, 'type', 'top_up.succeeded', 'timestamp', to_char(now() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
              'organizationId', '$org', 'data', jsonb_build_object('workspaceId', '00000000-0000-0000-0000-000000000001',
              'ledgerSeq', n, 'entryHash', md5(n::text) || md5(n::text), 'amount', '10.00'))
     FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $EVENTS) n) e" >/dev/null
deadline=$(($(date +%s) + 600))
while :; do
  read -r count first last <"$LOGS/received" 2>/dev/null || { count=0; first=0; last=0; }
  [ "$count" -ge "$EVENTS" ] || [ "$(date +%s)" -ge "$deadline" ] && break
  sleep 1
done
read -r count first last <"$LOGS/received"
succeeded=$(sql "SELECT count(*) FROM webhooks.deliveries WHERE status = 'succeeded'")
python3 -c "
c, f, l = $count, $first, $last
print(f'received {c} of $EVENTS in {l - f:.1f} s: {c / max(l - f, 1e-9):.0f} deliveries/s; deliveries succeeded: $succeeded')"
