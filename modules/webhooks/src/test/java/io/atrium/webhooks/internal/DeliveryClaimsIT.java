package io.atrium.webhooks.internal;

import io.atrium.platform.Times;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliveries' queries on real PostgreSQL: an endpoint's backlog takes no more than its share of a claim; old
 * deliveries are pruned; an event of several workspaces reaches only the endpoints limited to one of them; a batch of
 * events is fanned out once.
 */
class DeliveryClaimsIT {

  private static MigratedWebhooks database;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void migrate() {
    database = MigratedWebhooks.open("webhook_claims");
    vertx = database.vertx();
    pool = database.pool();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void oneEndpointsBacklogLeavesRoomForTheOthers() {
    Instant now = Instant.now();
    UUID busy = endpoint(UUID.randomUUID());
    UUID quiet = endpoint(UUID.randomUUID());
    for (int i = 0; i < 50; i++) {
      delivery(busy, "pending", now.minusSeconds(600 - i), now.minusSeconds(600 - i));
    }
    for (int i = 0; i < 3; i++) {
      delivery(quiet, "pending", now.minusSeconds(10), now.minusSeconds(10));
    }

    List<Attempt> first = new SqlDeliveries(pool).claim(now, now.plusSeconds(300), 200, Map.of(), 4).await();
    assertThat(first.stream().filter(a -> a.endpointId().equals(busy))).hasSize(4);
    assertThat(first.stream().filter(a -> a.endpointId().equals(quiet))).hasSize(3);

    // Holding 3 of the busy endpoint, this process takes one more of it, and none while it holds 4.
    List<Attempt> second = new SqlDeliveries(pool).claim(now, now.plusSeconds(300), 200, Map.of(busy, 3, quiet, 0), 4).await();
    assertThat(second.stream().filter(a -> a.endpointId().equals(busy))).hasSize(1);
    List<Attempt> third = new SqlDeliveries(pool).claim(now, now.plusSeconds(300), 200, Map.of(busy, 4), 4).await();
    assertThat(third.stream().filter(a -> a.endpointId().equals(busy))).isEmpty();
  }

  @Test
  void settledDeliveriesAndTheirEventsArePrunedAfterTheRetentionPendingOnesStay() {
    Instant now = Instant.now();
    UUID hook = endpoint(UUID.randomUUID());
    UUID oldSucceeded = delivery(hook, "succeeded", now.minus(Duration.ofDays(31)), null);
    UUID oldFailed = delivery(hook, "failed", now.minus(Duration.ofDays(40)), null);
    UUID oldPending = delivery(hook, "pending", now.minus(Duration.ofDays(40)), now.plusSeconds(60));
    UUID recent = delivery(hook, "succeeded", now.minus(Duration.ofDays(29)), null);

    new PruneDeliveries(vertx, WebhookTables.postgres(pool), Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(30)).prune().await();

    assertThat(exists("deliveries", oldSucceeded)).isFalse();
    assertThat(exists("deliveries", oldFailed)).isFalse();
    assertThat(exists("deliveries", oldPending)).isTrue();
    assertThat(exists("deliveries", recent)).isTrue();
    assertThat(exists("events", eventOf.get(oldSucceeded))).isFalse();
    assertThat(exists("events", eventOf.get(oldPending))).as("its delivery is still pending").isTrue();
    assertThat(exists("events", eventOf.get(recent))).isTrue();
  }

  @Test
  void anInvoiceOfTwoWorkspacesGoesToTheirEndpointsAndToOrganizationWideOnesOnly() {
    UUID org = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    UUID ofA = endpoint(org, a);
    UUID ofC = endpoint(org, c);
    UUID orgWide = endpoint(org, null);
    UUID eventId = UUID.randomUUID();
    JsonObject event = new JsonObject().put("id", eventId.toString()).put("type", "invoice.issued").put("timestamp", "2026-11-01T00:00:00Z")
        .put("organizationId", org.toString())
        .put("data", new JsonObject().put("invoiceId", UUID.randomUUID().toString()).put("workspaceIds", new JsonArray().add(a.toString()).add(b.toString())));

    int added = new FanOut(WebhookTables.postgres(pool), Clock.systemUTC()).handle(List.of(FanOut.Event.of(event))).await();

    assertThat(added).isEqualTo(2);
    var rows = pool.preparedQuery("SELECT endpoint_id FROM webhooks.deliveries WHERE event_id = $1").execute(Tuple.of(eventId)).await();
    List<UUID> reached = new java.util.ArrayList<>();
    rows.forEach(row -> reached.add(row.getUUID("endpoint_id")));
    assertThat(reached).containsExactlyInAnyOrder(ofA, orgWide).doesNotContain(ofC);
  }

  @Test
  void aBatchOfEventsOfSeveralOrganizationsIsFannedOutOnceEachAndAgainAddsNothing() {
    UUID org = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    UUID enabled = endpoint(org, null);
    UUID disabled = endpoint(org, null);
    pool.preparedQuery("UPDATE webhooks.endpoints SET enabled = false WHERE id = $1").execute(Tuple.of(disabled)).await();
    UUID ofOther = endpoint(other, null);
    JsonObject failed = event(org, "top_up.failed", null);
    JsonObject invoice = event(other, "invoice.issued", null);
    JsonObject test = event(org, "webhook.test", enabled);
    JsonObject unwatched = event(org, "workspace.resumed", null);
    List<FanOut.Event> batch = java.util.stream.Stream.of(failed, invoice, failed, test, unwatched).map(FanOut.Event::of).toList();

    int added = new FanOut(WebhookTables.postgres(pool), Clock.systemUTC()).handle(batch).await();

    assertThat(added).as("the repeated event counted once").isEqualTo(3);
    assertThat(reached(failed)).containsExactly(enabled);
    assertThat(reached(invoice)).containsExactly(ofOther);
    assertThat(reached(test)).containsExactly(enabled);
    assertThat(exists("events", UUID.fromString(unwatched.getString("id")))).as("no endpoint takes it: not stored").isFalse();
    assertThat(new FanOut(WebhookTables.postgres(pool), Clock.systemUTC()).handle(batch).await()).as("the batch given again").isZero();
  }

  private static JsonObject event(UUID organizationId, String type, UUID endpointId) {
    JsonObject event = new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type).put("timestamp", "2026-11-01T00:00:00Z")
        .put("organizationId", organizationId.toString()).put("data", new JsonObject().put("workspaceId", UUID.randomUUID().toString()));
    return endpointId == null ? event : event.put("endpointId", endpointId.toString());
  }

  private static List<UUID> reached(JsonObject event) {
    var rows = pool.preparedQuery("SELECT endpoint_id FROM webhooks.deliveries WHERE event_id = $1").execute(Tuple.of(UUID.fromString(event.getString("id")))).await();
    List<UUID> reached = new java.util.ArrayList<>();
    rows.forEach(row -> reached.add(row.getUUID("endpoint_id")));
    return reached;
  }

  private final Map<UUID, UUID> eventOf = new java.util.HashMap<>();

  private static UUID endpoint(UUID organizationId) {
    return endpoint(organizationId, null);
  }

  /** An endpoint of {@code invoice.issued} and {@code top_up.failed}, limited to {@code workspace} unless null. */
  private static UUID endpoint(UUID organizationId, UUID workspace) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO webhooks.endpoints (id, organization_id, url, events, workspace_ids, secret, enabled, created_at, updated_at)"
        + " VALUES ($1, $2, 'https://hooks.example.com/', '{top_up.failed,invoice.issued}', $3, '\\x00'::bytea, true, now(), now())")
        .execute(Tuple.of(id, organizationId, workspace == null ? new UUID[0] : new UUID[] {workspace})).await();
    return id;
  }

  private UUID delivery(UUID endpoint, String status, Instant created, Instant next) {
    UUID event = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO webhooks.events (id, organization_id, type, body, created_at) VALUES ($1, $2, 'top_up.failed', '{}', $3)")
        .execute(Tuple.of(event, UUID.randomUUID(), Times.toDb(created))).await();
    pool.preparedQuery("INSERT INTO webhooks.deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at, last_attempt_at)"
        + " VALUES ($1, $2, $3, $4, $5, $6, $6)")
        .execute(Tuple.of(id, endpoint, event, status, next == null ? null : Times.toDb(next), Times.toDb(created))).await();
    eventOf.put(id, event);
    return id;
  }

  private static boolean exists(String table, UUID id) {
    return pool.preparedQuery("SELECT 1 FROM webhooks." + table + " WHERE id = $1").execute(Tuple.of(id)).await().size() == 1;
  }
}
