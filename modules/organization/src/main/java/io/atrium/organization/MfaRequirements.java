package io.atrium.organization;

import io.atrium.organization.internal.OrganizationEndpoints;
import io.atrium.platform.Invalidations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.UUID;

/** The organization context's in-process contract for the server's two-factor gate. */
public interface MfaRequirements {

  /** Whether the organization requires two-factor sign-in of its members; false for an unknown one. No access check. */
  Future<Boolean> required(UUID organizationId);

  /**
   * Answers from a per-process cache, dropped for an organization when its requirement changes or it is deleted (an
   * {@code organization:<id>} notification of {@code invalidations}).
   */
  static MfaRequirements cached(Pool pool, Clock clock, Invalidations invalidations) {
    return OrganizationEndpoints.mfaRequirements(pool, clock, invalidations);
  }
}
