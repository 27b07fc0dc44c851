package io.atrium.webhooks.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records what an attempt came to. A 2xx succeeds; anything else is retried after the next of {@code retryDelays}
 * (counted from the start of this delivery's chain of attempts), and fails after the last. An endpoint that has
 * failed without a single success for {@code disableAfter} is disabled, its pending deliveries failed, and its
 * organization's owners and admins mailed, all in one transaction.
 */
final class Outcomes {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final UnitOfWork<WebhookTables> storage;
  private final OrganizationLookups organizations;
  private final List<Duration> retryDelays;
  private final Duration disableAfter;
  private List<Success> gathering = new ArrayList<>();
  private boolean committing;

  Outcomes(UnitOfWork<WebhookTables> storage, OrganizationLookups organizations, List<Duration> retryDelays, Duration disableAfter) {
    this.storage = storage;
    this.organizations = organizations;
    this.retryDelays = List.copyOf(retryDelays);
    this.disableAfter = disableAfter;
  }

  /**
   * Successes are written together: while one batch commits, the next gathers (group commit), so under load one
   * transaction records many deliveries, and alone a success is written at once.
   */
  Future<Void> succeeded(Attempt attempt, int statusCode, Instant at, long durationMs) {
    Promise<Void> recorded = Promise.promise();
    boolean flush;
    synchronized (this) {
      gathering.add(new Success(attempt, statusCode, at, durationMs, recorded));
      flush = !committing;
      committing = true;
    }
    if (flush) {
      flushSuccesses();
    }
    return recorded.future();
  }

  private void flushSuccesses() {
    List<Success> batch;
    synchronized (this) {
      if (gathering.isEmpty()) {
        committing = false;
        return;
      }
      batch = gathering;
      gathering = new ArrayList<>();
    }
    List<Deliveries.Success> successes = batch.stream()
        .map(s -> new Deliveries.Success(s.attempt().deliveryId(), s.statusCode(), s.at(), s.durationMs())).toList();
    List<UUID> endpoints = batch.stream().map(s -> s.attempt().endpointId()).distinct().toList();
    storage.transaction(tables -> tables.deliveries().succeeded(successes)
            .compose(done -> tables.endpoints().clearFailing(endpoints)))
        .onComplete(result -> {
          batch.forEach(s -> {
            if (result.succeeded()) {
              s.recorded().complete();
            } else {
              s.recorded().fail(result.cause());
            }
          });
          flushSuccesses();
        });
  }

  private record Success(Attempt attempt, int statusCode, Instant at, long durationMs, Promise<Void> recorded) {}

  /**
   * {@code statusCode} null: no answer (refused, reset, timed out, or an address not allowed). When this failure may
   * disable the endpoint, its organization's admins are asked first: no bus call waits inside the transaction.
   */
  Future<Void> failed(Attempt attempt, Integer statusCode, Instant at, long durationMs) {
    return storage.read().endpoints().failing(attempt.endpointId()).compose(failing -> {
      if (failing == null) {
        return Future.succeededFuture(List.<String>of());
      }
      boolean mayDisable = failing.enabled() && failing.since() != null && Duration.between(failing.since(), at).compareTo(disableAfter) >= 0;
      return mayDisable ? organizations.adminEmails(failing.organizationId()) : Future.succeededFuture((List<String>) null);
    }).compose(emails -> record(attempt, statusCode, at, durationMs, emails));
  }

  /** {@code emails} null: not asked for, so the endpoint is not disabled by this failure (a later one will). */
  private Future<Void> record(Attempt attempt, Integer statusCode, Instant at, long durationMs, List<String> emails) {
    int chain = attempt.chainAttempts() + 1;
    Instant next = chain <= retryDelays.size() ? at.plus(retryDelays.get(chain - 1)) : null;
    return storage.transaction((tables, outgoing) -> tables.deliveries()
        .record(attempt.deliveryId(), next == null ? "failed" : "pending", next, statusCode, at, durationMs)
        .compose(recorded -> tables.endpoints().markFailing(attempt.endpointId(), at))
        .compose(failing -> {
          if (failing == null || emails == null) {
            return Future.succeededFuture();
          }
          if (!failing.enabled() || Duration.between(failing.since(), at).compareTo(disableAfter) < 0) {
            return Future.succeededFuture();
          }
          return disable(tables, outgoing, attempt.endpointId(), failing, at, emails);
        }));
  }

  private Future<Void> disable(WebhookTables tables, UnitOfWork.Outgoing outgoing, UUID endpointId, Endpoints.Failing failing, Instant at,
                               List<String> emails) {
    UUID organizationId = failing.organizationId();
    String url = failing.url();
    Instant since = failing.since();
    return tables.endpoints().disable(endpointId, at).compose(disabled -> {
      if (!disabled) {
        return Future.succeededFuture();
      }
      log.warn("webhook {} of organization {} disabled: failing since {}", endpointId, organizationId, since);
      String text = "The webhook endpoint " + url + " (id " + endpointId + ") of your organization " + organizationId
          + " has failed every delivery since " + since + ", so Atrium has disabled it.\n\n"
          + "Its pending deliveries are marked failed. Once the endpoint answers again, enable it (PATCH /api/v1/organizations/"
          + organizationId + "/webhooks/" + endpointId + " with {\"enabled\": true}) and redeliver what you need from its delivery log.\n";
      return tables.deliveries().failPending(endpointId)
          .compose(failed -> Future.all(emails.stream().map(email -> outgoing.mail(email, "Webhook endpoint disabled: " + url, text)).toList()))
          .mapEmpty();
    });
  }
}
