# Sourced by bench/run.sh and bench/usage-small.sh: the small-batch usage scenario and what it polls.
# Needs: sql, calc, PORT, TOKEN, LOGS, workspaces (array). Every poll is cheap whatever the tables hold: counting all of
# billing.usage_events (count(DISTINCT batch_id): 360 ms at a million rows) every 0.2 s took about half a core of the
# 2 the benchmark measures.

# Every ledger entry ever written: each entry raises its workspace's last_seq by one (a few hundred rows to add).
ledger_entries() { sql "SELECT coalesce(sum(last_seq), 0) FROM billing.ledgers"; }

# Requests of one wrk run whose events are stored: its event ids start with "RUN-" (bench/usage.lua), so the primary
# key (workspace_id, event_id) gives exactly this run's rows, workspace by workspace.
run_requests() { # run id, events per request
  sql "SELECT coalesce(sum(n), 0)::bigint / $2 FROM billing.ledgers l, LATERAL (SELECT count(*) AS n FROM billing.usage_events e
       WHERE e.workspace_id = l.workspace_id AND e.event_id >= '$1-' AND e.event_id < '$1.') c"
}

# Posts REQUESTS requests of K events with wrk -t2 -c64 (bench/usage.lua), timed by what PostgreSQL holds: wrk stops
# each thread at half the requests, but its main thread sleeps until -d ends, and a request a stopped thread had not
# written yet never comes (waiting for it used to add 10 s to a scenario). So this polls every 0.2 s and takes the time
# of the LAST change: ingest ends when the run's last request was committed, end to end when the ledger last grew, to
# an entry for every accepted request (each writes one usage entry; nothing else writes entries meanwhile).
# Sets acc (requests accepted), unsent, t_acc and t_app (epoch seconds). With "queue-only" (no worker runs) it waits
# for no entry.
usage() { # run id, events per request, requests[, queue-only]
  local run=$1 k=$2 target=$3 applied0 app now t w
  applied0=$(ledger_entries)
  wrk -t2 -c64 -d600s --latency -s bench/usage.lua "http://127.0.0.1:$PORT" -- "$run" "$k" "$((target / 2))" "$TOKEN" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${workspaces[@]}" >"$LOGS/wrk-$run.txt" & w=$!
  acc=0 app=$applied0 t_acc=$(date +%s.%N) t_app=$t_acc
  while t=$(date +%s.%N); now=$(run_requests "$run" "$k"); [ "$now" != "$acc" ] && acc=$now t_acc=$t
    now=$(ledger_entries); [ "$now" != "$app" ] && app=$now t_app=$t
    [ "$acc" -lt "$target" ] && { [ "$acc" = 0 ] || calc "$t - $t_acc < 3" | grep -q True; }; do sleep 0.2; done
  kill -INT $w 2>/dev/null; wait $w || true
  grep -q "Non-2xx" "$LOGS/wrk-$run.txt" && echo "   ($(grep Non-2xx "$LOGS/wrk-$run.txt" | xargs))"
  unsent=$((target - acc))
  [ "${4:-}" = queue-only ] && return 0
  local deadline=$(($(date +%s) + 600))
  while [ $((app - applied0)) -lt "$acc" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.2; t=$(date +%s.%N); now=$(ledger_entries); [ "$now" != "$app" ] && app=$now t_app=$t
  done
  return 0
}
