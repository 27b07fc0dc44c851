package io.atrium.billing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.atrium.platform.Amqp;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.testing.TcpProxy;
import io.atrium.platform.Topology;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly schedule's advisory lock across two instances, and the worker's notifications through RabbitMQ. */
class ScheduleAndNotificationsIT extends BillingHarness {

  @Test
  void onlyOneInstanceSchedulesAndAnotherTakesOverWhenItStops() {
    ConsumptionScheduleVerticle one = new ConsumptionScheduleVerticle(config, clock);
    ConsumptionScheduleVerticle two = new ConsumptionScheduleVerticle(config, clock);
    String oneId = vertx.deployVerticle(one).await();
    String twoId = vertx.deployVerticle(two).await();
    waitFor(() -> one.schedules() || two.schedules());
    sleep(600); // several retry periods: the other one must still not hold it
    assertThat(one.schedules() ^ two.schedules()).as("exactly one schedules").isTrue();
    ConsumptionScheduleVerticle holder = one.schedules() ? one : two;
    ConsumptionScheduleVerticle other = holder == one ? two : one;
    vertx.undeploy(holder == one ? oneId : twoId).await();
    waitFor(other::schedules);
    vertx.undeploy(holder == one ? twoId : oneId).await();
  }

  @Test
  void notificationsSuspendResumeAndMailTheAdmins() throws Exception {
    String deployment = vertx.deployVerticle(new BillingNotificationsVerticle(config, pool, clock)).await();
    JsonObject owner = user("Nina Notified");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject resource = invoicedServer(owner, ws);
    JsonObject workspaceId = new JsonObject().put("workspaceId", ws.getString("id"));
    try (Connection connection = Amqp.connect(config, "test-notifications")) {
      Channel channel = connection.createChannel();
      publish(channel, BillingNotifications.SUSPENDED, workspaceId);
      waitFor(() -> "suspended".equals(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")));
      publish(channel, BillingNotifications.RESUMED, workspaceId);
      waitFor(() -> "running".equals(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")));
      publish(channel, BillingNotifications.LOW_BALANCE, workspaceId.copy().put("balance", 1_500_000L).put("threshold", 5_000_000L));
      waitFor(() -> queuedMailTo(owner.getString("email"), "Your Atrium balance is low") != null);
    }
    // Queued in the outbox (no relay runs here): the relay sends it after, retried until the SMTP server takes it.
    JsonObject message = queuedMailTo(owner.getString("email"), "Your Atrium balance is low");
    assertThat(message.getString("subject")).isEqualTo("Your Atrium balance is low");
    assertThat(message.encode()).doesNotContain("1.50"); // the text is stored encrypted
    assertThat(queuedMailText(owner.getString("email"), "Your Atrium balance is low")).contains("1.50").contains("5.00");
    vertx.undeploy(deployment).await();
  }

  @Test
  void anOlderSuspensionDeliveredAfterANewerResumeLeavesThePaidWorkspaceRunning() throws Exception {
    String deployment = vertx.deployVerticle(new BillingNotificationsVerticle(config, pool, clock)).await();
    JsonObject owner = user("Otto Order");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject resource = invoicedServer(owner, ws);
    JsonObject workspaceId = new JsonObject().put("workspaceId", ws.getString("id"));
    double stale = BillingMetrics.count("atrium.reconciler.actions", "reconciler", "resource_states", "action", "stale_ignored");
    try (Connection connection = Amqp.connect(config, "test-notification-order")) {
      Channel channel = connection.createChannel();
      // The ledger suspended the workspace at seq 6 and resumed it at seq 7; the broker hands them over the other way round.
      publish(channel, BillingNotifications.RESUMED, workspaceId.copy().put("ledgerSeq", 7));
      waitFor(() -> count("SELECT coalesce(max(ledger_seq), 0) FROM billing.resource_states WHERE workspace_id = $1::uuid", ws.getString("id")) == 7);
      publish(channel, BillingNotifications.SUSPENDED, workspaceId.copy().put("ledgerSeq", 6));
      waitFor(() -> BillingMetrics.count("atrium.reconciler.actions", "reconciler", "resource_states", "action", "stale_ignored") > stale);
      assertThat(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")).isEqualTo("running");
      assertThat(count("SELECT ledger_seq FROM billing.resource_states WHERE workspace_id = $1::uuid", ws.getString("id"))).isEqualTo(7);

      // A newer suspension is applied.
      publish(channel, BillingNotifications.SUSPENDED, workspaceId.copy().put("ledgerSeq", 9));
      waitFor(() -> "suspended".equals(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")));
    }
    vertx.undeploy(deployment).await();
  }

  @Test
  void aBudgetSuspensionAndItsResumptionWithoutANewEntryAreBothApplied() throws Exception {
    String deployment = vertx.deployVerticle(new BillingNotificationsVerticle(config, pool, clock)).await();
    JsonObject owner = user("Bea Budget");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject resource = invoicedServer(owner, ws);
    JsonObject workspaceId = new JsonObject().put("workspaceId", ws.getString("id"));
    try (Connection connection = Amqp.connect(config, "test-notification-budget")) {
      Channel channel = connection.createChannel();
      // The debit at seq 4 reached a suspend budget; raising the budget resumed it with no entry, still at seq 4.
      publish(channel, BillingNotifications.SUSPENDED, workspaceId.copy().put("ledgerSeq", 4));
      waitFor(() -> "suspended".equals(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")));
      publish(channel, BillingNotifications.RESUMED, workspaceId.copy().put("ledgerSeq", 4));
      waitFor(() -> "running".equals(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")));
    }
    vertx.undeploy(deployment).await();
  }

  @Test
  void spendAlertsOfOneBatchAreOneMailAndAnAutoTopUpThatTurnedItselfOffIsMailedToTheAdmins() throws Exception {
    String deployment = vertx.deployVerticle(new BillingNotificationsVerticle(config, pool, clock)).await();
    JsonObject owner = user("Sam Spender");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject older = user("Olga Older");
    JsonObject olderWs = workspace(older, organization(older));
    JsonObject workspaceId = new JsonObject().put("workspaceId", ws.getString("id")).put("ledgerSeq", 3);
    try (Connection connection = Amqp.connect(config, "test-notification-spend")) {
      Channel channel = connection.createChannel();
      publish(channel, BillingNotifications.SPEND_ALERT, workspaceId.copy().put("balance", "12.00").put("monthSpend", "50.25")
          .putNull("runwayDays").put("alerts", new JsonArray()
              .add(new JsonObject().put("kind", "budget").put("amount", "50.00").put("action", "notify"))
              .add(new JsonObject().put("kind", "spend_month").put("amount", "50.00"))
              .add(new JsonObject().put("kind", "runway_days").put("amount", 7))));
      publish(channel, BillingNotifications.AUTO_TOP_UP_DISABLED, workspaceId.copy().put("declines", 3).put("failureReason", "card_declined"));
      // As the worker sent an alert before it listed them: one alert, its kind and amount beside the figures.
      publish(channel, BillingNotifications.SPEND_ALERT, new JsonObject().put("workspaceId", olderWs.getString("id")).put("ledgerSeq", 2)
          .put("kind", "balance_below").put("amount", "5.00").put("balance", "4.00").put("monthSpend", "1.00").putNull("runwayDays"));
      waitFor(() -> queuedMailTo(owner.getString("email"), "Atrium spend alert") != null
          && queuedMailTo(owner.getString("email"), "Atrium automatic top-up turned off") != null
          && queuedMailTo(older.getString("email"), "Atrium spend alert") != null);
    }
    assertThat(queuedMailCount(owner.getString("email"), "Atrium spend alert")).as("one mail for the batch's three alerts").isEqualTo(1);
    assertThat(queuedMailText(owner.getString("email"), "Atrium spend alert")).contains("3 spend alerts fired")
        .contains("this month's spend reached the monthly budget of 50.00").contains("this month's spend reached 50.00")
        .contains("lasts 7 days or less").contains("Spent this month: 50.25").contains("Balance: 12.00");
    assertThat(queuedMailText(owner.getString("email"), "Atrium automatic top-up turned off")).contains("3 declined charges")
        .contains("card_declined");
    assertThat(queuedMailText(older.getString("email"), "Atrium spend alert")).contains("the balance fell below 5.00").contains("Balance: 4.00");
    vertx.undeploy(deployment).await();
  }

  @Test
  void aNotificationDeliveredWhileTheApiDatabaseIsAwayLongerThanTheDeliveryLimitIsAppliedAfterwards() throws Exception {
    java.net.URI pg = java.net.URI.create(config.string("pg.url"));
    TcpProxy postgres = new TcpProxy(vertx, pg.getHost(), pg.getPort() > 0 ? pg.getPort() : 5432);
    postgres.open().await();
    AtriumConfig proxied = config.with(Map.of("pg.url", postgres.rewrite(config.string("pg.url")), "billing.retryMaxBackoffMillis", 500));
    Pool behindProxy = Database.pool(vertx, proxied);
    String deployment = vertx.deployVerticle(new BillingNotificationsVerticle(proxied, behindProxy, clock)).await();
    JsonObject owner = user("Paula Patient");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject resource = invoicedServer(owner, ws);
    Topology topology = new Topology(config);
    try (Connection connection = Amqp.connect(config, "test-notification-outage")) {
      Channel channel = connection.createChannel();
      long deadLettered = channel.queueDeclarePassive(topology.name(Topology.DEAD_LETTER)).getMessageCount();
      postgres.cut().await();
      publish(channel, BillingNotifications.SUSPENDED, new JsonObject().put("workspaceId", ws.getString("id")).put("ledgerSeq", 3));
      // Longer than deliveryLimit (5) requeues a second apart would take: the old consumer dead-lettered it by now.
      sleep(7_500);
      assertThat(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")).isEqualTo("running");
      postgres.open().await();
      waitFor(() -> "suspended".equals(ask(WorkspaceAddresses.GET_RESOURCE, resource).getString("state")));
      assertThat(channel.queueDeclarePassive(topology.name(Topology.DEAD_LETTER)).getMessageCount()).as("dead-lettered").isEqualTo(deadLettered);
      waitFor(() -> {
        try {
          return channel.queueDeclarePassive(topology.name(Topology.BILLING_NOTIFICATIONS)).getMessageCount() == 0;
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      });
    } finally {
      vertx.undeploy(deployment).await();
      behindProxy.close().await();
      postgres.cut().await();
    }
  }

  @Test
  void aBurstOfSuspensionsLargerThanThePoolIsAppliedWithoutWaitingForConnections() throws Exception {
    String deployment = vertx.deployVerticle(new BillingNotificationsVerticle(config, pool, clock)).await();
    JsonObject owner = user("Bea Burst");
    String organization = organization(owner);
    int burst = config.integer("pg.poolSize") + 4; // each one's command needs a connection of the same pool
    List<JsonObject> resources = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      resources.add(invoicedServer(owner, workspace(owner, organization)));
    }
    try (Connection connection = Amqp.connect(config, "test-notification-burst")) {
      Channel channel = connection.createChannel();
      for (JsonObject resource : resources) {
        publish(channel, BillingNotifications.SUSPENDED, new JsonObject().put("workspaceId", resource.getString("workspaceId")).put("ledgerSeq", 3));
      }
      // Well within the pool's 30 s acquire timeout: held connections waiting for a free one would stall until then.
      waitFor(() -> resources.stream().allMatch(r -> "suspended".equals(ask(WorkspaceAddresses.GET_RESOURCE, r).getString("state"))));
    }
    vertx.undeploy(deployment).await();
  }

  /** Bills the workspace by invoice and starts a server in it; the request that reads that server. */
  private static JsonObject invoicedServer(JsonObject owner, JsonObject ws) {
    billByInvoice(owner, ws);
    JsonObject server = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "n").put("plan", "1xCPU-1GB"));
    return in(owner, ws).put("resourceId", server.getString("id"));
  }

  private static JsonObject queuedMailTo(String address, String subject) {
    var rows = pool.preparedQuery("SELECT payload FROM platform.outbox WHERE exchange = 'mail' AND payload->>'to' = $1 AND payload->>'subject' = $2")
        .execute(io.vertx.sqlclient.Tuple.of(address, subject)).await();
    return rows.size() == 0 ? null : rows.iterator().next().getJsonObject("payload");
  }

  private static long queuedMailCount(String address, String subject) {
    return pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE exchange = 'mail' AND payload->>'to' = $1 AND payload->>'subject' = $2")
        .execute(io.vertx.sqlclient.Tuple.of(address, subject)).await().iterator().next().getLong(0);
  }

  private static String queuedMailText(String address, String subject) {
    var row = pool.preparedQuery("SELECT id, payload FROM platform.outbox WHERE exchange = 'mail' AND payload->>'to' = $1 AND payload->>'subject' = $2")
        .execute(io.vertx.sqlclient.Tuple.of(address, subject)).await().iterator().next();
    return io.atrium.platform.Outbox.mailText(new io.atrium.platform.OutboxMessage(row.getUUID("id"), "mail", "", "mail", row.getJsonObject("payload")));
  }

  private static void publish(Channel channel, String type, JsonObject payload) throws Exception {
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().type(type).contentType("application/json").build();
    channel.basicPublish(new Topology(config).name(Topology.EVENTS_EXCHANGE), type, properties, payload.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static void waitFor(BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting");
      }
      sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
