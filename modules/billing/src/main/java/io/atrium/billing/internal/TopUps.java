package io.atrium.billing.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.Optional;
import java.util.UUID;

/** Port: top-up requests (the API inserts them pending; the worker writes their outcome). */
interface TopUps {

  /** False (nothing written) when the workspace's account is closed. */
  Future<Boolean> insertManual(SqlClient tx, TopUp topUp, String cardReference);

  Future<Optional<TopUp>> byId(SqlClient db, UUID workspaceId, UUID topUpId);
}
