#!/usr/bin/env bash
# EXPLAIN (ANALYZE) of the invoice and hourly queries on a database holding 10,000 workspaces, 100,000 resource state
# changes and 100,000 usage events (bench/explain/seed.sql). Needs the local PostgreSQL and a build (./atrium migrate).
# Usage: bench/explain.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=atrium_explain
export ATRIUM_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB ATRIUM_EMBEDDED=never
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
./atrium migrate >/dev/null
psql -h 127.0.0.1 -U postgres -d $DB -q -v ON_ERROR_STOP=1 -f bench/explain/seed.sql
python3 bench/explain/queries.py | psql -h 127.0.0.1 -U postgres -d $DB -q -v ON_ERROR_STOP=1
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $DB WITH (FORCE)" >/dev/null
