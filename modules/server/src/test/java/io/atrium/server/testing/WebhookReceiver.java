package io.atrium.server.testing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A real webhook receiver: a Vert.x HTTP server on a free port that keeps every request it gets and answers what the
 * test's script says (by default 200). Signatures are checked with the reference implementation,
 * {@code com.standardwebhooks:standardwebhooks}.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(String path, String id, String timestamp, String signature, String body, Instant at) {

    public JsonObject json() {
      return new JsonObject(body);
    }

    public Map<String, List<String>> headers() {
      return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(timestamp), "webhook-signature", List.of(signature));
    }

    /** The same request with another body: what an attacker who changed it in transit would send. */
    public Received withBody(String other) {
      return new Received(path, id, timestamp, signature, other, at);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final Map<String, Function<Received, Integer>> scripts = new ConcurrentHashMap<>();

  public WebhookReceiver() {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Received got = new Received(request.path(), request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
          request.getHeader("webhook-signature"), body.toString(), Instant.now());
      received.add(got);
      request.response().setStatusCode(scripts.getOrDefault(request.path(), r -> 200).apply(got)).end();
    })).listen(0, "127.0.0.1").await();
  }

  /** The URL of a path on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** How the path answers from now on. */
  public void answer(String path, Function<Received, Integer> script) {
    scripts.put(path, script);
  }

  /** Answers these statuses in turn, then 200. */
  public void answerInTurn(String path, Integer... statuses) {
    List<Integer> left = new ArrayList<>(Arrays.asList(statuses));
    answer(path, r -> {
      synchronized (left) {
        return left.isEmpty() ? 200 : left.remove(0);
      }
    });
  }

  public List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * Whether {@code secret} signed the request, by the reference implementation: {@link Webhook#verify} when the
   * timestamp is current, else (a test moved the API's clock, and verify refuses timestamps off by over five minutes
   * from the real time) the reference {@link Webhook#sign} of the same id, timestamp and body against each signature.
   */
  public static boolean verifies(String secret, Received request) {
    Webhook webhook = new Webhook(secret);
    long timestamp = Long.parseLong(request.timestamp());
    try {
      if (Math.abs(Instant.now().getEpochSecond() - timestamp) < Duration.ofMinutes(4).toSeconds()) {
        webhook.verify(request.body(), request.headers());
        return true;
      }
      String expected = webhook.sign(request.id(), timestamp, request.body());
      return Arrays.asList(request.signature().split(" ")).contains(expected);
    } catch (WebhookVerificationException e) {
      return false;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
