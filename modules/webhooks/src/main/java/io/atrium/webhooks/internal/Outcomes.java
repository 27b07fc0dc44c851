package io.atrium.webhooks.internal;

import io.atrium.platform.Outbox;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
  private static final String CLEAR_FAILING = "UPDATE webhooks.endpoints SET failing_since = NULL WHERE id = ANY ($1) AND failing_since IS NOT NULL";
  private static final String RECORD_SUCCESSES = "UPDATE webhooks.deliveries d SET status = 'succeeded', attempts = attempts + 1,"
      + " chain_attempts = chain_attempts + 1, next_attempt_at = NULL, claimed_until = NULL, last_status_code = u.code, last_attempt_at = u.at, duration_ms = u.ms"
      + " FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[]) AS u (id, code, at, ms) WHERE d.id = u.id AND d.status = 'pending'";
  private static final String MARK_FAILING = "UPDATE webhooks.endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1"
      + " RETURNING failing_since, enabled, organization_id, url";
  private static final String FAILING = "SELECT failing_since, enabled, organization_id FROM webhooks.endpoints WHERE id = $1";
  private static final String DISABLE = "UPDATE webhooks.endpoints SET enabled = false, updated_at = $2 WHERE id = $1 AND enabled";

  private final Pool pool;
  private final OrganizationLookups organizations;
  private final List<Duration> retryDelays;
  private final Duration disableAfter;
  private List<Success> gathering = new ArrayList<>();
  private boolean committing;

  Outcomes(Pool pool, OrganizationLookups organizations, List<Duration> retryDelays, Duration disableAfter) {
    this.pool = pool;
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
    UUID[] ids = batch.stream().map(s -> s.attempt().deliveryId()).toArray(UUID[]::new);
    Integer[] codes = batch.stream().map(Success::statusCode).toArray(Integer[]::new);
    OffsetDateTime[] ats = batch.stream().map(s -> Times.toDb(s.at())).toArray(OffsetDateTime[]::new);
    Integer[] millis = batch.stream().map(s -> (int) Math.min(Integer.MAX_VALUE, s.durationMs())).toArray(Integer[]::new);
    UUID[] endpoints = batch.stream().map(s -> s.attempt().endpointId()).distinct().toArray(UUID[]::new);
    pool.withTransaction(tx -> tx.preparedQuery(RECORD_SUCCESSES).execute(Tuple.of(ids, codes, ats, millis))
            .compose(done -> tx.preparedQuery(CLEAR_FAILING).execute(Tuple.of(endpoints))))
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
    return pool.preparedQuery(FAILING).execute(Tuple.of(attempt.endpointId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(List.<String>of());
      }
      var row = rows.iterator().next();
      OffsetDateTime since = row.getOffsetDateTime("failing_since");
      boolean mayDisable = row.getBoolean("enabled") && since != null && Duration.between(since.toInstant(), at).compareTo(disableAfter) >= 0;
      return mayDisable ? organizations.adminEmails(row.getUUID("organization_id")) : Future.succeededFuture((List<String>) null);
    }).compose(emails -> record(attempt, statusCode, at, durationMs, emails));
  }

  /** {@code emails} null: not asked for, so the endpoint is not disabled by this failure (a later one will). */
  private Future<Void> record(Attempt attempt, Integer statusCode, Instant at, long durationMs, List<String> emails) {
    int chain = attempt.chainAttempts() + 1;
    Instant next = chain <= retryDelays.size() ? at.plus(retryDelays.get(chain - 1)) : null;
    return pool.withTransaction(tx -> new Deliveries(tx).record(attempt.deliveryId(), next == null ? "failed" : "pending", next, statusCode, at, durationMs)
        .compose(recorded -> tx.preparedQuery(MARK_FAILING).execute(Tuple.of(attempt.endpointId(), Times.toDb(at))))
        .compose(rows -> {
          if (rows.size() == 0 || emails == null) {
            return Future.succeededFuture();
          }
          var row = rows.iterator().next();
          Instant since = row.getOffsetDateTime("failing_since").toInstant();
          if (!row.getBoolean("enabled") || Duration.between(since, at).compareTo(disableAfter) < 0) {
            return Future.succeededFuture();
          }
          return disable(tx, attempt.endpointId(), row.getUUID("organization_id"), row.getString("url"), since, at, emails);
        }));
  }

  private Future<Void> disable(io.vertx.sqlclient.SqlConnection tx, UUID endpointId, UUID organizationId, String url, Instant since, Instant at,
                               List<String> emails) {
    return tx.preparedQuery(DISABLE).execute(Tuple.of(endpointId, Times.toDb(at))).compose(rows -> {
      if (rows.rowCount() == 0) {
        return Future.succeededFuture();
      }
      log.warn("webhook {} of organization {} disabled: failing since {}", endpointId, organizationId, since);
      String text = "The webhook endpoint " + url + " (id " + endpointId + ") of your organization " + organizationId
          + " has failed every delivery since " + since + ", so Atrium has disabled it.\n\n"
          + "Its pending deliveries are marked failed. Once the endpoint answers again, enable it (PATCH /api/v1/organizations/"
          + organizationId + "/webhooks/" + endpointId + " with {\"enabled\": true}) and redeliver what you need from its delivery log.\n";
      return new Deliveries(tx).failPending(endpointId)
          .compose(failed -> Future.all(emails.stream().map(email -> Outbox.mail(tx, email, "Webhook endpoint disabled: " + url, text)).toList()))
          .mapEmpty();
    });
  }
}
