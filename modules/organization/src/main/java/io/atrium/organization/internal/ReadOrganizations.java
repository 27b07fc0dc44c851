package io.atrium.organization.internal;

import io.atrium.organization.OrganizationDirectory;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading organizations: the caller's, one page or all of them, and one by id. Stateless: any event loop may call it. */
final class ReadOrganizations implements OrganizationDirectory {

  /** Enough for {@code GET /me}: nobody belongs to more organizations than this. */
  private static final int ALL = 10_000;

  private final UnitOfWork<OrganizationTables> storage;

  ReadOrganizations(UnitOfWork<OrganizationTables> storage) {
    this.storage = storage;
  }

  /** {@code {userId, limit?, cursor?}} → page of {@code {id, name, createdAt, role}} by name. */
  Future<JsonObject> listForUser(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    int limit = input.limit();
    Organizations.NameKey after = input.cursor(parts -> {
      List<String> key = PageCursor.sized(parts, 2);
      return new Organizations.NameKey(key.get(0), UUID.fromString(key.get(1)));
    });
    return input.validated()
        .compose(valid -> storage.read().organizations().ofUser(userId, after, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, Organization.Seen::toJson,
            seen -> PageCursor.of(seen.organization().name(), seen.id())));
  }

  /** {@code {userId}} → {@code {items:[{id, name, role}]}}, all of them. */
  Future<JsonObject> membershipsOfUser(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    return input.validated()
        .compose(valid -> membershipsOf(userId))
        .map(memberships -> new JsonObject().put("items", new JsonArray(memberships.stream()
            .map(m -> new JsonObject().put("id", m.id().toString()).put("name", m.name()).put("role", m.role().text()))
            .toList())));
  }

  @Override
  public Future<List<OrganizationMembership>> membershipsOf(UUID userId) {
    return storage.read().organizations().ofUser(userId, null, ALL).map(rows -> rows.stream()
        .map(seen -> new OrganizationMembership(seen.id(), seen.organization().name(), seen.role()))
        .toList());
  }

  @Override
  public Future<Optional<OrganizationRole>> roleOf(UUID userId, UUID organizationId) {
    return storage.read().organizations().seenBy(organizationId, userId, false)
        .map(seen -> Optional.ofNullable(seen).map(Organization.Seen::role));
  }

  /** {@code {organizationId}} → {@code {id, name, createdAt}}, without an access check (other contexts ask it). */
  Future<JsonObject> describe(JsonObject request) {
    Input input = new Input(request);
    UUID organizationId = input.pathId("organizationId", "organization");
    return input.validated()
        .compose(valid -> storage.read().organizations().byId(organizationId))
        .compose(found -> found != null ? Future.succeededFuture(found.toJson())
            : Future.failedFuture(Rejection.notFound("organization").failure()));
  }

  /** {@code {userId, organizationId}} → {@code {id, name, createdAt, role}}; any member. */
  Future<JsonObject> get(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    return input.validated()
        .compose(valid -> RoleChecks.require(storage.read().organizations(), organizationId, userId, OrganizationRole.MEMBER, false))
        .map(Organization.Seen::toJson);
  }
}
