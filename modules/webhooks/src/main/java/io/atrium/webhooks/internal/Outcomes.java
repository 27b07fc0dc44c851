package io.atrium.webhooks.internal;

import io.atrium.platform.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
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
  private static final String CLEAR_FAILING = "UPDATE webhooks.endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL";
  private static final String MARK_FAILING = "UPDATE webhooks.endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1"
      + " RETURNING failing_since, enabled, organization_id, url";
  private static final String DISABLE = "UPDATE webhooks.endpoints SET enabled = false, updated_at = $2 WHERE id = $1 AND enabled";

  private final Pool pool;
  private final Organizations organizations;
  private final List<Duration> retryDelays;
  private final Duration disableAfter;

  Outcomes(Pool pool, Organizations organizations, List<Duration> retryDelays, Duration disableAfter) {
    this.pool = pool;
    this.organizations = organizations;
    this.retryDelays = List.copyOf(retryDelays);
    this.disableAfter = disableAfter;
  }

  Future<Void> succeeded(Attempt attempt, int statusCode, Instant at, long durationMs) {
    return pool.withTransaction(tx -> new Deliveries(tx).record(attempt.deliveryId(), "succeeded", null, statusCode, at, durationMs)
        .compose(recorded -> tx.preparedQuery(CLEAR_FAILING).execute(Tuple.of(attempt.endpointId()))).mapEmpty());
  }

  /** {@code statusCode} null: no answer (refused, reset, timed out). */
  Future<Void> failed(Attempt attempt, Integer statusCode, Instant at, long durationMs) {
    int chain = attempt.chainAttempts() + 1;
    Instant next = chain <= retryDelays.size() ? at.plus(retryDelays.get(chain - 1)) : null;
    return pool.withTransaction(tx -> new Deliveries(tx).record(attempt.deliveryId(), next == null ? "failed" : "pending", next, statusCode, at, durationMs)
        .compose(recorded -> tx.preparedQuery(MARK_FAILING).execute(Tuple.of(attempt.endpointId(), io.atrium.platform.Times.toDb(at))))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          var row = rows.iterator().next();
          Instant since = row.getOffsetDateTime("failing_since").toInstant();
          if (!row.getBoolean("enabled") || Duration.between(since, at).compareTo(disableAfter) < 0) {
            return Future.succeededFuture();
          }
          return disable(tx, attempt.endpointId(), row.getUUID("organization_id"), row.getString("url"), since, at);
        }));
  }

  private Future<Void> disable(io.vertx.sqlclient.SqlConnection tx, UUID endpointId, UUID organizationId, String url, Instant since, Instant at) {
    return tx.preparedQuery(DISABLE).execute(Tuple.of(endpointId, io.atrium.platform.Times.toDb(at))).compose(rows -> {
      if (rows.rowCount() == 0) {
        return Future.succeededFuture();
      }
      log.warn("webhook {} of organization {} disabled: failing since {}", endpointId, organizationId, since);
      String text = "The webhook endpoint " + url + " (id " + endpointId + ") of your organization " + organizationId
          + " has failed every delivery since " + since + ", so Atrium has disabled it.\n\n"
          + "Its pending deliveries are marked failed. Once the endpoint answers again, enable it (PATCH /api/v1/organizations/"
          + organizationId + "/webhooks/" + endpointId + " with {\"enabled\": true}) and redeliver what you need from its delivery log.\n";
      return new Deliveries(tx).failPending(endpointId)
          .compose(failed -> organizations.adminEmails(organizationId))
          .compose(emails -> Future.all(emails.stream().map(email -> Outbox.mail(tx, email, "Webhook endpoint disabled: " + url, text)).toList()))
          .mapEmpty();
    });
  }
}
