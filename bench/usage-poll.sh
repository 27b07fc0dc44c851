# Sourced by bench/run.sh and bench/usage-small.sh: the small-batch usage scenario and what it polls.
# Needs: sql, calc, DB, PORT, TOKEN, LOGS, workspaces (array). A poll costs a few hundred index lookups, or one per
# request of the run: counting all of billing.usage_events (count(DISTINCT batch_id): 360 ms at a million rows) every
# 0.2 s took about half a core of the 2 the benchmark measures.

# A poll's answer, or the script stops: an empty answer would end a wait loop early and time nothing.
number() { # command...
  local n; n=$("$@") && [[ $n =~ ^[0-9]+$ ]] || { echo "bench: poll '$*' failed (${n:-no answer})" >&2; exit 1; }
  echo "$n"
}

# Every ledger entry written so far: each raises its workspace's last_seq by one (a few hundred rows to add).
ledger_entries() { sql "SELECT coalesce(sum(last_seq), 0) FROM billing.ledgers"; }

# Requests of one wrk run that are stored: the first event of each has an id starting "RUN-1-" (bench/usage.lua), found
# by the primary key (workspace_id, event_id), workspace by workspace: one index entry per request of the run.
run_requests() { # run id
  sql "SELECT coalesce(sum(n), 0) FROM unnest('{$(IFS=,; echo "${workspaces[*]}")}'::uuid[]) AS w(id),
       LATERAL (SELECT count(*) AS n FROM billing.usage_events e WHERE e.workspace_id = w.id
                AND e.event_id >= '$1-1-' AND e.event_id < '$1-1.') c"
}

# Entries other than usage: a scenario assumes none is written while it runs (ledger_entries counts them all). By the
# (workspace_id, type, seq) index, workspace by workspace.
other_entries() {
  sql "SELECT coalesce(sum(n), 0) FROM billing.ledgers l, unnest(ARRAY['top_up', 'credit_grant', 'consumption', 'invoice', 'adjustment']) AS t(type),
       LATERAL (SELECT count(*) AS n FROM billing.entries e WHERE e.workspace_id = l.workspace_id AND e.type = t.type) c"
}

# The id ranges above compare byte by byte only under C collation ("en_US" would ignore the '-').
check_collation() {
  local collation; collation=$(sql "SELECT datlocprovider::text || ' ' || datcollate FROM pg_database WHERE datname = current_database()")
  case "$collation" in 'c C'|'c C.UTF-8'|'c C.utf8'|'c POSIX') ;; *) echo "bench: the run's event id ranges need a C collation, not '$collation'" >&2; exit 2 ;; esac
}

# Posts REQUESTS requests of K events with wrk -t2 -c64 (bench/usage.lua), timed by what PostgreSQL holds: wrk stops
# each thread at half the requests, but its main thread sleeps until -d ends, and a request a stopped thread had not
# written yet never comes (waiting for it used to add 10 s to a scenario). So this polls every 0.2 s and takes the time
# of the LAST change: ingest ends when the run's last request was committed, end to end when the ledger last grew, to
# an entry for every accepted request (each writes one usage entry).
# Sets acc (requests accepted), unsent, t_acc and t_app (epoch seconds). With "queue-only" (no worker runs) it waits
# for no entry.
usage() { # run id, events per request, requests[, queue-only]
  local run=$1 k=$2 target=$3 applied0 others0 app now t w
  check_collation
  applied0=$(number ledger_entries) || exit 1
  others0=$(number other_entries) || exit 1
  wrk -t2 -c64 -d600s --latency -s bench/usage.lua "http://127.0.0.1:$PORT" -- "$run" "$k" "$((target / 2))" "$TOKEN" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${workspaces[@]}" >"$LOGS/wrk-$run.txt" & w=$!
  acc=0 app=$applied0 t_acc=$(date +%s.%N) t_app=$t_acc
  while t=$(date +%s.%N); now=$(number run_requests "$run") || { kill $w; exit 1; }; [ "$now" != "$acc" ] && acc=$now t_acc=$t
    t=$(date +%s.%N); now=$(number ledger_entries) || { kill $w; exit 1; }; [ "$now" != "$app" ] && app=$now t_app=$t
    [ "$acc" -lt "$target" ] && { [ "$acc" = 0 ] || calc "$t - $t_acc < 3" | grep -q True; }; do sleep 0.2; done
  kill -INT $w 2>/dev/null; wait $w || true
  grep -q "Non-2xx" "$LOGS/wrk-$run.txt" && echo "   ($(grep Non-2xx "$LOGS/wrk-$run.txt" | xargs))"
  unsent=$((target - acc))
  [ "${4:-}" = queue-only ] && return 0
  local deadline=$(($(date +%s) + 600))
  while [ $((app - applied0)) -lt "$acc" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.2; t=$(date +%s.%N); now=$(number ledger_entries) || exit 1; [ "$now" != "$app" ] && app=$now t_app=$t
  done
  [ $((app - applied0)) -ge "$acc" ] || { echo "bench: $run: $((app - applied0)) of $acc requests applied after 600 s" >&2; exit 1; }
  now=$(number other_entries) || exit 1
  [ "$now" = "$others0" ] || { echo "bench: entries other than usage were written during $run: its end-to-end time is not right" >&2; exit 1; }
  return 0
}
