package io.atrium.identity.internal;

import io.atrium.identity.UserProfiles;
import io.atrium.platform.UnitOfWork;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/** The identity schema's ports, bound to one client: what a {@link UnitOfWork} hands its work. */
record IdentityTables(Users users, Tokens tokens, LoginFailures loginFailures, MailTokens mailTokens, SecondFactors secondFactors,
                      OperatorAuditLog operatorAuditLog, UserProfiles userProfiles) {

  /** The tables in PostgreSQL. */
  static UnitOfWork<IdentityTables> postgres(Pool pool) {
    return UnitOfWork.of(pool, IdentityTables::on);
  }

  private static IdentityTables on(SqlClient client) {
    return new IdentityTables(new SqlUsers(client), new SqlTokens(client), new SqlLoginFailures(client), new SqlMailTokens(client),
        new SqlSecondFactors(client), new SqlOperatorAuditLog(client), new SqlUserProfiles(client));
  }
}
