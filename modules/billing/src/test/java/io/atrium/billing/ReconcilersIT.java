package io.atrium.billing;

import io.atrium.platform.Times;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconcilers against the real contexts: resources follow the ledger's status, a missed invoice run is run once, an
 * account's closing follows its workspace's deletion.
 */
class ReconcilersIT extends BillingHarness {

  @Test
  void resourcesLeftSuspendedOnAnActiveLedgerAreResumed() {
    JsonObject owner = user("Rita Reconciled");
    JsonObject ws = workspace(owner, organization(owner));
    billByInvoice(owner, ws);
    JsonObject server = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "r").put("plan", "1xCPU-1GB"));
    JsonObject resource = in(owner, ws).put("resourceId", server.getString("id"));
    String wsId = ws.getString("id");
    // A suspension at seq 3 was applied an hour ago; the ledger resumed at seq 5, and that notification was lost. The
    // workspace is busy: its ledger changed just now (a busy workspace is repaired too).
    ask(WorkspaceAddresses.SUSPEND_RESOURCES, new JsonObject().put("workspaceId", wsId));
    pool.preparedQuery("INSERT INTO billing.resource_states (workspace_id, status, ledger_seq, applied_at) VALUES ($1::uuid, 'suspended', 3, $2)")
        .execute(Tuple.of(wsId, Times.toDb(clock.instant().minusSeconds(3600)))).await();
    pool.preparedQuery("INSERT INTO billing.ledgers (workspace_id, currency, balance, last_seq, last_hash, updated_at) VALUES ($1::uuid, 'EUR', 0, 5, '\\x00', $2)")
        .execute(Tuple.of(wsId, Times.toDb(clock.instant()))).await();
    assertThat(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")).isEqualTo("suspended");

    new BillingReconcilers(vertx, pool, config, clock).runOnce().await();
    assertThat(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")).isEqualTo("running");
    assertThat(count("SELECT ledger_seq FROM billing.resource_states WHERE workspace_id = $1::uuid", wsId)).isEqualTo(5);
  }

  @Test
  void aDueInvoiceRunThatDidNotRunIsRunOnceItsHourWasQueued() {
    // The clock is 2030-01-01T10:30Z: December's run was due at 02:00 and never ran (say the run failed).
    BillingReconcilers reconcilers = new BillingReconcilers(vertx, pool, config, clock);
    reconcilers.runOnce().await();
    assertThat(runs("2029-12")).as("not before its due hour's consumption run was queued").isZero();

    pool.preparedQuery("INSERT INTO billing.consumption_runs (hour, requested_by, requested_at, jobs) VALUES ($1, 'schedule', now(), 0) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(Times.toDb(Instant.parse("2030-01-01T01:00:00Z")))).await();
    reconcilers.runOnce().await();
    assertThat(runs("2029-12")).isEqualTo(1);
    reconcilers.runOnce().await();
    assertThat(runs("2029-12")).as("recorded: not run again").isEqualTo(1);
  }

  @Test
  void anAccountClosedForADeletionThatNeverCommittedIsOpenedAgain() {
    JsonObject owner = user("Kai Killed");
    JsonObject ws = workspace(owner, organization(owner));
    billByInvoice(owner, ws);
    String wsId = ws.getString("id");
    // The process was killed after billing closed the account, before the workspace's deletion committed.
    ask(WorkspaceAddresses.CLOSE_BILLING, new JsonObject().put("workspaceId", wsId));
    assertThat(closed(wsId)).isTrue();

    BillingReconcilers reconcilers = new BillingReconcilers(vertx, pool, config, clock);
    reconcilers.runOnce().await();
    assertThat(closed(wsId)).as("a deletion may still be committing: left alone for an interval").isTrue();
    afterAnInterval(reconcilers);
    assertThat(closed(wsId)).as("the workspace is live: its account is open again").isFalse();
  }

  @Test
  void anAccountReopenedAfterItsWorkspaceWasDeletedIsClosedAgain() {
    JsonObject owner = user("Amy Ambiguous");
    JsonObject ws = workspace(owner, organization(owner));
    billByInvoice(owner, ws);
    String wsId = ws.getString("id");
    ask(WorkspaceAddresses.DELETE, in(owner, ws));
    assertThat(closed(wsId)).isTrue();
    BillingReconcilers reconcilers = new BillingReconcilers(vertx, pool, config, clock);
    afterAnInterval(reconcilers);
    assertThat(closed(wsId)).as("deleted: stays closed").isTrue();

    // The deletion's COMMIT failed ambiguously after it had committed: the account was opened again.
    ask(WorkspaceAddresses.REOPEN_BILLING, new JsonObject().put("workspaceId", wsId));
    assertThat(closed(wsId)).isFalse();
    afterAnInterval(reconcilers);
    assertThat(closed(wsId)).as("the workspace is deleted: its account is closed again").isTrue();
  }

  private static void afterAnInterval(BillingReconcilers reconcilers) {
    Duration interval = Duration.ofMillis(config.integer("billing.reconcile.intervalMillis") + 1000L);
    clock.advance(interval);
    try {
      reconcilers.runOnce().await();
    } finally {
      clock.advance(interval.negated());
    }
  }

  private static boolean closed(String workspaceId) {
    return count("SELECT count(*) FROM billing.accounts WHERE workspace_id = $1::uuid AND closed_at IS NOT NULL", workspaceId) == 1;
  }

  private static long runs(String period) {
    return count("SELECT count(*) FROM billing.invoice_runs WHERE period = $1 AND requested_by = 'schedule'", period);
  }
}
