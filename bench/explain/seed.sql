-- 10,000 workspaces, 20,000 resources with 100,000 state changes, and 100,000 usage events in 10,000 batches of
-- 1,000 workspaces (ten per workspace); the invoice explained bills the last two batches of each (20,000 events), an
-- earlier one the rest. Shapes only: hashes and balances are not a real ledger.
INSERT INTO workspace.workspaces (id, organization_id, name, currency, created_by, created_at)
SELECT gen_random_uuid(), gen_random_uuid(), 'ws' || i, 'EUR', gen_random_uuid(), now() - interval '60 days'
  FROM generate_series(1, 10000) i;
INSERT INTO workspace.resources (id, workspace_id, type, name, plan, hourly_price_micros, state, created_at)
SELECT gen_random_uuid(), w.id, 'server', 'r' || k, 'plan-1', 10000, 'running', now() - interval '30 days'
  FROM workspace.workspaces w, generate_series(1, 2) k;
INSERT INTO workspace.resource_events (resource_id, workspace_id, state, at)
SELECT r.id, r.workspace_id, CASE WHEN k % 2 = 0 THEN 'running' ELSE 'stopped' END, r.created_at + k * interval '5 days'
  FROM workspace.resources r, generate_series(0, 4) k;
CREATE TEMP TABLE batches AS
SELECT w.id AS workspace_id, k AS seq, gen_random_uuid() AS batch_id
  FROM (SELECT id FROM workspace.workspaces ORDER BY id LIMIT 1000) w, generate_series(1, 10) k;
INSERT INTO billing.ledgers (workspace_id, currency, balance, last_seq, last_hash, updated_at)
SELECT id, 'EUR', 0, 0, '\x00', now() FROM workspace.workspaces;
INSERT INTO billing.entries (workspace_id, seq, type, amount, balance_after, description, source_id, occurred_at, recorded_at, hash,
                             payer, invoice_account_id, invoice_id)
SELECT workspace_id, seq, 'usage', -10000, -10000 * seq, 'usage', 'usage:' || batch_id, now() - interval '10 days', now(), '\x00',
       'invoice', '00000000-0000-0000-0000-00000000000a',
       CASE WHEN seq > 8 THEN '00000000-0000-0000-0000-00000000000b'::uuid ELSE '00000000-0000-0000-0000-00000000000c'::uuid END
  FROM batches;
INSERT INTO billing.usage_events (workspace_id, event_id, meter, quantity, amount, occurred_at, batch_id)
SELECT workspace_id, batch_id || '-' || k, 'storage', 1, 1000, now() - interval '10 days', batch_id
  FROM batches, generate_series(1, 10) k;
ANALYZE;
