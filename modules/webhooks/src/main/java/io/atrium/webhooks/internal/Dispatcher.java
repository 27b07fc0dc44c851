package io.atrium.webhooks.internal;

import io.atrium.platform.PublicAddresses;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends due deliveries: a sweep claims them from the database (leased, so a process that dies gives them back when
 * the lease ends), and each endpoint has at most {@code maxInFlightPerEndpoint} requests open, the rest waiting
 * here; no endpoint is claimed beyond twice that in hand (in the claim's SQL), so one slow receiver or one
 * organization's backlog holds up no other. Every
 * request ends within {@code timeoutMillis}. Non-blocking throughout; state is guarded by this object's lock.
 */
public final class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int CLAIM_BATCH = 200;

  private final Vertx vertx;
  private final UnitOfWork<WebhookTables> storage;
  private final Clock clock;
  private final SigningSecrets secrets;
  private final Outcomes outcomes;
  private final DeliverySettings settings;
  private final HttpClient http;
  private final Function<String, Future<InetAddress>> connectable;
  private final Map<UUID, Lane> lanes = new HashMap<>();
  private long lastSweepWarning;
  private int inHand;
  private boolean sweeping;
  private boolean again;
  private long timer = -1;

  private static final class Lane {
    int inFlight;
    final ArrayDeque<Attempt> waiting = new ArrayDeque<>();
  }

  /**
   * {@code connectable}: the address to connect to for a URL's host, checked now ({@link PublicAddresses#connectable});
   * {@code client}: the HTTP client's options, {@link #clientOptions} of the settings.
   */
  Dispatcher(Vertx vertx, UnitOfWork<WebhookTables> storage, Clock clock, SigningSecrets secrets, Outcomes outcomes, DeliverySettings settings,
             Function<String, Future<InetAddress>> connectable, HttpClientOptions client) {
    this.connectable = connectable;
    this.vertx = vertx;
    this.storage = storage;
    this.clock = clock;
    this.secrets = secrets;
    this.outcomes = outcomes;
    this.settings = settings;
    this.http = vertx.createHttpClient(client, new PoolOptions().setHttp1MaxSize(settings.maxInFlightPerEndpoint()));
  }

  /** Connecting and each silence bounded by the timeout; TLS verifies the URL's host name (the default). */
  static HttpClientOptions clientOptions(DeliverySettings settings) {
    return new HttpClientOptions().setConnectTimeout(settings.timeoutMillis())
        .setIdleTimeout(settings.timeoutMillis()).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public void start() {
    timer = vertx.setPeriodic(settings.sweepMillis(), id -> sweep());
  }

  public void stop() {
    vertx.cancelTimer(timer);
    http.close();
  }

  /** Sweeps now (new deliveries were just written). */
  public void sweep() {
    Map<UUID, Integer> held = new HashMap<>();
    int room;
    synchronized (this) {
      if (sweeping) {
        again = true;
        return;
      }
      room = Math.min(CLAIM_BATCH, settings.maxInHand() - inHand);
      if (room <= 0) {
        return;
      }
      sweeping = true;
      lanes.forEach((endpoint, lane) -> held.put(endpoint, lane.inFlight + lane.waiting.size()));
    }
    Instant now = Times.now(clock);
    int limit = room;
    storage.read().deliveries().claim(now, now.plus(settings.lease()), limit, held, 2 * settings.maxInFlightPerEndpoint()).onComplete(claimed -> {
      boolean more;
      synchronized (this) {
        sweeping = false;
        more = again || claimed.succeeded() && claimed.result().size() == limit;
        again = false;
      }
      if (claimed.failed()) {
        warnSweepFailed(claimed.cause());
        return;
      }
      claimed.result().forEach(this::submit);
      if (more) {
        vertx.runOnContext(v -> sweep());
      }
    });
  }

  /** Once every 30 s at most while the database is away: the sweep runs every {@code sweepMillis}. */
  private synchronized void warnSweepFailed(Throwable cause) {
    long now = System.nanoTime();
    if (lastSweepWarning == 0 || now - lastSweepWarning > 30_000_000_000L) {
      lastSweepWarning = now;
      log.warn("webhook sweep failed (retried every {} ms): {}", settings.sweepMillis(), cause.toString());
    }
  }

  private void submit(Attempt attempt) {
    synchronized (this) {
      inHand++;
      Lane lane = lanes.computeIfAbsent(attempt.endpointId(), id -> new Lane());
      if (lane.inFlight >= settings.maxInFlightPerEndpoint()) {
        lane.waiting.add(attempt);
        return;
      }
      lane.inFlight++;
    }
    send(attempt);
  }

  private void send(Attempt attempt) {
    Instant at = Times.now(clock);
    long started = System.nanoTime();
    Future<Integer> answered;
    try {
      answered = post(attempt, at.getEpochSecond(), signatures(attempt, at));
    } catch (RuntimeException e) {
      answered = Future.failedFuture(e);
    }
    answered.transform(result -> {
      long millis = (System.nanoTime() - started) / 1_000_000;
      // The endpoint's slot is free once it answered; the lease keeps the delivery from other sweeps till it is recorded.
      answeredBy(attempt);
      boolean ok = result.succeeded() && result.result() >= 200 && result.result() < 300;
      return ok ? outcomes.succeeded(attempt, result.result(), at, millis)
          : outcomes.failed(attempt, result.succeeded() ? result.result() : null, at, millis);
    }).onComplete(recorded -> {
      if (recorded.failed()) {
        // The lease brings the delivery back: it is sent again, never lost.
        log.warn("webhook delivery {}: outcome not recorded ({}); it is retried when its lease ends", attempt.deliveryId(), recorded.cause().toString());
      }
      synchronized (this) {
        inHand--;
      }
    });
  }

  private void answeredBy(Attempt attempt) {
    Attempt next;
    boolean refill;
    synchronized (this) {
      Lane lane = lanes.get(attempt.endpointId());
      next = lane.waiting.poll();
      if (next == null) {
        lane.inFlight--;
        if (lane.inFlight == 0) {
          lanes.remove(attempt.endpointId());
        }
      }
      // Down to one round of requests in hand: sweep for more now rather than leave the endpoint idle till the timer.
      refill = lane.inFlight + lane.waiting.size() == settings.maxInFlightPerEndpoint();
    }
    if (next != null) {
      send(next);
    }
    if (refill) {
      sweep();
    }
  }

  /** The current secret's signature, and the previous one's during its overlap, space-separated. */
  private String signatures(Attempt attempt, Instant at) {
    long timestamp = at.getEpochSecond();
    byte[] body = attempt.body().getBytes();
    String id = attempt.eventId().toString();
    String signatures = SigningSecrets.signature(secrets.key(attempt.secret(), attempt.endpointId()), id, timestamp, body);
    if (attempt.previousSecret() != null && attempt.previousUntil() != null && at.isBefore(attempt.previousUntil())) {
      signatures += " " + SigningSecrets.signature(secrets.key(attempt.previousSecret(), attempt.endpointId()), id, timestamp, body);
    }
    return signatures;
  }

  /**
   * The receiver's status code; fails when it gave none within the timeout. Redirects are not followed. The host is
   * resolved now and the request goes to the address checked (Host and TLS name stay the URL's host), so a name
   * that answers with a private address by now (DNS rebinding, or saved under the development switch) is not reached.
   */
  private Future<Integer> post(Attempt attempt, long timestamp, String signatures) {
    Promise<Integer> answer = Promise.promise();
    long deadline = vertx.setTimer(settings.timeoutMillis(), id -> answer.tryFail("no answer within " + settings.timeoutMillis() + " ms"));
    URI uri = URI.create(attempt.url());
    connectable.apply(uri.getHost()).onComplete(checked -> {
      if (checked.failed()) {
        answer.tryFail(checked.cause());
      } else if (!answer.future().isComplete()) {
        open(attempt, uri, checked.result(), timestamp, signatures, answer);
      }
    });
    return answer.future().onComplete(done -> vertx.cancelTimer(deadline));
  }

  /** Settles on the status line: a receiver that trickles its body after it has answered still answered. */
  private void open(Attempt attempt, URI uri, InetAddress address, long timestamp, String signatures, Promise<Integer> answer) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(attempt.url())
        .putHeader("content-type", "application/json").putHeader("user-agent", "Atrium-Webhooks/1").putHeader("webhook-id", attempt.eventId().toString())
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", signatures);
    if (address != null) {
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      options.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)));
    }
    http.request(options).onComplete(opened -> {
      if (opened.failed()) {
        answer.tryFail(opened.cause());
        return;
      }
      var request = opened.result();
      answer.future().onFailure(e -> request.reset());
      request.send(attempt.body()).onComplete(sent -> {
        if (sent.succeeded()) {
          var response = sent.result();
          answer.tryComplete(response.statusCode());
          // The body is not wanted: drained while it comes, and the connection closed if it is still coming after the timeout.
          long draining = vertx.setTimer(settings.timeoutMillis(), id -> request.connection().close());
          response.exceptionHandler(ignored -> vertx.cancelTimer(draining)).handler(ignored -> { })
              .endHandler(ended -> vertx.cancelTimer(draining));
        } else {
          answer.tryFail(sent.cause());
        }
      });
    });
  }
}
