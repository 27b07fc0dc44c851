package io.atrium.workspace;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Migrations;
import io.atrium.platform.ServingVerticle;
import io.atrium.workspace.internal.WorkspaceEndpoints;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The workspace context: answers {@link WorkspaceAddresses} (and the organization context's questions to it) on the event bus. */
public final class WorkspaceVerticle extends ServingVerticle {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("workspace", "db/workspace/changelog.yaml");

  public WorkspaceVerticle(Pool pool, AtriumConfig config, Clock clock) {
    super(vertx -> WorkspaceEndpoints.serve(vertx, pool, config, clock));
  }
}
