package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/** Whether an organization requires two-factor sign-in of its members, and who may change that (admins). */
final class MfaRequirement {

  private final UnitOfWork<OrganizationTables> storage;
  private final Clock clock;

  MfaRequirement(UnitOfWork<OrganizationTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * {@code {userId, organizationId, requireMfa, mfaEnabled, requestId?}} → {@code {requireMfa}}; admin. Turning it on
   * needs the caller's own two-factor sign-in ({@code mfaEnabled}), so nobody locks themself out.
   */
  Future<JsonObject> set(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    boolean required = request.getValue("requireMfa") instanceof Boolean b ? b
        : Boolean.TRUE.equals(input.error("requireMfa", "must be true or false"));
    boolean callerHasMfa = Boolean.TRUE.equals(request.getValue("mfaEnabled"));
    String requestId = input.requestId();
    return input.validated().compose(valid -> storage.transaction(tables -> RoleChecks
        .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
        .compose(seen -> {
          if (required && !callerHasMfa) {
            return Future.failedFuture(Rejection.of(Codes.CONFLICT,
                "Turn on two-factor sign-in for yourself first (POST /me/mfa/totp), so requiring it does not lock you out").failure());
          }
          AuditEntry entry = AuditEntry.of(organizationId, Times.now(clock), userId, "organization.mfa_requirement_changed", requestId)
              .with("requireMfa", required);
          return tables.organizations().requireMfa(organizationId, required)
              .compose(done -> tables.auditLog().append(entry));
        })))
        .map(done -> new JsonObject().put("requireMfa", required));
  }

  /**
   * {@code {organizationId, userId?}} → {@code {requireMfa, member}}: for the server's two-factor gate, no access
   * check (it tells nothing to the caller but a 403 that a member would get anyway). Unknown: both false.
   */
  Future<JsonObject> policy(JsonObject request) {
    Input input = new Input(request);
    UUID organizationId = input.pathId("organizationId", "organization");
    UUID userId = request.getValue("userId") == null ? null : input.userId("userId");
    return input.validated()
        .compose(valid -> storage.read().organizations().mfaPolicy(organizationId, userId))
        .map(policy -> policy == null ? new JsonObject().put("requireMfa", false).put("member", false)
            : new JsonObject().put("requireMfa", policy.requireMfa()).put("member", policy.member()));
  }
}
