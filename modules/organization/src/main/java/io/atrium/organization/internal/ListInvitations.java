package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Invitations as their organization's admins see them, and as the invited address sees its open ones. */
final class ListInvitations {

  private final UnitOfWork<OrganizationTables> storage;
  private final Clock clock;

  ListInvitations(UnitOfWork<OrganizationTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, limit?, cursor?}} → page of invitations, newest first, no tokens; admins. */
  Future<JsonObject> ofOrganization(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    int limit = input.limit();
    Invitations.CreatedKey after = input.cursor(parts -> {
      List<String> key = PageCursor.sized(parts, 2);
      return new Invitations.CreatedKey(Times.parse(key.get(0)), UUID.fromString(key.get(1)));
    });
    OrganizationTables tables = storage.read();
    return input.validated()
        .compose(valid -> RoleChecks.require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, false))
        .compose(seen -> tables.invitations().page(organizationId, after, limit + 1))
        .map(rows -> {
          Instant now = Times.now(clock);
          return PageCursor.page(rows, limit, invitation -> invitation.toJson(now),
              invitation -> PageCursor.of(invitation.createdAt(), invitation.id()));
        });
  }

  /** {@code {email}} → {@code {items}}: the pending, unexpired invitations addressed to it. */
  Future<JsonObject> forEmail(JsonObject request) {
    Input input = new Input(request);
    String email = input.lowerCaseEmail("email");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> storage.read().invitations().openForEmail(email, now))
        .map(rows -> new JsonObject().put("items", new JsonArray(rows.stream().map(i -> i.toInviteeJson(now)).toList())));
  }
}
