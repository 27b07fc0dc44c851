package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.UUID;

final class SqlSsoConfigurations implements SsoConfigurations {

  private static final String SELECT = """
      SELECT c.organization_id, c.issuer, c.client_id, c.client_secret_encrypted, c.default_role, c.enforced, c.version,
             c.updated_at, ARRAY(SELECT d.domain FROM organization.sso_domains d
                                 WHERE d.organization_id = c.organization_id ORDER BY d.domain) AS domains,
             ARRAY(SELECT d.domain FROM organization.sso_domains d JOIN organization.domains v
                       ON v.organization_id = d.organization_id AND v.domain = d.domain AND v.status = 'verified'
                    WHERE d.organization_id = c.organization_id ORDER BY d.domain) AS verified_domains
        FROM organization.sso_configurations c""";
  private static final String FIND = SELECT + " WHERE c.organization_id = $1";
  private static final String BY_DOMAIN = SELECT
      + " WHERE c.organization_id = (SELECT d.organization_id FROM organization.sso_domains d JOIN organization.domains v"
      + " ON v.organization_id = d.organization_id AND v.domain = d.domain AND v.status = 'verified' WHERE d.domain = $1)";
  private static final String UPSERT = """
      INSERT INTO organization.sso_configurations
        (organization_id, issuer, client_id, client_secret_encrypted, default_role, enforced, version, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (organization_id) DO UPDATE SET issuer = $2, client_id = $3, client_secret_encrypted = $4,
        default_role = $5, enforced = $6, version = $7, updated_at = $8""";
  private static final String CLEAR_DOMAINS = "DELETE FROM organization.sso_domains WHERE organization_id = $1";
  private static final String ADD_DOMAINS =
      "INSERT INTO organization.sso_domains (domain, organization_id) SELECT unnest($2::text[]), $1";
  private static final String DELETE = "DELETE FROM organization.sso_configurations WHERE organization_id = $1";

  private final SqlClient client;

  SqlSsoConfigurations(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<SsoConfiguration> find(UUID organizationId) {
    return client.preparedQuery(FIND).execute(Tuple.of(organizationId)).map(SqlSsoConfigurations::first);
  }

  @Override
  public Future<SsoConfiguration> byDomain(String domain) {
    return client.preparedQuery(BY_DOMAIN).execute(Tuple.of(domain)).map(SqlSsoConfigurations::first);
  }

  @Override
  public Future<Void> save(SsoConfiguration c) {
    Tuple row = Tuple.from(new Object[] {c.organizationId(), c.issuer(), c.clientId(), Buffer.buffer(c.clientSecretEncrypted()),
        c.defaultRole().text(), c.enforced(), c.version(), Times.toDb(c.updatedAt())});
    return client.preparedQuery(UPSERT).execute(row)
        .compose(saved -> client.preparedQuery(CLEAR_DOMAINS).execute(Tuple.of(c.organizationId())))
        .compose(cleared -> client.preparedQuery(ADD_DOMAINS)
            .execute(Tuple.tuple().addUUID(c.organizationId()).addArrayOfString(c.emailDomains().toArray(String[]::new))))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> delete(UUID organizationId) {
    return client.preparedQuery(DELETE).execute(Tuple.of(organizationId)).map(rows -> rows.rowCount() > 0);
  }

  private static SsoConfiguration first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    return new SsoConfiguration(row.getUUID("organization_id"), row.getString("issuer"), row.getString("client_id"),
        row.getBuffer("client_secret_encrypted").getBytes(), Arrays.asList(row.getArrayOfStrings("domains")),
        Arrays.asList(row.getArrayOfStrings("verified_domains")),
        OrganizationRole.parse(row.getString("default_role")), row.getBoolean("enforced"), row.getUUID("version"), Times.fromDb(row, "updated_at"));
  }
}
