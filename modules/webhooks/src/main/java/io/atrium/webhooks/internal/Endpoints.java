package io.atrium.webhooks.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Port: the organizations' webhook endpoints, with their sealed signing secrets and failure state. */
interface Endpoints {

  /** An endpoint's failure state: failing without a success since {@code since} (null: it is not failing). */
  record Failing(Instant since, boolean enabled, UUID organizationId, String url) {}

  /** Where an endpoint's window of manual sends stands after counting one more. */
  record ManualWindow(Instant start, int sends) {}

  /** The organization's endpoints, counted under its lock (held till the transaction ends). */
  Future<Long> countLocked(UUID organizationId);

  Future<Void> insert(Endpoint endpoint, byte[] sealedSecret);

  /** The organization's endpoint, or null. */
  Future<Endpoint> find(UUID organizationId, UUID id);

  /** Oldest first, after the key (null: from the start). */
  Future<List<Endpoint>> page(UUID organizationId, Instant afterCreatedAt, UUID afterId, int limit);

  /** False when the endpoint is gone (deleted meanwhile). Enabling it again forgets the failures that disabled it. */
  Future<Boolean> update(Endpoint endpoint, Instant now);

  Future<Boolean> delete(UUID organizationId, UUID id);

  /** The new secret signs from now on; the current one beside it until {@code previousUntil}. */
  Future<Boolean> rotate(UUID organizationId, UUID id, byte[] sealedSecret, Instant previousUntil, Instant now);

  /** The enabled endpoints of {@code organizationIds}, and the endpoints {@code ids} (enabled or not), in one statement. */
  Future<List<Endpoint>> ofOrganizations(Collection<UUID> organizationIds, Collection<UUID> ids);

  /** The endpoint's failure state ({@code url} not read), or null when it is gone. */
  Future<Failing> failing(UUID endpointId);

  /** Failing since {@code at} unless it was already; answers its state (null: gone). */
  Future<Failing> markFailing(UUID endpointId, Instant at);

  /** Not failing any more, those that were. */
  Future<Void> clearFailing(Collection<UUID> endpointIds);

  /** False when it was disabled already (or is gone). */
  Future<Boolean> disable(UUID endpointId, Instant now);

  /**
   * One more manual send in the endpoint's window, which starts anew at {@code now} when it began at or before
   * {@code windowStartedBy}; null when the endpoint is gone.
   */
  Future<ManualWindow> countManualSend(UUID endpointId, Instant now, Instant windowStartedBy);
}
