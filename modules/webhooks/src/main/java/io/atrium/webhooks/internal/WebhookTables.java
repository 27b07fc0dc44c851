package io.atrium.webhooks.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/** The webhooks schema's ports, bound to one client: what a {@link UnitOfWork} hands its work. */
record WebhookTables(Endpoints endpoints, Deliveries deliveries) {

  /** The tables in PostgreSQL. */
  static UnitOfWork<WebhookTables> postgres(Pool pool) {
    return UnitOfWork.of(pool, WebhookTables::on);
  }

  private static WebhookTables on(SqlClient client) {
    return new WebhookTables(new SqlEndpoints(client), new SqlDeliveries(client));
  }
}
