package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingSchema;
import io.atrium.platform.Codes;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.platform.Rejected;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit's fallback, on the real database: when the transaction of a group fails because of one request, the
 * others of the group are written alone and answered as if nothing had happened; only that request fails.
 */
class UsageCommitsIT {

  private static Vertx vertx;
  private static Pool pool;
  private static UnitOfWork<BillingTables> storage;
  private static BillingCollaborators collaborators;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    var config = TestServices.get().config();
    Migrations.apply(vertx, config, List.of(Outbox.CHANGELOG, BillingSchema.CHANGELOG)).await();
    pool = Database.pool(vertx, config);
    collaborators = BillingCollaborators.create(vertx, config, MutableClock.startingNow(), null);
    storage = UnitOfWork.of(pool, client -> poisonable(BillingTables.on(client)));
  }

  /** The tables, where a write that holds the event "poison" fails its whole statement, as a conflict of one request would. */
  private static BillingTables poisonable(BillingTables real) {
    UsageEvents failing = new UsageEvents() {
      @Override
      public Future<Map<UUID, List<Event>>> insertNew(List<Batch> batches) {
        boolean poisoned = batches.stream().anyMatch(b -> b.events().stream().anyMatch(e -> e.id().equals("poison")));
        return poisoned ? Future.failedFuture(new IllegalStateException("poisoned")) : real.usageEvents().insertNew(batches);
      }

      @Override
      public Future<Integer> countStored(UUID workspaceId, UUID batchId) {
        return real.usageEvents().countStored(workspaceId, batchId);
      }
    };
    return new BillingTables(real.accounts(), real.accountClosures(), real.alerts(), real.ledger(), real.topUps(), failing,
        real.idempotencyKeys(), real.invoiceAccounts(), real.invoices(), real.consumptionRuns(), real.resourceStates());
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void aGroupThatFailsIsWrittenRequestByRequestAndOnlyTheFailingRequestFails() throws Exception {
    UsageCommits commits = new UsageCommits(storage, collaborators);
    UUID workspace = UUID.randomUUID();
    Instant at = Instant.now();
    List<List<String>> requests = List.of(List.of("a"), List.of("b"), // these two take the loop's two transactions
        List.of("c", "d"), List.of("e", "poison"), List.of("f", "f", "g"), List.of("c", "h")); // these wait: one group
    CompletableFuture<List<Future<JsonObject>>> sent = new CompletableFuture<>();
    // Sent in one turn of one event loop, so the last four are waiting together when the first two commit.
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Future<JsonObject>> answers = new ArrayList<>();
      for (List<String> ids : requests) {
        List<UsageEvents.Event> events = ids.stream()
            .map(id -> new UsageEvents.Event(id, "egress-gb", BigDecimal.ONE, 10_000, at)).toList();
        answers.add(commits.write(new UsageCommits.UsageWrite("EUR", new UsageEvents.Batch(workspace, UUID.randomUUID(), events))));
      }
      sent.complete(answers);
    });
    List<Future<JsonObject>> answers = sent.get();
    Future.join(answers).otherwiseEmpty().await();

    assertThat(answers.get(3).failed()).as("the poisoned request fails").isTrue();
    assertThat(answers.get(0).await()).isEqualTo(answer(1, 0));
    assertThat(answers.get(1).await()).isEqualTo(answer(1, 0));
    assertThat(answers.get(4).await()).isEqualTo(answer(2, 1));
    // "c" is in two requests written side by side: accepted in exactly one of them.
    JsonObject cd = answers.get(2).await();
    JsonObject ch = answers.get(5).await();
    assertThat(cd.getInteger("accepted") + ch.getInteger("accepted")).isEqualTo(3);
    assertThat(cd.getInteger("duplicates") + ch.getInteger("duplicates")).isEqualTo(1);

    List<String> stored = new ArrayList<>();
    pool.preparedQuery("SELECT event_id FROM billing.usage_events WHERE workspace_id = $1 ORDER BY event_id").execute(Tuple.of(workspace))
        .await().forEach(row -> stored.add(row.getString("event_id")));
    assertThat(stored).containsExactly("a", "b", "c", "d", "f", "g", "h");
    long jobs = pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE message_type = $1 AND payload->>'workspaceId' = $2")
        .execute(Tuple.of(BillingJobs.USAGE, workspace.toString())).await().iterator().next().getLong(0);
    assertThat(jobs).as("one job per request that had events accepted").isEqualTo(5);
    long amount = pool.preparedQuery("SELECT coalesce(sum((payload->'byMeter'->>'egress-gb')::bigint), 0) FROM platform.outbox"
        + " WHERE message_type = $1 AND payload->>'workspaceId' = $2").execute(Tuple.of(BillingJobs.USAGE, workspace.toString()))
        .await().iterator().next().getLong(0);
    assertThat(amount).as("the jobs charge each stored event once").isEqualTo(7 * 10_000L);
  }

  @Test
  void aRequestOfAFailedGroupWhoseRowsAreStoredIsAnsweredWithThemAsAccepted() throws Exception {
    UsageCommits commits = new UsageCommits(storage, collaborators);
    UUID workspace = UUID.randomUUID();
    // As if the group's COMMIT had succeeded unseen: this batch's rows and job are stored already.
    UsageCommits.UsageWrite stored = write(workspace, List.of("s1", "s2"));
    storage.transaction((tables, outgoing) -> commits.writeAlone(tables, outgoing, stored)).await();
    List<UsageCommits.UsageWrite> writes = List.of(write(workspace, List.of("a")), write(workspace, List.of("b")),
        stored, write(workspace, List.of("poison")));
    List<Future<JsonObject>> answers = sendInOneTurn(commits, writes);
    Future.join(answers).otherwiseEmpty().await();

    assertThat(answers.get(2).await()).as("its rows count as accepted, not duplicates").isEqualTo(answer(2, 0));
    assertThat(answers.get(3).failed()).isTrue();
    long jobs = pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE message_type = $1 AND payload->>'batchId' = $2")
        .execute(Tuple.of(BillingJobs.USAGE, stored.batch().batchId().toString())).await().iterator().next().getLong(0);
    assertThat(jobs).as("its job is not written again").isEqualTo(1);
  }

  @Test
  void usageBeyondWhatALoopLetsWaitIsRefusedWith503AndNotStored() throws Exception {
    UsageCommits commits = new UsageCommits(storage, collaborators);
    UUID workspace = UUID.randomUUID();
    // Two requests go in flight at once; then 20 of 1,000 events fill the waiting room; the next is refused.
    int inRoom = 2 + UsageCommits.MAX_WAITING_EVENTS / 1000;
    List<UsageCommits.UsageWrite> writes = new ArrayList<>();
    for (int r = 0; r <= inRoom; r++) {
      List<String> ids = new ArrayList<>();
      for (int e = 0; e < 1000; e++) {
        ids.add(r + "-" + e);
      }
      writes.add(write(workspace, ids));
    }
    List<Future<JsonObject>> answers = sendInOneTurn(commits, writes);
    Future.join(answers).otherwiseEmpty().await();

    for (int r = 0; r < inRoom; r++) {
      assertThat(answers.get(r).await()).isEqualTo(answer(1000, 0));
    }
    Future<JsonObject> refused = answers.get(inRoom);
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.rejection().code()).isEqualTo(Codes.UNAVAILABLE);
      assertThat(r.rejection().extensions().getInteger("retryAfter")).isPositive();
    });
    long stored = pool.preparedQuery("SELECT count(*) FROM billing.usage_events WHERE workspace_id = $1").execute(Tuple.of(workspace))
        .await().iterator().next().getLong(0);
    assertThat(stored).as("the refused request's events are not stored").isEqualTo(inRoom * 1000L);
  }

  private static UsageCommits.UsageWrite write(UUID workspace, List<String> ids) {
    Instant at = Instant.now();
    List<UsageEvents.Event> events = ids.stream().map(id -> new UsageEvents.Event(id, "egress-gb", BigDecimal.ONE, 10_000, at)).toList();
    return new UsageCommits.UsageWrite("EUR", new UsageEvents.Batch(workspace, UUID.randomUUID(), events));
  }

  /** The writes sent in one turn of one event loop, so all but the first two wait together. */
  private static List<Future<JsonObject>> sendInOneTurn(UsageCommits commits, List<UsageCommits.UsageWrite> writes) throws Exception {
    CompletableFuture<List<Future<JsonObject>>> sent = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> sent.complete(writes.stream().map(commits::write).toList()));
    return sent.get();
  }

  private static JsonObject answer(int accepted, int duplicates) {
    return new JsonObject().put("accepted", accepted).put("duplicates", duplicates);
  }
}
