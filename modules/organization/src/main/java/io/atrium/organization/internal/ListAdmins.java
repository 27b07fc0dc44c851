package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.organization.OrganizationRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/** For other contexts' mail (a webhook endpoint disabled): an organization's owners and admins with their emails. */
final class ListAdmins {

  /** Far more members than an organization has owners and admins among its first; a page this size is read once. */
  private static final int MEMBERS_READ = 10_000;

  private final UnitOfWork<OrganizationTables> storage;
  private final UserLookups users;

  ListAdmins(UnitOfWork<OrganizationTables> storage, UserLookups users) {
    this.storage = storage;
    this.users = users;
  }

  /** {@code {organizationId}} → {@code {items:[{userId, email, name, role, joinedAt}]}}; no access check. */
  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID organizationId = input.pathId("organizationId", "organization");
    return input.validated()
        .compose(valid -> storage.read().memberships().page(organizationId, null, MEMBERS_READ))
        .compose(members -> {
          List<Member> admins = members.stream().filter(member -> member.role().atLeast(OrganizationRole.ADMIN)).toList();
          return users.byIds(admins.stream().map(Member::userId).toList()).map(known -> new JsonObject().put("items",
              new JsonArray(admins.stream().map(member -> member.toJson(known.get(member.userId()))).toList())));
        });
  }
}
