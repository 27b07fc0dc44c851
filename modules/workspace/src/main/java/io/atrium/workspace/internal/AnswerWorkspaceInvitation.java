package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.AuditEntry;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Secrets;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Accepts or declines an invitation by its token. Unknown token {@code not_found}; the caller's email
 * must be the invitation's ({@code forbidden}, checked first so a stranger learns nothing more); revoked,
 * declined or expired {@code gone}; accepted {@code conflict}. Accepting gives a direct membership (the
 * higher level is kept when one exists; of member and billing, the one held) and marks the caller's email verified.
 */
final class AnswerWorkspaceInvitation {

  private static final Logger log = LoggerFactory.getLogger(AnswerWorkspaceInvitation.class);

  private final UnitOfWork<WorkspaceTables> storage;
  private final IdentityUsers users;
  private final Events events;
  private final Clock clock;

  AnswerWorkspaceInvitation(UnitOfWork<WorkspaceTables> storage, IdentityUsers users, Events events, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.events = events;
    this.clock = clock;
  }

  /** What accepting did: the invitation and the direct level before and after. */
  private record Accepted(Invitations.Addressed invitation, AccessLevel before, AccessLevel after) {}

  Future<JsonObject> accept(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    String email = input.email("email");
    String token = input.string("token");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> storage.transaction(tables -> answerable(tables, token, email, now)
            .compose(found -> join(tables, request, userId, found, now))))
        .compose(accepted -> {
          if (accepted.after() != accepted.before()) {
            events.membershipChanged(accepted.invitation().invitation().workspaceId(), userId, accepted.after(), accepted.before());
          }
          return users.markEmailVerified(userId)
              .recover(e -> {
                log.warn("could not mark the email of {} verified: {}", userId, e.getMessage());
                return Future.succeededFuture();
              })
              .map(verified -> new JsonObject()
                  .put("kind", "workspace")
                  .put("organizationId", accepted.invitation().organizationId().toString())
                  .put("workspaceId", accepted.invitation().invitation().workspaceId().toString())
                  .put("accessLevel", accepted.after().code()));
        });
  }

  Future<JsonObject> decline(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    String email = input.email("email");
    String token = input.string("token");
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> storage.transaction(tables -> answerable(tables, token, email, now).compose(found -> {
          Invitation invitation = found.invitation();
          AuditEntry entry = new Audit(request, invitation.workspaceId(), userId, now)
              .entry("invitation.declined", userId, invitation.email(), new JsonObject().put("invitationId", invitation.id().toString()));
          return tables.invitations().answer(invitation.id(), InvitationStatus.DECLINED, now)
              .compose(answered -> tables.auditLog().record(entry));
        })))
        .map(declined -> new JsonObject());
  }

  private Future<Accepted> join(WorkspaceTables tables, JsonObject request, UUID userId, Invitations.Addressed found, Instant now) {
    Invitation invitation = found.invitation();
    UUID workspaceId = invitation.workspaceId();
    return tables.workspaces().lock(workspaceId)
        .compose(live -> live ? tables.workspaces().accessible(userId, workspaceId)
            : WorkspaceGuard.<java.util.Optional<Accessible>>rejected(Codes.GONE, "the workspace no longer exists"))
        .compose(current -> {
          AccessLevel before = current.map(a -> a.access().direct()).orElse(null);
          AccessLevel invited = invitation.accessLevel();
          // Sideways (member <-> billing) the invitation wins: an admin chose that level for this person last.
          boolean sideways = before != null && !before.atLeast(invited) && !invited.atLeast(before);
          AccessLevel after = sideways ? invited : AccessLevel.max(before, invited);
          AuditEntry entry = new Audit(request, workspaceId, userId, now).entry("invitation.accepted", userId, invitation.email(),
              new JsonObject().put("invitationId", invitation.id().toString()).put("accessLevel", after.code()));
          Future<Void> membership = after == before ? Future.succeededFuture()
              : tables.members().put(workspaceId, userId, after, now);
          return membership
              .compose(joined -> tables.invitations().answer(invitation.id(), InvitationStatus.ACCEPTED, now))
              .compose(answered -> tables.auditLog().record(entry))
              .map(new Accepted(found, before, after));
        });
  }

  /** The pending invitation the token names, locked; or the rejection that says why it cannot be answered. */
  private Future<Invitations.Addressed> answerable(WorkspaceTables tables, String token, String email, Instant now) {
    return tables.invitations().byTokenHash(Secrets.sha256(token)).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Rejection.notFound("invitation").failure());
      }
      Invitation invitation = found.get().invitation();
      if (!Invitation.normalize(invitation.email()).equals(Invitation.normalize(email))) {
        return WorkspaceGuard.rejected(Codes.FORBIDDEN, "this invitation was sent to another address");
      }
      return switch (invitation.statusAt(now)) {
        case InvitationStatus.PENDING -> Future.succeededFuture(found.get());
        case InvitationStatus.ACCEPTED -> WorkspaceGuard.rejected(Codes.CONFLICT, "the invitation was already accepted");
        default -> WorkspaceGuard.rejected(Codes.GONE, "the invitation is " + invitation.statusAt(now));
      };
    });
  }
}
