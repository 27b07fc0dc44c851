#!/usr/bin/env python3
"""Usage ingest from HTTP to committed ledger entries, against a running Atrium (see bench/run.sh).

Signs up one user, creates workspaces, then posts usage events in batches of 1,000 from several threads
and measures:
  ingest  - events/s accepted by the API (202), first request to last answer;
  e2e     - events/s from the first request until the worker has committed every batch as a ledger entry
            (polled in PostgreSQL: billing.entries of type 'usage').
Standard library only; every request loop is bounded and targets localhost.
"""
import argparse, http.client, json, subprocess, sys, threading, time, uuid
from datetime import datetime, timezone

def call(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path} -> {response.status} {data[:300]!r}")
    return json.loads(data) if data else None

def psql(database, sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc", sql],
                         check=True, capture_output=True, text=True).stdout.strip()
    return int(out or 0)

def setup(host, port, workspaces):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
    call(conn, "POST", "/api/v1/users", {"email": email, "password": "benchmark password", "name": "Bench"})
    token = call(conn, "POST", "/api/v1/sessions", {"email": email, "password": "benchmark password"})["token"]
    org = call(conn, "POST", "/api/v1/organizations", {"name": "Bench " + email}, token)["id"]
    ids = [call(conn, "POST", f"/api/v1/organizations/{org}/workspaces", {"name": f"ws-{i}"}, token)["id"]
           for i in range(workspaces)]
    return token, email, ids

def post_batches(host, port, token, targets, events_per_batch, now):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    accepted = 0
    for ws in targets:
        events = [{"id": uuid.uuid4().hex, "meter": "object-storage-gb-hour", "quantity": "1.5", "occurredAt": now}
                  for _ in range(events_per_batch)]
        accepted += call(conn, "POST", f"/api/v1/workspaces/{ws}/usage", {"events": events}, token)["accepted"]
    return accepted

def run(host, port, database, token, workspaces, batches, threads, label):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    targets = [workspaces[i % len(workspaces)] for i in range(batches)]
    before = psql(database, "SELECT count(*) FROM billing.entries WHERE type = 'usage'")
    results, chunks = [], [targets[i::threads] for i in range(threads)]
    start = time.monotonic()
    workers = [threading.Thread(target=lambda c=c: results.append(post_batches(host, port, token, c, 1000, now))) for c in chunks]
    for w in workers: w.start()
    for w in workers: w.join()
    ingested = time.monotonic()
    deadline = ingested + 600
    while psql(database, "SELECT count(*) FROM billing.entries WHERE type = 'usage'") - before < batches:
        if time.monotonic() > deadline:
            sys.exit(f"{label}: the ledger did not catch up within 600 s")
        time.sleep(0.05)
    done = time.monotonic()
    events = sum(results)
    print(f"{label}: {events} events in {batches} requests over {len(set(targets))} workspace(s), {threads} threads: "
          f"ingest {events / (ingested - start):,.0f} events/s, end to end {events / (done - start):,.0f} events/s "
          f"({done - start:.2f} s)")
    return events / (done - start)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--database", default="atrium_bench")
    parser.add_argument("--workspaces", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=300, help="requests of 1,000 events each")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--only", choices=["spread", "hot"], default=None)
    args = parser.parse_args()
    token, _, workspaces = setup(args.host, args.port, args.workspaces)
    print(f"setup: {len(workspaces)} workspaces")
    run(args.host, args.port, args.database, token, workspaces[:50], 20, args.threads, "warm-up")
    spread = hot = None
    if args.only in (None, "spread"):
        spread = run(args.host, args.port, args.database, token, workspaces, args.batches, args.threads, "spread")
    if args.only in (None, "hot"):
        hot = run(args.host, args.port, args.database, token, workspaces[:1], args.batches, args.threads, "one hot workspace")
    if spread and hot:
        print(f"hot / spread: {hot / spread:.0%}")

if __name__ == "__main__":
    main()
