package io.atrium.worker.internal.ledger;

import io.atrium.billing.PaymentProvider;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What stands before the card: each still-pending top-up of a batch is checked against its top_ups row and its workspace's
 * account, and only a valid one is charged, under the top-up id as idempotency key (a retried batch never charges twice).
 * An invalid one is answered, without charging, by a refusal the ledger records as the top-up's failure:
 * {@code account_closed} (the workspace was deleted), {@code currency_mismatch}, or {@code invalid_top_up} (the job's
 * workspace or amount is not the row's, or the workspace has no account). A top-up that already ended is left out (the ledger skips it).
 */
final class TopUpGate {

  static final String ACCOUNT_CLOSED = "account_closed";
  static final String CURRENCY_MISMATCH = "currency_mismatch";
  static final String INVALID_TOP_UP = "invalid_top_up";

  private static final Logger log = LoggerFactory.getLogger(TopUpGate.class);
  private static final String CHECKS = """
      SELECT j.id, t.status, t.workspace_id, t.amount, a.currency, a.closed_at IS NOT NULL AS closed
      FROM unnest($1::uuid[], $2::uuid[]) AS j(id, ws)
      LEFT JOIN billing.top_ups t ON t.id = j.id
      LEFT JOIN billing.accounts a ON a.workspace_id = j.ws""";

  private final PaymentProvider provider;

  TopUpGate(PaymentProvider provider) {
    this.provider = provider;
  }

  /** The provider's answer (or the gate's refusal) for every top-up of the batch that is still pending. */
  Future<Map<UUID, PaymentProvider.Charge>> charge(SqlClient db, List<LedgerJob> jobs) {
    Map<UUID, LedgerJob.TopUp> topUps = new LinkedHashMap<>();
    jobs.stream().filter(LedgerJob.TopUp.class::isInstance).map(LedgerJob.TopUp.class::cast).forEach(t -> topUps.putIfAbsent(t.topUpId(), t));
    if (topUps.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    UUID[] ids = topUps.keySet().toArray(UUID[]::new);
    UUID[] workspaces = topUps.values().stream().map(LedgerJob.TopUp::workspaceId).toArray(UUID[]::new);
    return db.preparedQuery(CHECKS).execute(Tuple.tuple().addValue(ids).addValue(workspaces)).compose(rows -> {
      Map<UUID, PaymentProvider.Charge> charges = new HashMap<>();
      Future<Void> chain = Future.succeededFuture();
      for (Row row : rows) {
        LedgerJob.TopUp t = topUps.get(row.getUUID("id"));
        String status = row.getString("status");
        if (status != null && !status.equals("pending")) {
          continue;
        }
        String refusal = refusal(t, row);
        if (refusal != null) {
          log.warn("top-up {} of workspace {} refused before charging: {}", t.topUpId(), t.workspaceId(), refusal);
          charges.put(t.topUpId(), new PaymentProvider.Charge(false, refusal));
          continue;
        }
        chain = chain.compose(v -> provider.charge(t.topUpId().toString(), t.cardReference(), t.amount(), t.currency())
            .map(outcome -> {
              charges.put(t.topUpId(), outcome);
              return null;
            }));
      }
      return chain.map(charges);
    });
  }

  /** True for the gate's own answers: no card was charged and the job's money fields need not fit the ledger. */
  static boolean refused(PaymentProvider.Charge charge) {
    return charge != null && !charge.approved()
        && (ACCOUNT_CLOSED.equals(charge.declineReason()) || CURRENCY_MISMATCH.equals(charge.declineReason())
            || INVALID_TOP_UP.equals(charge.declineReason()));
  }

  private static String refusal(LedgerJob.TopUp t, Row row) {
    if (row.getUUID("workspace_id") != null && (!row.getUUID("workspace_id").equals(t.workspaceId()) || row.getLong("amount") != t.amount())) {
      return INVALID_TOP_UP;
    }
    if (row.getString("currency") == null) {
      return INVALID_TOP_UP; // no account: no workspace the API ever took a top-up for
    }
    if (Boolean.TRUE.equals(row.getBoolean("closed"))) {
      return ACCOUNT_CLOSED;
    }
    if (!row.getString("currency").trim().equals(t.currency())) {
      return CURRENCY_MISMATCH;
    }
    return null;
  }
}
