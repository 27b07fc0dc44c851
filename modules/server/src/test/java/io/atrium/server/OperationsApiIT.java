package io.atrium.server;

import io.atrium.platform.Database;
import io.atrium.platform.DeadLetters;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.TestApi;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics, the OpenAPI document and request ids. */
class OperationsApiIT {

  private final TestApi api = TestApi.get();

  @Test
  void liveAndReady() {
    assertThat(api.get("/health/live", null).expect(200).json().getString("status")).isEqualTo("up");
    Reply ready = api.get("/health/ready", null).expect(200);
    assertThat(ready.json().getJsonObject("checks").getString("postgresql")).isEqualTo("up");
    assertThat(ready.json().getJsonObject("checks").getString("rabbitmq")).isEqualTo("up");
  }

  @Test
  void deadLettersAreAWarningAndTheProcessStaysReady() throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, TestServices.get().config());
    String id = "operations-it-" + UUID.randomUUID();
    try {
      DeadLetters.park(pool, new DeadLetters.DeadLetter(id, "billing", "p0", "billing.usage", "{}", "a test's dead letter", 5, null)).await();
      Reply ready = api.get("/health/ready", null).expect(200);
      assertThat(ready.json().getString("status")).isEqualTo("up");
      assertThat(ready.json().getLong("deadLetters")).isPositive();
      assertThat(ready.json().getJsonArray("warnings").encode()).contains("dead-letters list");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!metrics().matches("(?s).*\\natrium_dead_letters [1-9].*") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(metrics()).containsPattern("\\natrium_dead_letters [1-9]");
    } finally {
      pool.query("DELETE FROM platform.dead_letters WHERE id = '" + id + "'").execute().await();
      vertx.close().await();
    }
  }

  @Test
  void metricsArePrometheusTextOnTheManagementPort() throws Exception {
    api.get("/health/live", null).expect(200);
    var metrics = api.metrics();
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body()).contains("vertx_http_server_requests_total").contains("atrium_outbox_pending")
        .contains("atrium_outbox_oldest_age_seconds").contains("atrium_outbox_parked").contains("atrium_batch_apply_seconds_bucket");
    assertThat(api.get("/metrics", null).status()).as("not on the public port").isEqualTo(404);
  }

  private String metrics() throws Exception {
    return api.metrics().body();
  }

  @Test
  void theFaviconIsServed() {
    assertThat(api.get("/favicon.ico", null).expect(200).header("Content-Type")).isEqualTo("image/svg+xml");
  }

  @Test
  void theDevMailboxIsNeverServedWithSmtpConfigured() {
    // The test API sends mail over SMTP (GreenMail): mailed tokens must not be readable over HTTP.
    assertThat(api.get("/dev/mail", null).status()).isEqualTo(404);
  }

  @Test
  void theOpenApiDocumentIsServed() {
    Reply document = api.get("/api/v1/openapi.yaml", null).expect(200);
    assertThat(document.body()).startsWith("openapi: 3.1.0").contains("/me/api-tokens/{tokenId}");
  }

  @Test
  void everyResponseCarriesARequestId() {
    assertThat(api.get("/api/v1/me", null).header("X-Request-Id")).isNotBlank();
    Reply echoed = api.request("GET", "/health/live").header("X-Request-Id", "trace-123").send();
    assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-123");
    Reply replaced = api.request("GET", "/health/live").header("X-Request-Id", "bad id with spaces").send();
    assertThat(replaced.header("X-Request-Id")).isNotEqualTo("bad id with spaces").isNotBlank();
  }
}
