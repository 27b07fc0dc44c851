package io.atrium.organization.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

final class SqlDomains implements Domains {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS =
      "SELECT organization_id, domain, status, txt_value, created_at, verified_at, checked_at FROM organization.domains";
  private static final String INSERT = """
      INSERT INTO organization.domains (organization_id, domain, status, txt_value, created_at)
      VALUES ($1, $2, 'pending', $3, $4)""";
  private static final String FIND = COLUMNS + " WHERE organization_id = $1 AND domain = $2";
  private static final String PAGE = COLUMNS + " WHERE organization_id = $1 AND ($2::text IS NULL OR domain > $2) ORDER BY domain LIMIT $3";
  private static final String COUNT = "SELECT count(*) AS n FROM organization.domains WHERE organization_id = $1";
  private static final String VERIFIED_ELSEWHERE =
      "SELECT 1 FROM organization.domains WHERE domain = $1 AND status = 'verified' AND organization_id <> $2";
  private static final String VERIFIED_OF =
      "SELECT domain FROM organization.domains WHERE organization_id = $1 AND status = 'verified' ORDER BY domain";
  private static final String MARK_VERIFIED = """
      UPDATE organization.domains SET status = 'verified', verified_at = CASE WHEN status = 'verified' THEN verified_at ELSE $3 END,
             checked_at = $3, unanswered_since = NULL
       WHERE organization_id = $1 AND domain = $2""";
  private static final String MARK_FAILED =
      "UPDATE organization.domains SET status = 'failed', checked_at = $3, unanswered_since = NULL WHERE organization_id = $1 AND domain = $2";
  private static final String MARK_CHECKED =
      "UPDATE organization.domains SET checked_at = $3 WHERE organization_id = $1 AND domain = $2";
  private static final String MARK_UNANSWERED = """
      UPDATE organization.domains SET checked_at = $3, unanswered_since = coalesce(unanswered_since, $3)
       WHERE organization_id = $1 AND domain = $2 AND status = 'verified' AND txt_value = $4
      RETURNING unanswered_since""";
  private static final String DELETE = "DELETE FROM organization.domains WHERE organization_id = $1 AND domain = $2";
  private static final String DUE = COLUMNS + " WHERE status = 'verified' AND checked_at <= $1 ORDER BY checked_at LIMIT $2";

  private final SqlClient client;

  SqlDomains(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(Domain d) {
    return client.preparedQuery(INSERT).execute(Tuple.of(d.organizationId(), d.domain(), d.txtValue(), Times.toDb(d.createdAt())))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(unique(failure)
            ? Rejection.conflict(d.domain() + " is already a domain of this organization").failure() : failure));
  }

  @Override
  public Future<Domain> find(UUID organizationId, String domain, boolean lock) {
    return client.preparedQuery(lock ? FIND + " FOR UPDATE" : FIND).execute(Tuple.of(organizationId, domain))
        .map(rows -> rows.size() == 0 ? null : domain(rows.iterator().next()));
  }

  @Override
  public Future<List<Domain>> page(UUID organizationId, String after, int limit) {
    return client.preparedQuery(PAGE).execute(Tuple.of(organizationId, after, limit)).map(SqlDomains::all);
  }

  @Override
  public Future<Long> count(UUID organizationId) {
    return client.preparedQuery(COUNT).execute(Tuple.of(organizationId)).map(rows -> rows.iterator().next().getLong("n"));
  }

  @Override
  public Future<Boolean> verifiedElsewhere(String domain, UUID organizationId) {
    return client.preparedQuery(VERIFIED_ELSEWHERE).execute(Tuple.of(domain, organizationId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<List<String>> verifiedOf(UUID organizationId) {
    return client.preparedQuery(VERIFIED_OF).execute(Tuple.of(organizationId)).map(rows -> {
      List<String> names = new ArrayList<>();
      rows.forEach(row -> names.add(row.getString("domain")));
      return names;
    });
  }

  @Override
  public Future<Void> markVerified(UUID organizationId, String domain, Instant now) {
    return client.preparedQuery(MARK_VERIFIED).execute(Tuple.of(organizationId, domain, Times.toDb(now)))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(unique(failure)
            ? Rejection.of(Codes.CONFLICT, domain + " was verified by another organization first").failure() : failure));
  }

  @Override
  public Future<Void> markFailed(UUID organizationId, String domain, Instant now) {
    return client.preparedQuery(MARK_FAILED).execute(Tuple.of(organizationId, domain, Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Void> markChecked(UUID organizationId, String domain, Instant now) {
    return client.preparedQuery(MARK_CHECKED).execute(Tuple.of(organizationId, domain, Times.toDb(now))).mapEmpty();
  }

  @Override
  public Future<Instant> markUnanswered(Domain checked, Instant now) {
    return client.preparedQuery(MARK_UNANSWERED)
        .execute(Tuple.of(checked.organizationId(), checked.domain(), Times.toDb(now), checked.txtValue()))
        .map(rows -> rows.size() == 0 ? null : Times.fromDb(rows.iterator().next(), "unanswered_since"));
  }

  @Override
  public Future<Boolean> delete(UUID organizationId, String domain) {
    return client.preparedQuery(DELETE).execute(Tuple.of(organizationId, domain)).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<List<Domain>> dueForRecheck(Instant checkedBefore, int limit) {
    return client.preparedQuery(DUE).execute(Tuple.of(Times.toDb(checkedBefore), limit)).map(SqlDomains::all);
  }

  private static boolean unique(Throwable failure) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  private static List<Domain> all(RowSet<Row> rows) {
    List<Domain> domains = new ArrayList<>();
    rows.forEach(row -> domains.add(domain(row)));
    return domains;
  }

  private static Domain domain(Row row) {
    return new Domain(row.getUUID("organization_id"), row.getString("domain"), Domain.Status.parse(row.getString("status")),
        row.getString("txt_value"), Times.fromDb(row, "created_at"), Times.fromDb(row, "verified_at"), Times.fromDb(row, "checked_at"));
  }
}
