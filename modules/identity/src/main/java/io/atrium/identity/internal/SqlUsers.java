package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class SqlUsers implements Users {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = "id, email, name, password_hash, email_verified, created_at";
  private static final String INSERT = "INSERT INTO identity.users (" + COLUMNS + ", email_normalized) VALUES ($1, $2, $3, $4, $5, $6, $7)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM identity.users WHERE id = $1";
  private static final String BY_EMAIL = "SELECT " + COLUMNS + " FROM identity.users WHERE email_normalized = $1";
  private static final String DELETE = "DELETE FROM identity.users WHERE id = $1";
  private static final String RENAME = "UPDATE identity.users SET name = $2 WHERE id = $1";
  private static final String BY_IDS = "SELECT " + COLUMNS + " FROM identity.users WHERE id = ANY($1)";
  private static final String MARK_VERIFIED = "UPDATE identity.users SET email_verified = true WHERE id = $1";
  // API tokens survive a password change on purpose: they are revoked one by one, not by signing in.
  private static final String REPLACE_PASSWORD = """
      WITH changed AS (UPDATE identity.users SET password_hash = $2 WHERE id = $1)
      UPDATE identity.tokens SET revoked_at = $4
       WHERE user_id = $1 AND kind = 'session' AND id <> $3 AND revoked_at IS NULL""";

  private static final Rejection EMAIL_TAKEN = new Rejection(Codes.CONFLICT, "A user with this email already exists",
      List.of(new Rejection.FieldError("email", "is already registered")));

  private final SqlClient client;

  SqlUsers(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(User user) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(user.id(), user.email(), user.name(), user.passwordHash(), user.emailVerified(),
            Times.toDb(user.createdAt()), User.normalize(user.email())))
        .<Void>mapEmpty()
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(EMAIL_TAKEN.failure())
            : Future.failedFuture(failure));
  }

  @Override
  public Future<Optional<User>> byId(UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).map(SqlUsers::first);
  }

  @Override
  public Future<Optional<User>> byEmail(String email) {
    return client.preparedQuery(BY_EMAIL).execute(Tuple.of(User.normalize(email))).map(SqlUsers::first);
  }

  @Override
  public Future<Void> delete(UUID id) {
    return client.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }

  @Override
  public Future<Void> rename(UUID id, String name) {
    return client.preparedQuery(RENAME).execute(Tuple.of(id, name)).mapEmpty();
  }

  @Override
  public Future<List<User>> byIds(List<UUID> ids) {
    return client.preparedQuery(BY_IDS).execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> { List<User> users = new java.util.ArrayList<>(); rows.forEach(row -> users.add(user(row))); return users; });
  }

  @Override
  public Future<Void> markEmailVerified(UUID id) {
    return client.preparedQuery(MARK_VERIFIED).execute(Tuple.of(id)).mapEmpty();
  }

  @Override
  public Future<Void> replacePassword(UUID id, String passwordHash, UUID keepSessionId, Instant now) {
    return client.preparedQuery(REPLACE_PASSWORD).execute(Tuple.of(id, passwordHash, keepSessionId, Times.toDb(now))).mapEmpty();
  }

  private static Optional<User> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    return Optional.of(user(rows.iterator().next()));
  }

  private static User user(Row row) {
    return new User(row.getUUID("id"), row.getString("email"), row.getString("name"),
        row.getString("password_hash"), row.getBoolean("email_verified"), Times.fromDb(row, "created_at"));
  }
}
