package io.atrium.workspace;

import io.atrium.identity.IdentityAddresses;
import io.atrium.identity.IdentityVerticle;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationVerticle;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.ContextHarness;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deploys the identity, organization and workspace contexts on a real database with mail over real SMTP
 * (GreenMail); tests talk to them only over the event bus. Organization roles reach the workspace context
 * the way the organization context sends them: as {@link OrganizationAddresses#ROLE_REPLICA} requests.
 */
abstract class WorkspaceHarness {

  static final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  static ContextHarness harness;
  static Vertx vertx;
  static Pool pool;

  @BeforeAll
  static void deploy() {
    harness = ContextHarness.start(Map.of("publicUrl", "https://atrium.test/", "outbox.pollMillis", 20),
        List.of(Outbox.CHANGELOG, OrganizationVerticle.CHANGELOG, IdentityVerticle.CHANGELOG, WorkspaceVerticle.CHANGELOG));
    vertx = harness.vertx();
    pool = harness.pool();
    AtriumConfig config = harness.config();
    harness.deploy(new OrganizationVerticle(pool, config, clock));
    harness.deploy(new IdentityVerticle(pool, config, clock));
    harness.deploy(new WorkspaceVerticle(pool, config, clock));
    harness.deploy(new OutboxRelay(config)); // invitation mail goes out through the outbox
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

  /** A signed-up user: {@code {id, email, name, ...}}. */
  static JsonObject user(String name) {
    String email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID() + "@example.com";
    return ask(IdentityAddresses.SIGN_UP, new JsonObject().put("email", email).put("password", "a long enough password").put("name", name));
  }

  static String id(JsonObject user) {
    return user.getString("id");
  }

  /** Tells the workspace context a user's organization role, as the organization context does ({@code null}: removed). */
  static void role(String organizationId, JsonObject user, String role) {
    ask(OrganizationAddresses.ROLE_REPLICA, new JsonObject().put("organizationId", organizationId).put("userId", id(user)).put("role", role));
  }

  /** A new organization owned by {@code owner}, known to the workspace context. */
  static String organization(JsonObject owner) {
    String organizationId = UUID.randomUUID().toString();
    role(organizationId, owner, "owner");
    return organizationId;
  }

  static JsonObject workspace(JsonObject creator, String organizationId, String currency) {
    JsonObject request = as(creator).put("organizationId", organizationId).put("name", "Workspace " + UUID.randomUUID());
    if (currency != null) {
      request.put("currency", currency);
    }
    return ask(WorkspaceAddresses.CREATE, request);
  }

  static JsonObject as(JsonObject user) {
    return new JsonObject().put("userId", id(user));
  }

  static JsonObject in(JsonObject user, JsonObject workspace) {
    return as(user).put("workspaceId", workspace.getString("id"));
  }

  /** Gives a user direct access, as an admin changing their level would after they joined. */
  static void grant(JsonObject owner, JsonObject workspace, JsonObject user, String level) {
    String email = user.getString("email");
    ask(WorkspaceAddresses.INVITE, in(owner, workspace).put("email", email).put("accessLevel", level));
    ask(WorkspaceAddresses.ACCEPT_INVITATION, as(user).put("email", email).put("token", harness.latestToken(email)));
  }
}
