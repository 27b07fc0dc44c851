package io.atrium.worker;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A worker refuses a billing schema that a newer version migrated (a changeset it does not know). */
@ExtendWith(VertxExtension.class)
class SchemaVersionGuardIT {

  @Test
  void aChangesetThisWorkerDoesNotKnowIsRefusedByName(Vertx vertx) throws Exception {
    LedgerHarness h = LedgerHarness.start(vertx, Map.of());
    String future = "billing-99-from-a-newer-release-" + java.util.UUID.randomUUID();
    try {
      SchemaVersionGuard guard = new SchemaVersionGuard();
      assertThat(SchemaVersionGuard.knownChangesets()).contains("billing-1-accounts-and-ledger", "billing-4-invoices-bill-entries",
          "billing-10-carry-debt-by-worker");
      guard.check(h.pool).await(); // migrated by this version: accepted

      // A worker of the version before the CARRY_DEBT and AUTO_TOP_UP_ENDED jobs knows up to billing-9: it stops.
      Set<String> before = new TreeSet<>(SchemaVersionGuard.knownChangesets());
      before.remove("billing-10-carry-debt-by-worker");
      assertThatThrownBy(() -> new SchemaVersionGuard(before).check(h.pool).await()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("billing-10-carry-debt-by-worker");

      h.pool.preparedQuery("""
              INSERT INTO billing.databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype)
              VALUES ($1, 'atrium', 'db/billing/changelog.yaml', now(), 1000, 'EXECUTED')""")
          .execute(Tuple.of(future)).await();
      assertThatThrownBy(() -> guard.check(h.pool).await()).isInstanceOf(IllegalStateException.class).hasMessageContaining(future);
    } finally {
      h.pool.preparedQuery("DELETE FROM billing.databasechangelog WHERE id = $1").execute(Tuple.of(future)).await();
      h.close();
    }
  }
}
