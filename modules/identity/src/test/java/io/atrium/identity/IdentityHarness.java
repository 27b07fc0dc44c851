package io.atrium.identity;

import io.atrium.platform.Bus;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.ContextHarness;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Deploys the identity context on a real database; tests talk to it only over the event bus. The
 * organization context lives in a module that depends on this one, so {@link IdentityAddresses#USER_REGISTERED}
 * is answered here by a recorder that stands in for it (the server's HTTP tests run the real one).
 */
abstract class IdentityHarness {

  static final String PASSWORD = "a long enough password";
  static final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  static ContextHarness harness;
  static Vertx vertx;
  static Pool pool;
  static final JsonArray registrations = new JsonArray();
  static Bus.Served organizations;

  @BeforeAll
  static void deploy() {
    harness = ContextHarness.start(Map.of(), List.of(IdentityVerticle.CHANGELOG));
    vertx = harness.vertx();
    pool = harness.pool();
    deployOrganizations();
    // No organization here enforces single sign-on; the server's HTTP tests cover enforcement.
    Bus.serve(vertx, IdentityAddresses.SSO_POLICY, request -> io.vertx.core.Future.succeededFuture(new JsonObject().put("enforced", false)))
        .completion().await();
    harness.deploy(new IdentityVerticle(pool, harness.config(), clock));
  }

  static void deployOrganizations() {
    organizations = Bus.serve(vertx, IdentityAddresses.USER_REGISTERED, request -> {
      registrations.add(request);
      return io.vertx.core.Future.succeededFuture(new JsonObject().put("id", UUID.randomUUID().toString()));
    });
    organizations.completion().await();
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

  static String uniqueEmail() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  /** Signs up a new user; returns the user. */
  static JsonObject signUp(String email, String name) {
    return ask(IdentityAddresses.SIGN_UP, new JsonObject().put("email", email).put("password", PASSWORD).put("name", name));
  }

  /** Signs up a new user whose email is verified (API tokens need it); returns the user. */
  static JsonObject verifiedSignUp(String email, String name) {
    JsonObject user = signUp(email, name);
    ask(IdentityAddresses.MARK_EMAIL_VERIFIED, new JsonObject().put("userId", user.getString("id")));
    return user;
  }

  static JsonObject signIn(String email, String password) {
    return ask(IdentityAddresses.SIGN_IN, signInRequest(email, password));
  }

  static JsonObject signInRequest(String email, String password) {
    return new JsonObject().put("email", email).put("password", password).put("clientAddress", "client-" + UUID.randomUUID());
  }

  static JsonObject authenticate(String token) {
    return ask(IdentityAddresses.AUTHENTICATE, new JsonObject().put("token", token));
  }
}
