package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

final class SqlAlerts implements Alerts {

  private static final String READ = """
      SELECT a.runway_days, t.kind, t.amount FROM billing.accounts a
        LEFT JOIN billing.alert_thresholds t ON t.workspace_id = a.workspace_id
       WHERE a.workspace_id = $1 ORDER BY t.kind, t.amount""";
  // First the account row: its lock makes a concurrent replacement wait instead of colliding on the primary key.
  private static final String RUNWAY = "UPDATE billing.accounts SET runway_days = $2, updated_at = $3 WHERE workspace_id = $1";
  private static final String CLEAR = "DELETE FROM billing.alert_thresholds WHERE workspace_id = $1";
  private static final String INSERT = """
      INSERT INTO billing.alert_thresholds (workspace_id, kind, amount) SELECT $1, * FROM unnest($2::text[], $3::bigint[])""";

  private final SqlClient client;

  SqlAlerts(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<AlertSettings> of(UUID workspaceId) {
    return client.preparedQuery(READ).execute(Tuple.of(workspaceId)).map(rows -> {
      Integer runwayDays = null;
      List<AlertSettings.Threshold> thresholds = new ArrayList<>();
      for (Row row : rows) {
        runwayDays = row.getInteger("runway_days");
        if (row.getString("kind") != null) {
          thresholds.add(new AlertSettings.Threshold(row.getString("kind"), row.getLong("amount")));
        }
      }
      return new AlertSettings(thresholds, runwayDays);
    });
  }

  @Override
  public Future<AlertSettings> replace(UUID workspaceId, AlertSettings alerts, Instant at) {
    String[] kinds = alerts.thresholds().stream().map(AlertSettings.Threshold::kind).toArray(String[]::new);
    Long[] amounts = alerts.thresholds().stream().map(AlertSettings.Threshold::amount).toArray(Long[]::new);
    return client.preparedQuery(RUNWAY).execute(Tuple.of(workspaceId, alerts.runwayDays(), Times.toDb(at)))
        .compose(updated -> client.preparedQuery(CLEAR).execute(Tuple.of(workspaceId)))
        .compose(cleared -> client.preparedQuery(INSERT).execute(Tuple.of(workspaceId, kinds, amounts)))
        .compose(inserted -> of(workspaceId));
  }
}
