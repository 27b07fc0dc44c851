package io.atrium.server.testing;

import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.MailBox;
import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.ApiProcess;
import io.atrium.server.Launch;
import io.atrium.worker.WorkerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One real Atrium API (with its billing worker) per test JVM, on this run's own database and AMQP prefix, with a clock tests can
 * move. Tests talk to it only over HTTP, as any client would.
 */
public final class TestApi {

  /** The one platform operator of the test API (config {@code operators}); sign them in with {@link #operator()}. */
  public static final String OPERATOR_EMAIL = "Operator@Atrium.test";
  /** Also listed in config {@code operators}, never signed up by the harness: for tests of what makes a listed email count. */
  public static final String LISTED_EMAIL = "Listed@Atrium.test";

  private static TestApi instance;
  private TestUser operator;

  public final MutableClock clock = MutableClock.startingNow();
  public final MailBox mail = new MailBox();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final URI management;

  private TestApi() {
    Vertx vertx = Launch.vertx();
    // Every test calls from 127.0.0.1: a per-client limit that high lets the per-email limit be what tests meet.
    // publicUrl is where the API really listens, so links and the SSO callback lead back to it.
    int port = freePort();
    var config = TestServices.get().config().with(java.util.Map.ofEntries(
        java.util.Map.entry("login.maxFailuresPerClient", 100_000), java.util.Map.entry("passwordResets.maxPerClient", 100_000), java.util.Map.entry("smtp.host", "127.0.0.1"),
        java.util.Map.entry("smtp.port", mail.port()), java.util.Map.entry("operators", OPERATOR_EMAIL + ", " + LISTED_EMAIL),
        java.util.Map.entry("sso.allowLocalIssuers", true), java.util.Map.entry("http.port", port),
        java.util.Map.entry("publicUrl", "http://127.0.0.1:" + port),
        // Domains are proven against a real DNS server, and re-verified as soon as the moved clock makes them due.
        java.util.Map.entry("dns.server", Dnsmasq.get().server()), java.util.Map.entry("domains.recheck.pollMillis", 200),
        java.util.Map.entry("domains.recheck.retryMillis", 200),
        java.util.Map.entry("outbox.pollMillis", 20), java.util.Map.entry("metrics.sampleMillis", 200)));
    ApiProcess api = ApiProcess.start(vertx, config, clock).await();
    // The billing worker too, as `./atrium dev` runs it: top-ups, grants and usage reach the ledger end to end.
    WorkerProcess.start(vertx, config, clock, Launch.changelogs(), false).await();
    this.base = URI.create("http://127.0.0.1:" + api.port());
    this.management = URI.create("http://127.0.0.1:" + api.managementPort());
  }

  /** The management port's root ({@code /metrics}). */
  public URI management() {
    return management;
  }

  /** {@code GET /metrics} on the management port: its answer. Plain HTTP/1.1 (no h2c upgrade attempt, which the scrape never needs). */
  public HttpResponse<String> metrics() {
    return send(HttpRequest.newBuilder(management.resolve("/metrics")).version(HttpClient.Version.HTTP_1_1)
        .timeout(Duration.ofSeconds(15)).build());
  }

  public static synchronized TestApi get() {
    if (instance == null) {
      instance = new TestApi();
    }
    return instance;
  }

  public URI base() {
    return base;
  }

  public Request request(String method, String path) {
    return new Request(this, method, path);
  }

  public Reply get(String path, String token) {
    return request("GET", path).token(token).send();
  }

  public Reply post(String path, String token, JsonObject body) {
    return request("POST", path).token(token).json(body).send();
  }

  /**
   * The platform operator, signed up on first use (their email differs from the config's in case only), with the
   * email verified and two-factor sign-in on, as an operator must have them, and signed in through the second factor
   * (operator routes take no other token).
   */
  public synchronized TestUser operator() {
    if (operator == null) {
      TestUser user = newUser("Operator", OPERATOR_EMAIL.toLowerCase());
      verifyEmail(user);
      operator = signInWithSecondFactor(user, enrolTotp(user).recoveryCodes().get(0));
    }
    return operator;
  }

  /** Verifies the user's email with the token of the latest verification mail, as the link in it would. */
  public void verifyEmail(TestUser user) {
    post("/api/v1/users/verify-email", null, new JsonObject().put("token", mail.latestToken(user.email(), "atr_ver_"))).expect(200);
  }

  /** Verifies the user's email unless it is already (API tokens and two-factor enrolment need a verified email). */
  public TestUser verifiedEmail(TestUser user) {
    if (!get("/api/v1/me", user.token()).expect(200).json().getBoolean("emailVerified")) {
      verifyEmail(user);
    }
    return user;
  }

  /** Signs in with the password, then with the recovery code: the user holding that session. */
  public TestUser signInWithSecondFactor(TestUser user, String recoveryCode) {
    String mfaToken = post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", user.password()))
        .expectProblem(401, "mfa_required").getString("mfaToken");
    String token = post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", mfaToken).put("recoveryCode", recoveryCode))
        .expect(201).json().getString("token");
    return new TestUser(user.id(), user.email(), user.password(), user.name(), token);
  }

  /**
   * Turns two-factor sign-in on for the user with a code computed from the secret; the secret and recovery codes.
   * Enrolment needs a verified email: an unverified one is verified first.
   */
  public Enrolment enrolTotp(TestUser user) {
    verifiedEmail(user);
    String secret = post("/api/v1/me/mfa/totp", user.token(), new JsonObject()).expect(201).json().getString("secret");
    JsonObject confirmed = post("/api/v1/me/mfa/totp/confirm", user.token(),
        new JsonObject().put("code", Totp.at(secret, clock.instant()))).expect(200).json();
    return new Enrolment(secret, confirmed.getJsonArray("recoveryCodes").stream().map(String::valueOf).toList());
  }

  /** What enrolment showed once: the TOTP secret (for an authenticator app) and the recovery codes. */
  public record Enrolment(String secret, java.util.List<String> recoveryCodes) {}

  /** Signs up a fresh user and signs them in. */
  public TestUser newUser(String name) {
    return newUser(name, name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  public TestUser newUser(String name, String email) {
    String password = "correct horse battery " + UUID.randomUUID().toString().substring(0, 6);
    Reply signUp = post("/api/v1/users", null, new JsonObject().put("email", email).put("password", password).put("name", name));
    signUp.expect(201);
    Reply session = post("/api/v1/sessions", null, new JsonObject().put("email", email).put("password", password));
    session.expect(201);
    return new TestUser(signUp.json().getString("id"), email, password, name, session.json().getString("token"));
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    }
  }

  public record TestUser(String id, String email, String password, String name, String token) {}
}
