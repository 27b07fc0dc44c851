package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Codes;
import io.atrium.platform.InvitationStatus;
import io.atrium.platform.Rejection;
import io.atrium.platform.Secrets;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Accepting or declining an invitation by its token, as the user it was sent to. Unknown token:
 * {@code not_found}; another address: {@code forbidden}; revoked, declined or expired: {@code gone};
 * accepted: {@code conflict}.
 */
final class AnswerInvitation {

  private static final Logger log = LoggerFactory.getLogger(AnswerInvitation.class);

  private final UnitOfWork<OrganizationTables> storage;
  private final UserLookups users;
  private final Announcer announcer;
  private final Clock clock;

  AnswerInvitation(UnitOfWork<OrganizationTables> storage, UserLookups users, Announcer announcer, Clock clock) {
    this.storage = storage;
    this.users = users;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** {@code {userId, email, token, requestId?}} → {@code {kind:"organization", organizationId, role}}. */
  Future<JsonObject> accept(JsonObject request) {
    Answer answer = new Answer(request, "invitation.accepted");
    return answer.validated()
        .compose(valid -> storage.transaction(tables -> open(tables, answer)
            .compose(invitation -> join(tables, answer, invitation))))
        .compose(joined -> users.markEmailVerified(answer.userId)
            .recover(failure -> {
              log.warn("could not mark the email of {} verified: {}", answer.userId, failure.getMessage());
              return Future.succeededFuture();
            })
            .compose(marked -> joined.role() == joined.previous() ? Future.succeededFuture() : announcer.changed(List.of(joined)))
            .map(announced -> new JsonObject().put("kind", "organization")
                .put("organizationId", joined.organizationId().toString()).put("role", joined.role().text())));
  }

  /** {@code {userId, email, token, requestId?}} → {}. */
  Future<JsonObject> decline(JsonObject request) {
    Answer answer = new Answer(request, "invitation.declined");
    return answer.validated()
        .compose(valid -> storage.transaction(tables -> open(tables, answer)
            .compose(invitation -> tables.invitations().answer(invitation.id(), InvitationStatus.DECLINED, answer.userId, answer.now)
                .compose(answered -> tables.auditLog().append(answer.entry(invitation, null))))))
        .map(declined -> new JsonObject());
  }

  /** The still open invitation the token names, locked, after every check on the caller. */
  private static Future<Invitation> open(OrganizationTables tables, Answer answer) {
    return tables.invitations().lockByTokenHash(Secrets.sha256(answer.token)).compose(invitation -> {
      if (invitation == null) {
        return refuse(Rejection.notFound("invitation"));
      }
      if (!invitation.email().equalsIgnoreCase(answer.email)) {
        return refuse(Rejection.of(Codes.FORBIDDEN, "the invitation was sent to another address"));
      }
      String status = invitation.statusAt(answer.now);
      if (InvitationStatus.ACCEPTED.equals(status)) {
        return refuse(Rejection.conflict("the invitation was already accepted"));
      }
      return InvitationStatus.PENDING.equals(status) ? Future.succeededFuture(invitation)
          : refuse(Rejection.of(Codes.GONE, "the invitation is " + status));
    });
  }

  /** Adds the caller with the invitation's role (keeping a higher one they already have) and marks it accepted. */
  private static Future<Announcer.Change> join(OrganizationTables tables, Answer answer, Invitation invitation) {
    UUID organizationId = invitation.organizationId();
    return tables.memberships().find(organizationId, answer.userId).compose(member -> {
      OrganizationRole previous = member == null ? null : member.role();
      OrganizationRole role = previous == null ? invitation.role() : OrganizationRole.higher(previous, invitation.role());
      Future<Void> stored = member == null
          ? tables.memberships().insert(organizationId, new Member(answer.userId, role, answer.now))
          : role == previous ? Future.succeededFuture() : tables.memberships().changeRole(organizationId, answer.userId, role);
      return stored
          .compose(done -> tables.memberships().forgetRemoval(organizationId, answer.userId))
          .compose(done -> tables.invitations().answer(invitation.id(), InvitationStatus.ACCEPTED, answer.userId, answer.now))
          .compose(done -> tables.auditLog().append(answer.entry(invitation, previous).with("joinedAs", role.text())))
          .map(done -> new Announcer.Change(organizationId, answer.userId, role, previous));
    });
  }

  private static <T> Future<T> refuse(Rejection rejection) {
    return Future.failedFuture(rejection.failure());
  }

  /** One answer's validated request. */
  private final class Answer {
    final Input input;
    final UUID userId;
    final String email;
    final String token;
    final String requestId;
    final String action;
    final Instant now = Times.now(clock);

    Answer(JsonObject request, String action) {
      this.input = new Input(request);
      this.userId = input.userId("userId");
      this.email = input.lowerCaseEmail("email");
      this.token = input.given("token");
      this.requestId = input.requestId();
      this.action = action;
    }

    Future<Void> validated() {
      return input.validated().compose(valid -> Secrets.wellFormed(token, OrganizationAddresses.INVITATION_TOKEN_PREFIX) ? Future.succeededFuture()
          : refuse(Rejection.notFound("invitation")));
    }

    AuditEntry entry(Invitation invitation, OrganizationRole previous) {
      return AuditEntry.of(invitation.organizationId(), now, userId, action, requestId)
          .aboutUser(userId).aboutEmail(invitation.email())
          .with("role", invitation.role().text()).with("invitationId", invitation.id().toString())
          .with("previousRole", OrganizationRole.textOf(previous));
    }
  }
}
