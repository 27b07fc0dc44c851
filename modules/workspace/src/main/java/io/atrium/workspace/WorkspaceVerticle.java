package io.atrium.workspace;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Migrations;
import io.atrium.workspace.internal.WorkspaceEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The workspace context: answers {@link WorkspaceAddresses} (and the organization context's questions to it) on the event bus. */
public final class WorkspaceVerticle extends VerticleBase {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("workspace", "db/workspace/changelog.yaml");

  private final Pool pool;
  private final AtriumConfig config;
  private final Clock clock;

  public WorkspaceVerticle(Pool pool, AtriumConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return WorkspaceEndpoints.serve(vertx, pool, config, clock);
  }
}
