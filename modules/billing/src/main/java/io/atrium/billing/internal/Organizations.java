package io.atrium.billing.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: the organization context, asked over the event bus. */
interface Organizations {

  /** Succeeds when the organization exists; {@code not_found} otherwise. */
  Future<Void> exists(UUID organizationId);

  /** The user's role ({@code owner}, {@code admin}, {@code member}), or null when they do not belong to it. */
  Future<String> roleOf(UUID userId, UUID organizationId);
}
