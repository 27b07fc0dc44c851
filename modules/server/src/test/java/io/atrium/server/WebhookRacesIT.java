package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook endpoints under races and slow receivers: a PATCH racing a DELETE, a redelivery asked for while the delivery is
 * being sent, and receivers that answer slowly (headers trickled past the timeout, or a status line followed by a body
 * that never ends), which must not hold the sending of another endpoint's deliveries.
 */
class WebhookRacesIT {

  private static final TestApi api = TestApi.get();
  private static final Tenants tenants = new Tenants(api);
  private SlowReceiver receiver;

  @BeforeEach
  void start() throws IOException {
    api.clock.set(Instant.now());
    receiver = new SlowReceiver();
  }

  @AfterEach
  void stop() throws IOException {
    receiver.close();
  }

  @Test
  void aPatchRacingADeleteAnswersOkOrNotFoundAndTheEndpointIsGone() throws Exception {
    TestUser owner = api.newUser("Race Owner");
    String orgId = tenants.createOrganization(owner, "Races");
    String hooks = "/api/v1/organizations/" + orgId + "/webhooks";
    for (int round = 0; round < 10; round++) {
      String id = api.post(hooks, owner.token(), new JsonObject().put("url", receiver.url("/race")).put("events", new JsonArray().add("webhook.test")))
          .expect(201).json().getString("id");
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<Reply> patch = CompletableFuture.supplyAsync(() -> {
        await(go);
        return api.request("PATCH", hooks + "/" + id).token(owner.token())
            .json(new JsonObject().put("enabled", false).put("url", receiver.url("/race-changed"))).send();
      });
      CompletableFuture<Reply> delete = CompletableFuture.supplyAsync(() -> {
        await(go);
        return api.request("DELETE", hooks + "/" + id).token(owner.token()).send();
      });
      go.countDown();
      Reply patched = patch.get(30, TimeUnit.SECONDS);
      Reply deleted = delete.get(30, TimeUnit.SECONDS);
      assertThat(deleted.status()).as("DELETE, round " + round).isEqualTo(204);
      assertThat(patched.status()).as("PATCH, round " + round + ": " + patched.body()).isIn(200, 404);
      if (patched.status() == 404) {
        assertThat(patched.json().getString("code")).isEqualTo("not_found");
      }
      api.get(hooks + "/" + id, owner.token()).expectProblem(404, "not_found");
    }
    assertThat(api.get(hooks, owner.token()).expect(200).json().getJsonArray("items")).as("nothing left half-deleted").isEmpty();
  }

  @Test
  void aRedeliveryAskedForWhileTheDeliveryIsInFlightIsAConflictAndSendsNothingMore() throws Exception {
    TestUser owner = api.newUser("Redeliver Owner");
    String orgId = tenants.createOrganization(owner, "Redeliveries");
    String webhook = endpoint(owner, orgId, "/held");
    receiver.hold("/held");
    api.post(webhook + "/test", owner.token(), new JsonObject()).expect(202);
    Eventually.holds(Duration.ofSeconds(20), "the receiver holds the request", () -> receiver.arrivals("/held") == 1);
    String deliveryId = deliveries(owner, webhook).getJsonObject(0).getString("id");

    JsonObject problem = api.post(webhook + "/deliveries/" + deliveryId + "/redeliver", owner.token(), new JsonObject())
        .expectProblem(409, "conflict");
    assertThat(problem.getString("detail")).contains("being sent now");
    receiver.release("/held");
    Eventually.holds(Duration.ofSeconds(20), "the held attempt is recorded", () -> "succeeded".equals(latest(owner, webhook).getString("status")));
    Thread.sleep(1500); // a second send, had the refused redelivery queued one, would be here by now
    assertThat(receiver.arrivals("/held")).as("the refused redelivery sent nothing").isEqualTo(1);

    api.post(webhook + "/deliveries/" + deliveryId + "/redeliver", owner.token(), new JsonObject()).expect(202);
    Eventually.holds(Duration.ofSeconds(20), "the redelivery arrives", () -> receiver.arrivals("/held") == 2);
    Eventually.holds(Duration.ofSeconds(20), "and is recorded", () -> Integer.valueOf(2).equals(latest(owner, webhook).getInteger("attempts")));
  }

  @Test
  void slowReceiversAreCutOffAtTheTimeoutAndHoldUpNoOtherEndpoint() throws Exception {
    TestUser owner = api.newUser("Slow Owner");
    String orgId = tenants.createOrganization(owner, "Slow receivers");
    String headers = endpoint(owner, orgId, "/trickle-headers");
    String body = endpoint(owner, orgId, "/trickle-body");
    String quick = endpoint(owner, orgId, "/quick");
    receiver.trickle("/trickle-headers", false);
    receiver.trickle("/trickle-body", true);
    api.post(headers + "/test", owner.token(), new JsonObject()).expect(202);
    api.post(body + "/test", owner.token(), new JsonObject()).expect(202);
    Eventually.holds(Duration.ofSeconds(20), "both slow receivers are trickling", () -> receiver.arrivals("/trickle-headers") == 1
        && receiver.arrivals("/trickle-body") == 1);

    // While both trickle, another endpoint of the organization is sent to and its answer recorded.
    api.post(quick + "/test", owner.token(), new JsonObject()).expect(202);
    Eventually.holds(Duration.ofSeconds(20), "the quick endpoint's delivery", () -> "succeeded".equals(latest(owner, quick).getString("status")));
    assertThat(receiver.finished()).as("no slow response has ended yet").isZero();

    // A status line that came is an answer, whatever the body does after it.
    Eventually.holds(Duration.ofSeconds(20), "the body trickler's status recorded", () -> Integer.valueOf(1).equals(latest(owner, body).getInteger("attempts")));
    JsonObject answered = deliveries(owner, body).getJsonObject(0);
    assertThat(answered.getString("status")).isEqualTo("succeeded");
    assertThat(answered.getInteger("lastStatusCode")).isEqualTo(200);

    // Headers still coming after the timeout: no answer, a failed attempt to retry later, recorded before they end.
    Eventually.holds(Duration.ofSeconds(30), "the header trickler's attempt recorded", () -> Integer.valueOf(1).equals(latest(owner, headers).getInteger("attempts")));
    JsonObject cut = deliveries(owner, headers).getJsonObject(0);
    assertThat(cut.getValue("lastStatusCode")).as("no status: it never finished answering").isNull();
    assertThat(cut.getString("status")).isEqualTo("pending");
    assertThat(receiver.finished()).as("cut off before either slow response ended").isZero();
    System.out.printf("header trickler cut off after %d ms (webhooks.timeoutMillis 10000)%n", cut.getInteger("durationMs"));
    Eventually.holds(Duration.ofSeconds(30), "both slow connections closed by the sender", () -> receiver.closedBySender() == 2);
  }

  private static String endpoint(TestUser owner, String orgId, String path) {
    return "/api/v1/organizations/" + orgId + "/webhooks/" + api.post("/api/v1/organizations/" + orgId + "/webhooks", owner.token(),
        new JsonObject().put("url", SlowReceiver.current.url(path)).put("events", new JsonArray().add("webhook.test"))).expect(201).json().getString("id");
  }

  private static JsonArray deliveries(TestUser caller, String webhook) {
    return api.get(webhook + "/deliveries", caller.token()).expect(200).json().getJsonArray("items");
  }

  /** The newest delivery of the endpoint; empty while there is none. */
  private static JsonObject latest(TestUser caller, String webhook) {
    JsonArray items = deliveries(caller, webhook);
    return items.isEmpty() ? new JsonObject() : items.getJsonObject(0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A receiver on a plain socket, a thread per connection: a path it holds answers 200 once released; a path it trickles
   * sends one byte a second for a minute, of its headers or (after a 200 status and headers) of a body that ends then.
   */
  private static final class SlowReceiver implements AutoCloseable {

    static SlowReceiver current;
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final java.util.Map<String, Integer> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, CountDownLatch> held = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Boolean> trickled = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger closedBySender = new AtomicInteger();
    private final List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());

    SlowReceiver() throws IOException {
      current = this;
      Thread accepting = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket connection = socket.accept();
            open.add(connection);
            Thread serving = new Thread(() -> serve(connection), "slow-receiver-connection");
            serving.setDaemon(true);
            serving.start();
          } catch (IOException closed) {
            return;
          }
        }
      }, "slow-receiver");
      accepting.setDaemon(true);
      accepting.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    void hold(String path) {
      held.put(path, new CountDownLatch(1));
    }

    void release(String path) {
      held.get(path).countDown();
    }

    /** {@code body}: a 200 status and headers at once, then the body a byte a second; else the headers a byte a second. */
    void trickle(String path, boolean body) {
      trickled.put(path, body);
    }

    int arrivals(String path) {
      return arrivals.getOrDefault(path, 0);
    }

    int finished() {
      return finished.get();
    }

    int closedBySender() {
      return closedBySender.get();
    }

    private void serve(Socket connection) {
      try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
        while (true) {
          String path = readRequest(in);
          if (path == null) {
            return;
          }
          arrivals.merge(path, 1, Integer::sum);
          CountDownLatch latch = held.get(path);
          if (latch != null) {
            latch.await(60, TimeUnit.SECONDS);
          }
          Boolean body = trickled.get(path);
          if (body == null) {
            out.write("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            continue;
          }
          String head = body ? "HTTP/1.1 200 OK\r\ncontent-length: 60\r\n\r\n" : "HTTP/1.1 200 OK\r\nx-slow: ";
          out.write(head.getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < 60; i++) {
            out.flush();
            Thread.sleep(1000);
            out.write('.');
          }
          out.write((body ? "" : "\r\ncontent-length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          finished.incrementAndGet();
          return;
        }
      } catch (IOException e) {
        closedBySender.incrementAndGet(); // a write to a connection the sender closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The request's path, its headers and body read (content-length); null at the end of the connection. */
    private static String readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        head.append((char) c);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      if (c == -1) {
        return null;
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      in.readNBytes(length);
      return head.toString().split(" ")[1];
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (open) {
        for (Socket connection : open) {
          connection.close();
        }
      }
    }
  }
}
