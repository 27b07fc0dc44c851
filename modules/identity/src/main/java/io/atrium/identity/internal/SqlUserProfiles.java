package io.atrium.identity.internal;

import io.atrium.identity.UserProfiles;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

/** {@link UserProfiles} on one client: the user and their two-factor state in one statement; stateless. */
final class SqlUserProfiles implements UserProfiles {

  private static final String PROFILE = """
      SELECT u.id, u.email, u.name, u.email_verified, t.enabled_at IS NOT NULL AS mfa_enabled
        FROM identity.users u LEFT JOIN identity.totp t ON t.user_id = u.id
       WHERE u.id = $1""";

  private final SqlClient client;

  SqlUserProfiles(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Optional<UserProfile>> profileOf(UUID userId) {
    return client.preparedQuery(PROFILE).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new UserProfile(row.getUUID("id"), row.getString("email"), row.getString("name"),
          row.getBoolean("email_verified"), row.getBoolean("mfa_enabled")));
    });
  }
}
