package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.UUID;

/** Whether an organization requires two-factor sign-in of its members, and who may change that (admins). */
final class MfaRequirement {

  private static final String SET = "UPDATE organization.organizations SET require_mfa = $2 WHERE id = $1";
  private static final String POLICY = """
      SELECT o.require_mfa, EXISTS (SELECT 1 FROM organization.memberships m WHERE m.organization_id = o.id AND m.user_id = $2) AS member
        FROM organization.organizations o WHERE o.id = $1""";

  private final Pool pool;
  private final Clock clock;

  MfaRequirement(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * {@code {userId, organizationId, requireMfa, mfaEnabled, requestId?}} → {@code {requireMfa}}; admin. Turning it on
   * needs the caller's own two-factor sign-in ({@code mfaEnabled}), so nobody locks themself out.
   */
  Future<JsonObject> set(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.resourceId("organizationId", "organization");
    boolean required = request.getValue("requireMfa") instanceof Boolean b ? b
        : Boolean.TRUE.equals(input.error("requireMfa", "must be true or false"));
    boolean callerHasMfa = Boolean.TRUE.equals(request.getValue("mfaEnabled"));
    String requestId = input.requestId();
    return input.validated().compose(valid -> pool.withTransaction(sql -> RoleChecks
        .require(new SqlOrganizations(sql), organizationId, userId, OrganizationRole.ADMIN, true)
        .compose(seen -> {
          if (required && !callerHasMfa) {
            return Future.failedFuture(Rejection.of(Codes.CONFLICT,
                "Turn on two-factor sign-in for yourself first (POST /me/mfa/totp), so requiring it does not lock you out").failure());
          }
          AuditEntry entry = AuditEntry.of(organizationId, Times.now(clock), userId, "organization.mfa_requirement_changed", requestId)
              .with("requireMfa", required);
          return sql.preparedQuery(SET).execute(Tuple.of(organizationId, required))
              .compose(done -> new SqlAuditLog(sql).append(entry));
        })))
        .map(done -> new JsonObject().put("requireMfa", required));
  }

  /**
   * {@code {organizationId, userId?}} → {@code {requireMfa, member}}: for the server's two-factor gate, no access
   * check (it tells nothing to the caller but a 403 that a member would get anyway). Unknown: both false.
   */
  Future<JsonObject> policy(JsonObject request) {
    Input input = new Input(request);
    UUID organizationId = input.resourceId("organizationId", "organization");
    UUID userId = request.getValue("userId") == null ? null : input.userId("userId");
    return input.validated()
        .compose(valid -> pool.preparedQuery(POLICY).execute(Tuple.of(organizationId, userId)))
        .map(rows -> rows.size() == 0 ? new JsonObject().put("requireMfa", false).put("member", false)
            : new JsonObject().put("requireMfa", rows.iterator().next().getBoolean("require_mfa"))
                .put("member", rows.iterator().next().getBoolean("member")));
  }
}
