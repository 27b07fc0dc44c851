package io.atrium.organization;

import io.atrium.identity.IdentityAddresses;
import io.atrium.identity.IdentityVerticle;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxRelay;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.ContextHarness;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Deploys the real identity and organization contexts on a real database, with mail over real SMTP
 * (GreenMail); tests talk to them only over the event bus. The workspace context lives in a module that
 * depends on this one, so its two addresses are answered by stand-ins: {@code WORKSPACE_COUNT} with a
 * count the test sets, {@code ROLE_REPLICA} by a recorder (the server's HTTP tests run the real one).
 */
abstract class OrganizationHarness {

  static final String PUBLIC_URL = "https://atrium.test";

  static final MutableClock clock = new MutableClock(Instant.parse("2031-03-01T09:00:00Z"));
  static final Map<String, Long> workspaceCounts = new ConcurrentHashMap<>();
  static final List<JsonObject> replicated = new CopyOnWriteArrayList<>();
  static final List<JsonObject> membershipEvents = new CopyOnWriteArrayList<>();
  static ContextHarness harness;
  static Vertx vertx;
  static Pool pool;
  static Bus.Served replica;

  @BeforeAll
  static void deploy() {
    harness = ContextHarness.start(Map.of("publicUrl", PUBLIC_URL, "dns.server", Dnsmasq.get().server(), "outbox.pollMillis", 20),
        List.of(Outbox.CHANGELOG, IdentityVerticle.CHANGELOG, OrganizationVerticle.CHANGELOG));
    vertx = harness.vertx();
    pool = harness.pool();
    AtriumConfig config = harness.config();
    Bus.serve(vertx, OrganizationAddresses.WORKSPACE_COUNT, request -> Future.succeededFuture(
        new JsonObject().put("count", workspaceCounts.getOrDefault(request.getString("organizationId"), 0L)))).completion().await();
    serveReplica();
    vertx.eventBus().<JsonObject>consumer(OrganizationEvents.MEMBERSHIP_CHANGED, event -> membershipEvents.add(event.body()))
        .completion().await();
    harness.deploy(new OrganizationVerticle(pool, config, clock));
    harness.deploy(new IdentityVerticle(pool, config, clock));
    harness.deploy(new OutboxRelay(config)); // invitation mail goes out through the outbox
  }

  /** The stand-in for the workspace context's role replica: records every notice. */
  static void serveReplica() {
    replica = Bus.serve(vertx, OrganizationAddresses.ROLE_REPLICA, request -> {
      replicated.add(request);
      return Future.succeededFuture(new JsonObject());
    });
    replica.completion().await();
  }

  @AfterAll
  static void close() {
    ContextHarness.close(harness);
    harness = null;
  }

  /** A signed-up user: {@code id}, {@code email}, {@code name} and {@code organizationId} of their own organization. */
  record User(String id, String email, String name) {}

  static User signUp(String name) {
    // A local part holds at most 64 characters: long names are cut.
    String local = name.toLowerCase().replace(' ', '.');
    String email = local.substring(0, Math.min(local.length(), 20)) + "-" + UUID.randomUUID() + "@example.com";
    JsonObject user = ask(IdentityAddresses.SIGN_UP,
        new JsonObject().put("email", email).put("password", "a long enough password").put("name", name));
    return new User(user.getString("id"), email, name);
  }

  static String createOrganization(User owner, String name) {
    return ask(OrganizationAddresses.CREATE, new JsonObject().put("userId", owner.id()).put("name", name)).getString("id");
  }

  static JsonObject invite(User inviter, String organizationId, String email, String role) {
    return ask(OrganizationAddresses.INVITE, new JsonObject().put("userId", inviter.id())
        .put("organizationId", organizationId).put("email", email).put("role", role));
  }

  /** Invites the user, reads the token from the mail they got and accepts it as them. */
  static void join(User inviter, String organizationId, User user, String role) {
    invite(inviter, organizationId, user.email(), role);
    ask(OrganizationAddresses.ACCEPT_INVITATION, answer(user, tokenMailedTo(user.email())));
  }

  static JsonObject answer(User user, String token) {
    return new JsonObject().put("userId", user.id()).put("email", user.email()).put("token", token);
  }

  /** The token of the last invitation mailed to the address, from its {@code Token:} line. */
  static String tokenMailedTo(String email) {
    return harness.latestToken(email);
  }

  static MimeMessage lastMailTo(String email) {
    return harness.latestMailTo(email);
  }

  /** The replica notices received about one organization, in order. */
  static List<JsonObject> replicatedFor(String organizationId) {
    return replicated.stream().filter(notice -> organizationId.equals(notice.getString("organizationId"))).toList();
  }

  static JsonObject ask(String address, JsonObject body) {
    return harness.ask(address, body);
  }

  static Rejection rejection(String address, JsonObject body) {
    return harness.rejection(address, body);
  }

  /** Waits up to 10 s for something a background process does. */
  static void waitFor(java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static JsonObject request(User caller, String organizationId) {
    return new JsonObject().put("userId", caller.id()).put("organizationId", organizationId);
  }
}
