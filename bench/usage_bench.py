#!/usr/bin/env python3
"""Usage ingest from HTTP to committed ledger entries, against a running Atrium (see bench/run.sh).

Signs up one user, creates workspaces, then posts usage events in batches of 1,000 from several threads
and measures (with --webhooks URL, after the setup, the spend controls and a webhook endpoint of watch_spend):
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

# Every type an endpoint can subscribe to (API.md, "Webhooks").
EVENT_TYPES = ["workspace.balance_low", "workspace.balance_depleted", "workspace.suspended", "workspace.resumed",
               "top_up.succeeded", "top_up.failed", "credit_grant.expiring", "invoice.issued", "spend.threshold_reached",
               "budget.exceeded", "runway.low", "webhook.test"]

def watch_spend(host, port, token, workspaces, url):
    """Webhooks on (bench/run.sh's BENCH_WEBHOOKS=1): one endpoint at url, subscribed to every event type, per organization
    of the workspaces; on each workspace, alerts that the bench's usage crosses at once (a new workspace has a balance of 0:
    balance_below and the runway fire with its first debit, spend_month at 0.01 of spend) and a notify budget of 0.05 (about
    1,100 events), so the ledger's spend rules run, emit events and the API delivers them while usage flows."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    orgs = {call(conn, "GET", f"/api/v1/workspaces/{ws}", token=token)["organizationId"] for ws in workspaces}
    for org in sorted(orgs) if url != "none" else []:  # "none": the spend controls alone (BENCH_WEBHOOKS=controls)
        call(conn, "POST", f"/api/v1/organizations/{org}/webhooks", {"url": url, "events": EVENT_TYPES}, token)
    for ws in workspaces:
        call(conn, "PUT", f"/api/v1/workspaces/{ws}/billing/alerts", {"thresholds": [
            {"kind": "spend_month", "amount": "0.01"}, {"kind": "balance_below", "amount": "1.00"}], "runwayDays": 7}, token)
        call(conn, "PUT", f"/api/v1/workspaces/{ws}/billing/settings", {"budget": {"monthly": "0.05", "action": "notify"}}, token)

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
    parser.add_argument("--webhooks", metavar="URL", help="a receiver: watch_spend's endpoint and spend controls first")
    args = parser.parse_args()
    token, _, workspaces = setup(args.host, args.port, args.workspaces)
    if args.webhooks:
        watch_spend(args.host, args.port, token, workspaces, args.webhooks)
    print(f"setup: {len(workspaces)} workspaces{', with spend controls, and a webhook endpoint' if args.webhooks else ''}")
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
