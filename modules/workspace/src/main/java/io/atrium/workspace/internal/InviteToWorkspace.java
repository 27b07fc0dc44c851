package io.atrium.workspace.internal;

import io.atrium.platform.InvitationStatus;
import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.platform.Secrets;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.atrium.identity.IdentityUsers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Invites an address to a workspace at a level no higher than the inviter's own; admins and above. An
 * address whose user already is a direct member, or that already has an open invitation, is a
 * {@code conflict}. The token goes out only by mail (a link and a {@code Token:} line); only its SHA-256
 * is kept with the invitation. The mail is queued in the outbox in the invitation's transaction and sent after
 * the commit, retried until the SMTP server takes it.
 */
final class InviteToWorkspace {

  static final Duration VALIDITY = Duration.ofDays(7);

  private final UnitOfWork<WorkspaceTables> storage;
  private final IdentityUsers users;
  private final String publicUrl;
  private final Clock clock;

  InviteToWorkspace(UnitOfWork<WorkspaceTables> storage, IdentityUsers users, String publicUrl, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.clock = clock;
  }

  Future<JsonObject> invite(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    String email = input.email("email");
    AccessLevel level = input.level("accessLevel");
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.ADMIN))
        .compose(found -> !found.access().effective().atLeast(level)
            ? WorkspaceGuard.insufficient("cannot invite at a level above your own")
            : notYetMember(workspaceId, email).map(found))
        .compose(found -> {
          Instant now = Times.now(clock);
          String token = Secrets.newToken(WorkspaceAddresses.INVITATION_TOKEN_PREFIX);
          Invitation invitation = new Invitation(UUID.randomUUID(), workspaceId, email, level, InvitationStatus.PENDING, userId,
              now, now.plus(VALIDITY));
          AuditEntry entry = new Audit(request, workspaceId, userId, now).entry("invitation.created", null, email,
              new JsonObject().put("invitationId", invitation.id().toString()).put("accessLevel", level.code()));
          return storage.transaction((tables, outgoing) -> tables.invitations().expireLapsed(workspaceId, email, now)
                  .compose(expired -> tables.invitations().insert(invitation, Secrets.sha256(token)))
                  .compose(inserted -> inserted ? tables.auditLog().record(entry)
                      : Future.failedFuture(Rejection.conflict("an invitation to this address is already open").failure()))
                  .compose(recorded -> mail(outgoing, found.workspace(), invitation, token)))
              .map(committed -> invitation.toJson(now));
        });
  }

  private Future<Void> notYetMember(UUID workspaceId, String email) {
    return users.byEmail(email).compose(user -> user.isEmpty() ? Future.succeededFuture()
        : storage.read().workspaces().accessible(user.get().id(), workspaceId)
            .compose(found -> found.isPresent() && found.get().access().direct() != null
                ? WorkspaceGuard.rejected(Codes.CONFLICT, "this address already belongs to a member") : Future.succeededFuture()));
  }

  private Future<Void> mail(UnitOfWork.Outgoing outgoing, Workspace workspace, Invitation invitation, String token) {
    String text = "You have been invited to the workspace \"" + workspace.name() + "\" on Atrium as "
        + invitation.accessLevel().code() + ".\n\n"
        + "Accept the invitation: " + publicUrl + "/invitations/accept?token=" + token + "\n"
        + "Token: " + token + "\n\n"
        + "The invitation expires at " + Times.text(invitation.expiresAt()) + ".\n";
    return outgoing.mail(invitation.email(), "Invitation to " + workspace.name(), text);
  }
}
