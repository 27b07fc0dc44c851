package io.atrium.server.http;

import io.atrium.identity.Authenticator;
import io.atrium.organization.MfaRequirements;
import io.atrium.platform.Invalidations;
import io.atrium.platform.NotifiedCache;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/**
 * What every HTTP verticle of one API process shares, so a request seldom leaves its event loop: the authenticator
 * and the two-factor requirements with their caches, and which organization each workspace belongs to (that never
 * changes, so nothing needs to evict it).
 */
public record ProcessCaches(Authenticator authenticator, MfaRequirements mfaRequirements,
                            NotifiedCache<String, String> workspaceOrganizations) {

  public static ProcessCaches create(Pool pool, Clock clock, Invalidations invalidations) {
    return new ProcessCaches(Authenticator.cached(pool, clock, invalidations), MfaRequirements.cached(pool, clock, invalidations),
        new NotifiedCache<>(invalidations, 50_000, Duration.ofHours(1), clock));
  }
}
