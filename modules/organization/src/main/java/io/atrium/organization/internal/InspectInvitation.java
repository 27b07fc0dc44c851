package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.Secrets;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/**
 * What an invitation token invites to, for its holder before they accept: the organization, the role, who
 * invited and until when. Holding the token is the authority (it went only to the invited address); an
 * unknown token is {@code not_found}.
 */
final class InspectInvitation {

  private final UnitOfWork<OrganizationTables> storage;
  private final UserLookups users;
  private final Clock clock;

  InspectInvitation(UnitOfWork<OrganizationTables> storage, UserLookups users, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.clock = clock;
  }

  /** {@code {token}} → {@code {kind:"organization", status, organizationId, organizationName, role, invitedBy:{name}, expiresAt}}. */
  Future<JsonObject> inspect(JsonObject request) {
    Input input = new Input(request);
    String token = input.given("token");
    return input.validated()
        .compose(valid -> storage.transaction(tables -> tables.invitations().lockByTokenHash(Secrets.sha256(token))))
        .compose(invitation -> invitation == null ? Future.failedFuture(Rejection.notFound("invitation").failure())
            : users.byIds(List.of(invitation.invitedBy())).map(inviters -> new JsonObject()
                .put("kind", "organization")
                .put("status", invitation.statusAt(Times.now(clock)))
                .put("organizationId", invitation.organizationId().toString())
                .put("organizationName", invitation.organizationName())
                .put("role", invitation.role().text())
                .put("invitedBy", new JsonObject().put("name", inviters.containsKey(invitation.invitedBy())
                    ? inviters.get(invitation.invitedBy()).name() : null))
                .put("expiresAt", Times.text(invitation.expiresAt()))));
  }
}
