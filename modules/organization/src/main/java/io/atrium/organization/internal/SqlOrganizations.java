package io.atrium.organization.internal;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

final class SqlOrganizations implements Organizations {

  private static final String INSERT_ORGANIZATION =
      "INSERT INTO organization.organizations (id, name, created_at) VALUES ($1, $2, $3)";
  private static final String INSERT_MEMBERSHIP =
      "INSERT INTO organization.memberships (organization_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)";

  private final Pool pool;

  SqlOrganizations(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> createWithOwner(Organization organization, UUID ownerId) {
    OffsetDateTime createdAt = OffsetDateTime.ofInstant(organization.createdAt(), ZoneOffset.UTC);
    return pool.withTransaction(connection -> connection.preparedQuery(INSERT_ORGANIZATION)
        .execute(Tuple.of(organization.id(), organization.name(), createdAt))
        .compose(inserted -> connection.preparedQuery(INSERT_MEMBERSHIP)
            .execute(Tuple.of(organization.id(), ownerId, Membership.OWNER, createdAt)))
        .mapEmpty());
  }
}
