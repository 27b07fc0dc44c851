package io.atrium.billing;

import io.atrium.platform.Times;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcilers against the real contexts: resources follow the ledger's status, a missed invoice run is run once. */
class ReconcilersIT extends BillingHarness {

  @Test
  void resourcesLeftSuspendedOnAnActiveLedgerAreResumed() {
    JsonObject owner = user("Rita Reconciled");
    JsonObject ws = workspace(owner, organization(owner));
    billByInvoice(owner, ws);
    JsonObject server = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "r").put("plan", "1xCPU-1GB"));
    JsonObject resource = in(owner, ws).put("resourceId", server.getString("id"));
    String wsId = ws.getString("id");
    // A suspension at seq 3 was applied; the ledger resumed at seq 5, and that notification was lost.
    ask(WorkspaceAddresses.SUSPEND_RESOURCES, new JsonObject().put("workspaceId", wsId));
    pool.preparedQuery("INSERT INTO billing.resource_states (workspace_id, status, ledger_seq, applied_at) VALUES ($1::uuid, 'suspended', 3, now())")
        .execute(Tuple.of(wsId)).await();
    pool.preparedQuery("INSERT INTO billing.ledgers (workspace_id, currency, balance, last_seq, last_hash, updated_at) VALUES ($1::uuid, 'EUR', 0, 5, '\\x00', $2)")
        .execute(Tuple.of(wsId, Times.toDb(clock.instant().minusSeconds(3600)))).await();
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

  private static long runs(String period) {
    return count("SELECT count(*) FROM billing.invoice_runs WHERE period = $1 AND requested_by = 'schedule'", period);
  }
}
