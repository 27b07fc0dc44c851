package io.atrium.worker;

import io.atrium.platform.Times;
import io.atrium.worker.internal.invoicing.InvoiceChecks;
import io.atrium.worker.internal.ledger.HashChain;
import io.vertx.core.Future;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks DESIGN.md invariant 2 against a database, for every workspace: the balance equals the sum of its
 * log; seq runs 1..last_seq with no gap; each balance_after is the previous one plus the amount; the hash
 * chain recomputes and ends at last_hash; no source id appears twice. Then invariant 8 ({@link InvoiceChecks}): each debit
 * is billed by at most one invoice, of its stamped account and period, and each invoice's lines match the entries it billed.
 * Reads the log once, in one repeatable-read snapshot, through a cursor (so a large log never sits in memory).
 */
public final class LedgerVerifier {

  /** One broken invariant of one workspace. */
  public record Problem(UUID workspaceId, String what) {}

  private record Head(long balance, long lastSeq, byte[] lastHash) {}

  private static final int MAX_PROBLEMS_PER_WORKSPACE = 5;
  private static final String LEDGERS = "SELECT workspace_id, balance, last_seq, last_hash FROM billing.ledgers";
  private static final String ENTRIES = """
      SELECT workspace_id, seq, type, amount, balance_after, source_id, occurred_at, hash FROM billing.entries
      ORDER BY workspace_id, seq""";

  private LedgerVerifier() {}

  /** Every problem found, grouped by workspace; empty when every ledger holds. */
  public static Future<List<Problem>> verify(Pool pool) {
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
        .compose(v -> tx.query(LEDGERS).execute())
        .compose(rows -> {
          Map<UUID, Head> heads = new HashMap<>();
          rows.forEach(row -> heads.put(row.getUUID("workspace_id"),
              new Head(row.getLong("balance"), row.getLong("last_seq"), row.getBuffer("last_hash").getBytes())));
          Checker checker = new Checker(heads);
          return tx.prepare(ENTRIES).compose(statement -> read(statement.cursor(), checker)).map(v -> checker.finish());
        })
        .compose(problems -> InvoiceChecks.run(tx).map(findings -> {
          List<Problem> all = new ArrayList<>(problems);
          findings.forEach(f -> all.add(new Problem(f.workspaceId(), f.what())));
          return all;
        })));
  }

  /** How many workspaces have a ledger: what {@link #verify} checks. */
  public static Future<Long> ledgers(Pool pool) {
    return pool.query("SELECT count(*) FROM billing.ledgers").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<Void> read(Cursor cursor, Checker checker) {
    return cursor.read(5000).compose(rows -> {
      rows.forEach(checker::accept);
      return cursor.hasMore() ? read(cursor, checker) : cursor.close();
    });
  }

  /** Walks the log in (workspace, seq) order, one workspace at a time. */
  private static final class Checker {
    private final Map<UUID, Head> heads;
    private final Set<UUID> checked = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();
    private UUID workspace;
    private long seq;
    private long balance;
    private byte[] hash;
    private Set<String> sources;
    private int found;

    Checker(Map<UUID, Head> heads) {
      this.heads = heads;
    }

    void accept(Row row) {
      UUID ws = row.getUUID("workspace_id");
      if (!ws.equals(workspace)) {
        closeWorkspace();
        workspace = ws;
        seq = 0;
        balance = 0;
        hash = HashChain.genesis();
        sources = new HashSet<>();
        found = 0;
      }
      long entrySeq = row.getLong("seq");
      long amount = row.getLong("amount");
      String source = row.getString("source_id");
      if (entrySeq != seq + 1) {
        report(seq == 0 ? "the log starts at seq " + entrySeq : "seq " + entrySeq + " follows seq " + seq + " (a gap)");
      }
      balance += amount;
      if (row.getLong("balance_after") != balance) {
        report("seq " + entrySeq + ": balance_after " + row.getLong("balance_after") + ", but the log sums to " + balance);
      }
      byte[] expected = HashChain.next(hash, ws, entrySeq, row.getString("type"), amount, row.getLong("balance_after"), source,
          Times.fromDb(row, "occurred_at"));
      byte[] stored = row.getBuffer("hash").getBytes();
      if (!Arrays.equals(expected, stored)) {
        report("seq " + entrySeq + ": the hash chain breaks (the entry or one before it was changed)");
      }
      if (!sources.add(source)) {
        report("seq " + entrySeq + ": source " + source + " appears twice");
      }
      seq = entrySeq;
      hash = stored; // go on from what is stored, so one changed entry is reported once
    }

    private void closeWorkspace() {
      if (workspace == null) {
        return;
      }
      checked.add(workspace);
      Head head = heads.get(workspace);
      if (head == null) {
        report("the log has entries but there is no ledgers row");
        return;
      }
      if (head.lastSeq() != seq) {
        report("last_seq is " + head.lastSeq() + " but the log ends at seq " + seq);
      }
      if (head.balance() != balance) {
        report("the balance is " + head.balance() + " but the log sums to " + balance);
      }
      if (!Arrays.equals(head.lastHash(), hash)) {
        report("last_hash is not the hash of the log's last entry");
      }
    }

    private void report(String what) {
      if (found++ < MAX_PROBLEMS_PER_WORKSPACE) {
        problems.add(new Problem(workspace, what));
      }
    }

    List<Problem> finish() {
      closeWorkspace();
      heads.forEach((ws, head) -> {
        if (!checked.contains(ws) && (head.lastSeq() != 0 || head.balance() != 0)) {
          problems.add(new Problem(ws, "the ledgers row says seq " + head.lastSeq() + " and balance " + head.balance()
              + " but the log is empty"));
        }
      });
      return problems;
    }
  }
}
