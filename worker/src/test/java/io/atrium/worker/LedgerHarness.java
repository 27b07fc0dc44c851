package io.atrium.worker;

import io.atrium.billing.BillingEvents;
import io.atrium.billing.BillingJobs;
import io.atrium.billing.BillingSchema;
import io.atrium.billing.SandboxPaymentProvider;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Migrations;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.Topology;
import io.atrium.platform.testing.MessagingFixture;
import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger against real PostgreSQL and RabbitMQ: jobs go in through the outbox, the relay publishes
 * them, {@link BillingWorker}s apply them. Builds jobs as the API does (BillingJobs) and reads results.
 * Blocking; call from the test thread.
 */
final class LedgerHarness implements AutoCloseable {

  static final long EUR = 1_000_000;

  final AtriumConfig config;
  final Vertx vertx;
  final MessagingFixture fixture;
  final Pool pool;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:30:00Z"));
  final SandboxPaymentProvider provider;
  private final int partitions;
  private final List<UUID> workspaces = new ArrayList<>();
  private String relay;

  private LedgerHarness(Vertx vertx, AtriumConfig config) throws Exception {
    this.vertx = vertx;
    this.config = config;
    this.partitions = config.integer("billing.partitions");
    fixture = MessagingFixture.start(vertx, config);
    Migrations.apply(vertx, config, List.of(BillingSchema.CHANGELOG)).await();
    pool = fixture.pool();
    provider = new SandboxPaymentProvider(pool, clock);
    fixture.probe().consume(List.of(fixture.topology().name(Topology.DEAD_LETTER), fixture.topology().name(Topology.BILLING_NOTIFICATIONS)));
    // The webhooks context's place: a queue of the test's own on the billing events, so they are routable and seen.
    var channel = fixture.probe().channel();
    String events = channel.queueDeclare().getQueue();
    channel.queueBind(events, fixture.topology().name(Topology.EVENTS_EXCHANGE), BillingEvents.ROUTING_PREFIX + "#");
    fixture.probe().consume(List.of(events));
  }

  static LedgerHarness start(Vertx vertx, Map<String, Object> overrides) throws Exception {
    Map<String, Object> all = new HashMap<>(Map.of("outbox.pollMillis", 20));
    all.putAll(overrides);
    return new LedgerHarness(vertx, TestServices.get().config().with(all));
  }

  String deployWorker() {
    return vertx.deployVerticle(new BillingWorker(config, Ledger.handlers(pool, config, clock, provider))).await();
  }

  String deployRelay() {
    relay = vertx.deployVerticle(new OutboxRelay(config)).await();
    return relay;
  }

  /** Undeploys the relay deployed last: jobs stay in the outbox until {@link #deployRelay()}. */
  void undeployRelay() {
    undeploy(relay);
  }

  /** A new workspace id, whose ledger {@link PerTest} verifies after the test. */
  UUID workspace() {
    UUID ws = UUID.randomUUID();
    workspaces.add(ws);
    return ws;
  }

  void undeploy(String id) {
    vertx.undeploy(id).await();
  }

  String card(String token) {
    return provider.attach(token).await().reference();
  }

  /** A pending top-up row as the API writes it (for a card account, made if the test made none), and its job. */
  OutboxMessage topUp(UUID ws, long amount, String cardReference) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("""
            INSERT INTO billing.accounts (workspace_id, organization_id, currency, payment_type, card_reference, created_at, updated_at)
            VALUES ($1, $2, 'EUR', 'card', $3, now(), now()) ON CONFLICT (workspace_id) DO NOTHING""")
        .execute(Tuple.of(ws, UUID.randomUUID(), cardReference)).await();
    pool.preparedQuery("INSERT INTO billing.top_ups (id, workspace_id, amount, kind, status, created_at) VALUES ($1, $2, $3, 'manual', 'pending', now())")
        .execute(Tuple.of(id, ws, amount)).await();
    return job(ws, BillingJobs.TOP_UP, new JsonObject().put("topUpId", id.toString()).put("amount", amount)
        .put("cardReference", cardReference).put("kind", "manual"));
  }

  OutboxMessage grant(UUID ws, long amount, Instant expiresAt) {
    return job(ws, BillingJobs.CREDIT_GRANT, new JsonObject().put("grantId", UUID.randomUUID().toString()).put("amount", amount)
        .put("reason", "welcome").put("expiresAt", expiresAt == null ? null : expiresAt.toString()));
  }

  OutboxMessage consumption(UUID ws, String resourceId, Instant hour, long amount) {
    return job(ws, BillingJobs.CONSUMPTION, new JsonObject().put("resourceId", resourceId).put("plan", "1xCPU-1GB")
        .put("hour", hour.truncatedTo(ChronoUnit.HOURS).toString()).put("amount", amount));
  }

  OutboxMessage usage(UUID ws, UUID batchId, long amount) {
    return job(ws, BillingJobs.USAGE, new JsonObject().put("batchId", batchId.toString()).put("occurredAt", clock.instant().toString())
        .put("byMeter", new JsonObject().put("object-storage-gb-hour", amount)));
  }

  OutboxMessage job(UUID ws, String type, JsonObject payload) {
    return OutboxMessage.billingJob(ws, type, payload.put("workspaceId", ws.toString()).put("currency", "EUR"), partitions);
  }

  /** The same job again under a new message id: what a repeated request (not a redelivery) looks like. */
  static OutboxMessage repeat(OutboxMessage job) {
    return new OutboxMessage(UUID.randomUUID(), job.exchange(), job.routingKey(), job.type(), job.payload().copy());
  }

  void send(OutboxMessage... jobs) {
    fixture.append(List.of(jobs));
  }

  /** Publishes a job straight onto its partition queue, bypassing the outbox (and a stopped relay). */
  void publishDirectly(OutboxMessage job) throws Exception {
    var properties = new com.rabbitmq.client.AMQP.BasicProperties.Builder().type(job.type()).messageId(job.id().toString())
        .contentType("application/json").deliveryMode(2).build();
    fixture.probe().channel().basicPublish(fixture.topology().name(job.exchange()), job.routingKey(), properties,
        job.payload().toBuffer().getBytes());
  }

  void account(UUID ws, String paymentType, String cardReference, Long lowBalance, Long autoThreshold, Long autoAmount) {
    pool.preparedQuery("""
            INSERT INTO billing.accounts (workspace_id, organization_id, currency, payment_type, card_reference, low_balance_threshold,
                                          auto_top_up_threshold, auto_top_up_amount, created_at, updated_at)
            VALUES ($1, $2, 'EUR', $3, $4, $5, $6, $7, now(), now())""")
        .execute(Tuple.from(java.util.Arrays.asList(ws, UUID.randomUUID(), paymentType, cardReference, lowBalance, autoThreshold, autoAmount)))
        .await();
  }

  Row ledger(UUID ws) {
    var rows = pool.preparedQuery("SELECT * FROM billing.ledgers WHERE workspace_id = $1").execute(Tuple.of(ws)).await();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  long balance(UUID ws) {
    Row row = ledger(ws);
    return row == null ? 0 : row.getLong("balance");
  }

  long lastSeq(UUID ws) {
    Row row = ledger(ws);
    return row == null ? 0 : row.getLong("last_seq");
  }

  List<Row> entries(UUID ws) {
    List<Row> entries = new ArrayList<>();
    pool.preparedQuery("SELECT * FROM billing.entries WHERE workspace_id = $1 ORDER BY seq").execute(Tuple.of(ws)).await().forEach(entries::add);
    return entries;
  }

  Row topUpRow(UUID topUpId) {
    return pool.preparedQuery("SELECT * FROM billing.top_ups WHERE id = $1").execute(Tuple.of(topUpId)).await().iterator().next();
  }

  static UUID topUpId(OutboxMessage job) {
    return UUID.fromString(job.payload().getString("topUpId"));
  }

  /** The types of the notifications the API received (through outbox, relay and queue) about a workspace, in order. */
  List<String> notifications(UUID ws) {
    return fixture.probe().deliveries().stream()
        .filter(d -> d.getEnvelope().getRoutingKey().startsWith("billing.") && new JsonObject(new String(d.getBody())).getString("workspaceId", "").equals(ws.toString()))
        .map(d -> d.getProperties().getType()).toList();
  }

  /** The billing events (webhook-event.*) about a workspace that reached the exchange, in arrival order: {id, type, ..., data}. */
  List<JsonObject> events(UUID ws) {
    return events().stream().filter(e -> ws.toString().equals(e.getJsonObject("data").getString("workspaceId"))).toList();
  }

  List<JsonObject> events() {
    return fixture.probe().deliveries().stream().filter(d -> d.getEnvelope().getRoutingKey().startsWith(BillingEvents.ROUTING_PREFIX))
        .map(d -> new JsonObject(new String(d.getBody()))).toList();
  }

  List<JsonObject> events(UUID ws, String type) {
    return events(ws).stream().filter(e -> e.getString("type").equals(type)).toList();
  }

  /** The payloads of the notifications of {@code type} the API received about a workspace. */
  List<JsonObject> notifications(UUID ws, String type) {
    return fixture.probe().deliveries().stream().filter(d -> type.equals(d.getProperties().getType()))
        .map(d -> new JsonObject(new String(d.getBody()))).filter(n -> ws.toString().equals(n.getString("workspaceId"))).toList();
  }

  /** The hash of entry {@code seq} as billing.entries holds it, lowercase hex: what an event's entryHash must match. */
  String entryHash(UUID ws, long seq) {
    var rows = pool.preparedQuery("SELECT hash FROM billing.entries WHERE workspace_id = $1 AND seq = $2").execute(Tuple.of(ws, seq)).await();
    return java.util.HexFormat.of().formatHex(rows.iterator().next().getBuffer("hash").getBytes());
  }

  OutboxMessage reevaluate(UUID ws) {
    return BillingJobs.reevaluate(ws, "EUR", partitions);
  }

  UUID organization(UUID ws) {
    return pool.preparedQuery("SELECT organization_id FROM billing.accounts WHERE workspace_id = $1").execute(Tuple.of(ws)).await()
        .iterator().next().getUUID("organization_id");
  }

  /** Changes accounts columns as the API's settings routes do (billing-7), e.g. {@code "budget_monthly = $2"}. */
  void setAccount(UUID ws, String assignments, Object... values) {
    List<Object> args = new ArrayList<>();
    args.add(ws);
    args.addAll(java.util.Arrays.asList(values));
    pool.preparedQuery("UPDATE billing.accounts SET " + assignments + " WHERE workspace_id = $1").execute(Tuple.from(args)).await();
  }

  void alert(UUID ws, String kind, long amount) {
    pool.preparedQuery("INSERT INTO billing.alert_thresholds (workspace_id, kind, amount) VALUES ($1, $2, $3)")
        .execute(Tuple.of(ws, kind, amount)).await();
  }

  List<LedgerVerifier.Problem> problems(Collection<UUID> workspaces) {
    return LedgerVerifier.verify(pool).await().stream().filter(p -> workspaces.contains(p.workspaceId())).toList();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(25);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /**
   * Gives each test a harness of its own on a Vert.x of its own, with a worker and the relay deployed, in the test's
   * {@code LedgerHarness} fields. After the test, {@code ledger verify} over the workspaces it made ({@link #workspace()})
   * must find nothing, or the test fails; then all of it stops. Register it in a static field:
   * {@code @RegisterExtension static final LedgerHarness.PerTest LEDGER = new LedgerHarness.PerTest(Map.of());}.
   */
  static final class PerTest implements TestInstancePostProcessor, AfterEachCallback {

    private final Map<String, Object> overrides;
    private LedgerHarness current; // the running test's: the worker's ITs run one at a time

    /** {@code overrides}: configuration of these tests, over the test services' and a 20 ms outbox poll. */
    PerTest(Map<String, Object> overrides) {
      this.overrides = overrides;
    }

    @Override
    public void postProcessTestInstance(Object test, ExtensionContext context) throws Exception {
      LedgerHarness h = start();
      for (var field : test.getClass().getDeclaredFields()) {
        if (field.getType() == LedgerHarness.class) {
          field.setAccessible(true);
          field.set(test, h);
        }
      }
    }

    /** A started harness for the next test, which {@link #afterEach} verifies and stops. */
    LedgerHarness start() {
      Vertx vertx = Vertx.vertx();
      try {
        current = LedgerHarness.start(vertx, overrides);
        current.deployWorker();
        current.deployRelay();
      } catch (Exception e) {
        current = null; // nothing of it may keep consuming the shared vhost's queues for the rest of the run
        vertx.close().await();
        throw new IllegalStateException("the ledger harness did not start", e);
      }
      return current;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      LedgerHarness h = current;
      current = null;
      if (h == null) {
        return;
      }
      try {
        assertThat(h.problems(h.workspaces)).as("ledger verify after the test").isEmpty();
      } finally {
        try {
          h.close();
        } finally {
          h.vertx.close().await();
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    for (String id : vertx.deploymentIDs()) {
      vertx.undeploy(id).await();
    }
    fixture.close();
  }
}
