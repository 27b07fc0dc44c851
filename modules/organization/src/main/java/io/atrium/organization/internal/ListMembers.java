package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/** An organization's members with their emails and names: one query and one identity request per page. */
final class ListMembers {

  private final UnitOfWork<OrganizationTables> storage;
  private final UserLookups users;

  ListMembers(UnitOfWork<OrganizationTables> storage, UserLookups users) {
    this.storage = storage;
    this.users = users;
  }

  /** {@code {userId, organizationId, limit?, cursor?}} → page of {@code {userId, email, name, role, joinedAt}}; any member. */
  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    int limit = input.limit();
    Memberships.JoinKey after = input.cursor(parts -> {
      List<String> key = PageCursor.sized(parts, 2);
      return new Memberships.JoinKey(Times.parse(key.get(0)), UUID.fromString(key.get(1)));
    });
    OrganizationTables tables = storage.read();
    return input.validated()
        .compose(valid -> RoleChecks.require(tables.organizations(), organizationId, userId, OrganizationRole.MEMBER, false))
        .compose(seen -> tables.memberships().page(organizationId, after, limit + 1))
        .compose(rows -> users.byIds(rows.stream().limit(limit).map(Member::userId).toList())
            .map(known -> PageCursor.page(rows, limit, member -> member.toJson(known.get(member.userId())),
                member -> PageCursor.of(member.joinedAt(), member.userId()))));
  }
}
