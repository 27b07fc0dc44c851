package io.atrium.server.testing;

import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.ApiProcess;
import io.atrium.server.Launch;
import io.atrium.server.WorkerProcess;
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
    var config = TestServices.get().config().with(java.util.Map.of(
        "login.maxFailuresPerClient", 100_000, "smtp.host", "127.0.0.1", "smtp.port", mail.port(), "operators", OPERATOR_EMAIL,
        "sso.allowLocalIssuers", true, "http.port", port, "publicUrl", "http://127.0.0.1:" + port));
    ApiProcess api = ApiProcess.start(vertx, config, clock).await();
    // The billing worker too, as `./atrium dev` runs it: top-ups, grants and usage reach the ledger end to end.
    WorkerProcess.start(vertx, config, clock).await();
    this.base = URI.create("http://127.0.0.1:" + api.port());
    this.management = URI.create("http://127.0.0.1:" + api.managementPort());
  }

  /** The management port's root ({@code /metrics}). */
  public URI management() {
    return management;
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

  /** The platform operator, signed up on first use (their email differs from the config's in case only). */
  public synchronized TestUser operator() {
    if (operator == null) {
      operator = newUser("Operator", OPERATOR_EMAIL.toLowerCase());
    }
    return operator;
  }

  /** Signs up a fresh user and signs them in. */
  public TestUser newUser(String name) {
    return newUser(name, name.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  private TestUser newUser(String name, String email) {
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
