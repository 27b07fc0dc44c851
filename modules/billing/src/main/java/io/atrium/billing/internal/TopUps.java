package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.Optional;
import java.util.UUID;

/** Port: top-up requests (the API inserts them pending; the worker writes their outcome). */
interface TopUps {

  Future<Void> insertManual(SqlClient tx, TopUp topUp);

  Future<Optional<TopUp>> byId(SqlClient db, UUID workspaceId, UUID topUpId);
}
