package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.TcpProxy;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.TestApi;
import io.atrium.worker.WorkerProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API process and a worker process started while PostgreSQL and RabbitMQ are away (TCP proxies the test holds
 * shut): they wait, answer 503 on {@code /health/ready} (and the API "starting" on its routes), start serving once
 * both answer, go back to not ready while PostgreSQL is away again, and answer the probe even when its connections hang.
 */
class ServiceOutageIT {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Vertx vertx;
  private TcpProxy postgres;
  private TcpProxy broker;
  private AtriumConfig config;

  @BeforeEach
  void start() throws Exception {
    TestApi.get(); // the suite's API holds the scheduler's lock, so these processes never schedule runs
    // A plain Vert.x: closing one with metrics would stop the JVM's shared Prometheus registry under the suite's API.
    vertx = Vertx.vertx();
    AtriumConfig base = TestServices.get().config();
    URI pg = URI.create(base.string("pg.url"));
    URI amqp = URI.create(base.string("amqp.url"));
    postgres = new TcpProxy(vertx, pg.getHost(), pg.getPort() > 0 ? pg.getPort() : 5432);
    broker = new TcpProxy(vertx, amqp.getHost(), amqp.getPort() > 0 ? amqp.getPort() : 5672);
    config = base.with(Map.of("pg.url", postgres.rewrite(base.string("pg.url")), "amqp.url", broker.rewrite(base.string("amqp.url")),
        "http.port", freePort(), "worker.httpPort", freePort(), "startup.maxBackoffMillis", 500, "outbox.maxBackoffMillis", 500,
        "http.idleTimeoutSeconds", 5));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void processes_started_while_the_services_are_away_wait_and_are_not_ready_until_they_answer() throws Exception {
    Future<ApiProcess> api = ApiProcess.start(vertx, config, Clock.systemUTC());
    Future<Void> worker = WorkerProcess.start(vertx, config, Clock.systemUTC(), Launch.changelogs(), true);
    int apiPort = config.integer("http.port");
    int workerPort = config.integer("worker.httpPort");

    JsonObject apiReady = awaitAnswer(apiPort, "/health/ready", 503);
    assertThat(apiReady.getJsonObject("checks").getString("postgresql")).isEqualTo("down");
    assertThat(apiReady.getJsonObject("checks").getString("rabbitmq")).isEqualTo("down");
    assertThat(awaitAnswer(workerPort, "/health/ready", 503).getString("status")).isEqualTo("down");
    HttpResponse<String> starting = get(apiPort, "/api/v1/pricing");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    Thread.sleep(1500); // several attempts: neither gives up
    assertThat(api.failed() || worker.failed()).isFalse();
    assertThat(api.isComplete() || worker.isComplete()).isFalse();

    postgres.open().await();
    broker.open().await();
    api.await(30, TimeUnit.SECONDS);
    worker.await(30, TimeUnit.SECONDS);
    assertThat(awaitAnswer(apiPort, "/health/ready", 200).getString("status")).isEqualTo("up");
    assertThat(awaitAnswer(workerPort, "/health/ready", 200).getString("status")).isEqualTo("up");
    assertThat(get(apiPort, "/api/v1/me").statusCode()).isEqualTo(401);

    postgres.cut().await();
    assertThat(awaitAnswer(apiPort, "/health/ready", 503).getJsonObject("checks").getString("postgresql")).isEqualTo("down");
    postgres.open().await();
    assertThat(awaitAnswer(apiPort, "/health/ready", 200).getString("status")).isEqualTo("up");
    assertThat(get(workerPort, "/metrics").body()).contains("atrium_outbox_pending");
    try (java.net.Socket silent = new java.net.Socket("127.0.0.1", apiPort)) {
      silent.setSoTimeout(20_000);
      assertThat(silent.getInputStream().read()).as("a connection that sends nothing is closed after the idle timeout").isEqualTo(-1);
    }

    // PostgreSQL hangs (half-open connections, new ones too): the probe still answers, within its own bound.
    postgres.hang();
    HttpResponse<String> frozen = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/health/ready"))
        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(frozen.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(frozen.body()).getJsonObject("checks").getString("postgresql")).isEqualTo("down");
  }

  /** Waits until the path answers with {@code status}; returns its JSON body. */
  private JsonObject awaitAnswer(int port, String path, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        HttpResponse<String> response = get(port, path);
        if (response.statusCode() == status) {
          return new JsonObject(response.body());
        }
      } catch (java.io.IOException notListeningYet) {
        // the HTTP server is not up yet
      }
      assertThat(System.nanoTime()).as(path + " answering " + status).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
