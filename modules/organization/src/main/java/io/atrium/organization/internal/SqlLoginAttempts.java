package io.atrium.organization.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

final class SqlLoginAttempts implements LoginAttempts {

  private static final String COLUMNS = "id, state_hash, browser_hash, organization_id, configuration_version, issuer, nonce,"
      + " code_verifier, created_at, expires_at, used_at";
  private static final String INSERT = "INSERT INTO organization.sso_login_attempts (" + COLUMNS
      + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
  private static final String LOCK = "SELECT " + COLUMNS + " FROM organization.sso_login_attempts WHERE state_hash = $1 FOR UPDATE";
  private static final String MARK_USED = "UPDATE organization.sso_login_attempts SET used_at = $2 WHERE id = $1";
  private static final String PURGE = "DELETE FROM organization.sso_login_attempts WHERE expires_at < $1";

  private final SqlClient client;

  SqlLoginAttempts(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(LoginAttempt a) {
    return client.preparedQuery(INSERT).execute(Tuple.from(new Object[] {a.id(), Buffer.buffer(a.stateHash()),
            Buffer.buffer(a.browserHash()), a.organizationId(), a.configurationVersion(), a.issuer(), a.nonce(), a.codeVerifier(),
            Times.toDb(a.createdAt()), Times.toDb(a.expiresAt()), Times.toDb(a.usedAt())}))
        .mapEmpty();
  }

  @Override
  public Future<LoginAttempt> lockByStateHash(byte[] stateHash) {
    return client.preparedQuery(LOCK).execute(Tuple.of(Buffer.buffer(stateHash)))
        .map(rows -> rows.size() == 0 ? null : attempt(rows.iterator().next()));
  }

  @Override
  public Future<Void> markUsed(LoginAttempt attempt, Instant now) {
    return client.preparedQuery(MARK_USED).execute(Tuple.of(attempt.id(), Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Void> purgeExpired(Instant cutoff) {
    return client.preparedQuery(PURGE).execute(Tuple.of(Times.toDb(cutoff))).mapEmpty();
  }

  private static LoginAttempt attempt(Row row) {
    return new LoginAttempt(row.getUUID("id"), row.getBuffer("state_hash").getBytes(), row.getBuffer("browser_hash").getBytes(),
        row.getUUID("organization_id"), row.getUUID("configuration_version"), row.getString("issuer"), row.getString("nonce"),
        row.getString("code_verifier"), Times.fromDb(row, "created_at"), Times.fromDb(row, "expires_at"), Times.fromDb(row, "used_at"));
  }
}
