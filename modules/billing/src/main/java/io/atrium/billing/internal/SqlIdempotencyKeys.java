package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Optional;

final class SqlIdempotencyKeys implements IdempotencyKeys {

  // The answer is a placeholder until answer() fills it in the same transaction; nobody sees it before commit.
  private static final String CLAIM = """
      INSERT INTO billing.idempotency_keys (scope, key, request_hash, response_status, response, created_at)
      VALUES ($1, $2, $3, 0, '{}', $4) ON CONFLICT (scope, key) DO NOTHING RETURNING key""";
  private static final String ANSWER = "UPDATE billing.idempotency_keys SET response_status = $3, response = $4 WHERE scope = $1 AND key = $2";
  private static final String FIND = "SELECT request_hash, response_status, response FROM billing.idempotency_keys WHERE scope = $1 AND key = $2";

  private final SqlClient client;

  SqlIdempotencyKeys(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Boolean> claim(String scope, String key, byte[] requestHash, Instant at) {
    return client.preparedQuery(CLAIM).execute(Tuple.of(scope, key, Buffer.buffer(requestHash), Times.toDb(at))).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> answer(String scope, String key, int status, JsonObject response) {
    return client.preparedQuery(ANSWER).execute(Tuple.of(scope, key, status, response)).mapEmpty();
  }

  @Override
  public Future<Optional<Stored>> find(String scope, String key) {
    return client.preparedQuery(FIND).execute(Tuple.of(scope, key)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new Stored(row.getBuffer("request_hash").getBytes(), row.getInteger("response_status"), row.getJsonObject("response")));
    });
  }
}
