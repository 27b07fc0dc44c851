"""Prints EXPLAIN (ANALYZE) statements for the invoice and hourly queries, read from their Java text blocks."""
import re, sys

def text_block(path, name):
    source = open(path).read()
    m = re.search(name + r'\s*=\s*"""\n(.*?)"""', source, re.S)
    if not m:
        sys.exit(f"{name} not found in {path}")
    return m.group(1)

billed = text_block("worker/src/main/java/io/atrium/worker/internal/invoicing/InvoiceStore.java", "BILLED")
ran_in = text_block("modules/workspace/src/main/java/io/atrium/workspace/internal/SqlResources.java", "RAN_IN")
print("\\echo '== the invoice: what invoice $1 bills (InvoiceStore.BILLED)'")
print("PREPARE billed(uuid) AS " + billed + ";")
print("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE billed('00000000-0000-0000-0000-00000000000b');")
print("\\echo '== the hourly run: resources running in an hour, one page of 500 (SqlResources.RAN_IN)'")
print("PREPARE ran_in(timestamptz, timestamptz, uuid, int) AS " + ran_in + ";")
print("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE ran_in(date_trunc('hour', now()) - interval '3 days', "
      "date_trunc('hour', now()) - interval '3 days' + interval '1 hour', NULL, 500);")
