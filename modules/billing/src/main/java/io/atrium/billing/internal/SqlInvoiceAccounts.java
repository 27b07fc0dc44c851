package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

final class SqlInvoiceAccounts implements InvoiceAccounts {

  private static final String COLUMNS = "id, organization_id, name, billing_email, address, vat_id, vat_rate, created_at";
  private static final String INSERT = "INSERT INTO billing.invoice_accounts (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM billing.invoice_accounts WHERE id = $1";
  private static final String OF_ORGANIZATION = "SELECT " + COLUMNS + " " + """
       FROM billing.invoice_accounts
       WHERE organization_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4""";

  private final SqlClient client;

  SqlInvoiceAccounts(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(InvoiceAccount a) {
    Tuple args = Tuple.of(a.id(), a.organizationId(), a.name(), a.billingEmail(), a.address(), a.vatId(), a.vatRate(),
        Times.toDb(a.createdAt()));
    return client.preparedQuery(INSERT).execute(args).mapEmpty();
  }

  @Override
  public Future<Optional<InvoiceAccount>> byId(UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next())));
  }

  @Override
  public Future<List<InvoiceAccount>> ofOrganization(UUID organizationId, Instant afterCreatedAt, UUID afterId, int limit) {
    return client.preparedQuery(OF_ORGANIZATION).execute(Tuple.of(organizationId, Times.toDb(afterCreatedAt), afterId, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SqlInvoiceAccounts::account).toList());
  }

  private static InvoiceAccount account(Row row) {
    return new InvoiceAccount(row.getUUID("id"), row.getUUID("organization_id"), row.getString("name"), row.getString("billing_email"),
        row.getString("address"), row.getString("vat_id"), row.getBigDecimal("vat_rate"), Times.fromDb(row, "created_at"));
  }
}
