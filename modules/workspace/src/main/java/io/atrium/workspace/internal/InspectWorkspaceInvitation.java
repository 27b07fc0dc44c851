package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.identity.IdentityUsers;
import io.atrium.platform.Secrets;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/**
 * What a workspace invitation token invites to, for its holder before they accept: the workspace, the level,
 * who invited and until when. Holding the token is the authority (it went only to the invited address); an
 * unknown token is {@code not_found}.
 */
final class InspectWorkspaceInvitation {

  private final UnitOfWork<WorkspaceTables> storage;
  private final IdentityUsers users;
  private final Clock clock;

  InspectWorkspaceInvitation(UnitOfWork<WorkspaceTables> storage, IdentityUsers users, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.clock = clock;
  }

  Future<JsonObject> inspect(JsonObject request) {
    Input input = new Input(request);
    String token = input.string("token");
    return input.validated()
        .compose(valid -> storage.transaction(tables -> tables.invitations().byTokenHash(Secrets.sha256(token))))
        .compose(found -> found.isEmpty() ? Future.failedFuture(Rejection.notFound("invitation").failure())
            : users.byIds(List.of(found.get().invitation().invitedBy())).map(inviters -> {
              Invitation invitation = found.get().invitation();
              IdentityUsers.Person inviter = inviters.get(invitation.invitedBy());
              return new JsonObject()
                  .put("kind", "workspace")
                  .put("status", invitation.statusAt(Times.now(clock)))
                  .put("organizationId", found.get().organizationId().toString())
                  .put("workspaceId", invitation.workspaceId().toString())
                  .put("workspaceName", found.get().workspaceName())
                  .put("accessLevel", invitation.accessLevel().code())
                  .put("invitedBy", new JsonObject().put("name", inviter == null ? null : inviter.name()))
                  .put("expiresAt", Times.text(invitation.expiresAt()));
            }));
  }
}
