package io.atrium.billing;

import io.atrium.identity.IdentityAddresses;
import io.atrium.identity.IdentityVerticle;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationVerticle;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Outbox;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.ContextHarness;
import io.atrium.platform.testing.MutableClock;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Deploys the real identity, organization, workspace and billing contexts on a real database, with mail
 * over real SMTP (GreenMail); tests talk to them over the event bus. No outbox relay runs, so the jobs
 * billing appends stay in {@code platform.outbox} for the tests to read.
 */
abstract class BillingHarness {

  static final String OPERATOR = "Ops@Example.com";
  static final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:30:00Z"));
  static ContextHarness harness;
  static Vertx vertx;
  static Pool pool;
  static AtriumConfig config;

  @BeforeAll
  static void deploy() {
    harness = ContextHarness.start(Map.of("operators", "someone@example.com, " + OPERATOR.toLowerCase(), "billing.schedule.retryMillis", 200),
        List.of(Outbox.CHANGELOG, OrganizationVerticle.CHANGELOG, IdentityVerticle.CHANGELOG, WorkspaceVerticle.CHANGELOG, BillingSchema.CHANGELOG));
    vertx = harness.vertx();
    pool = harness.pool();
    config = harness.config();
    harness.deploy(new OrganizationVerticle(pool, config, clock));
    harness.deploy(new IdentityVerticle(pool, config, clock));
    harness.deploy(new WorkspaceVerticle(pool, config, clock));
    harness.deploy(new BillingVerticle(pool, config, clock, new SandboxPaymentProvider(pool, clock)));
  }

  @AfterAll
  static void close() {
    ContextHarness.close(harness);
    harness = null;
  }

  static JsonObject ask(String address, JsonObject body) {
    return harness.ask(address, body);
  }

  static Rejection rejection(String address, JsonObject body) {
    return harness.rejection(address, body);
  }

  static JsonObject user(String name) {
    String email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID() + "@example.com";
    return ask(IdentityAddresses.SIGN_UP, new JsonObject().put("email", email).put("password", "a long enough password").put("name", name));
  }

  /** A signed-up user's own new organization (the organization context makes them owner). */
  static String organization(JsonObject owner) {
    return ask(OrganizationAddresses.CREATE, as(owner).put("name", "Org " + UUID.randomUUID())).getString("id");
  }

  static JsonObject workspace(JsonObject creator, String organizationId) {
    return ask(WorkspaceAddresses.CREATE, as(creator).put("organizationId", organizationId).put("name", "Workspace " + UUID.randomUUID()));
  }

  static JsonObject as(JsonObject user) {
    return new JsonObject().put("userId", user.getString("id"));
  }

  static JsonObject in(JsonObject user, JsonObject workspace) {
    return as(user).put("workspaceId", workspace.getString("id"));
  }

  static JsonObject operator() {
    return new JsonObject().put("userId", UUID.randomUUID().toString()).put("email", OPERATOR);
  }

  /** Bills the workspace by invoice: an operator's invoice account of its organization, attached by the owner. */
  static String billByInvoice(JsonObject owner, JsonObject workspace) {
    String account = ask(BillingAddresses.CREATE_INVOICE_ACCOUNT, operator().put("organizationId", workspace.getString("organizationId"))
        .put("name", "AP").put("billingEmail", "ap@example.com").put("address", "1 Street")).getString("id");
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, workspace).put("type", "invoice").put("invoiceAccountId", account));
    return account;
  }

  /** The billing jobs of this type appended for the workspace, oldest first. */
  static List<JsonObject> jobs(String type, String workspaceId) {
    var rows = pool.preparedQuery("SELECT payload FROM platform.outbox WHERE message_type = $1 AND payload->>'workspaceId' = $2 ORDER BY created_at, id")
        .execute(Tuple.of(type, workspaceId)).await();
    return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getJsonObject("payload")).toList();
  }

  static long count(String sql, Object... args) {
    Row row = pool.preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
    return row.getLong(0);
  }
}
