package io.atrium.workspace;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Migrations;
import io.atrium.platform.ServingVerticle;
import io.atrium.workspace.internal.WorkspaceEndpoints;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The workspace context: answers {@link WorkspaceAddresses} (and the organization context's questions to it) on the event bus. */
public final class WorkspaceVerticle extends ServingVerticle {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("workspace", "db/workspace/changelog.yaml");

  /** Without caches: every read asks the database. */
  public WorkspaceVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this(pool, config, clock, Invalidations.none());
  }

  /** Caches each user's workspaces for {@code GET /me}, kept true by {@code invalidations}. */
  public WorkspaceVerticle(Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations) {
    super(vertx -> WorkspaceEndpoints.serve(vertx, pool, config, clock, invalidations));
  }
}
