package io.atrium.server;

import io.atrium.server.testing.Reply;
import io.atrium.server.testing.TestApi;
import org.junit.jupiter.api.Test;

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
  void metricsArePrometheusTextOnTheManagementPort() throws Exception {
    api.get("/health/live", null).expect(200);
    var metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(api.management().resolve("/metrics")).timeout(java.time.Duration.ofSeconds(15)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body()).contains("vertx_http_server_requests_total");
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
