package io.atrium.server.routes;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.server.http.Caller;
import io.atrium.server.http.JsonBody;
import io.atrium.server.http.Problems;
import io.atrium.server.http.ProcessCaches;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Organizations that require two-factor sign-in ({@code PATCH /organizations/{orgId} {requireMfa}}): a caller
 * without it gets {@code 403 mfa_required} on the organization's routes (when a member) and on its workspaces'
 * routes (when they have access), and nowhere else. Callers who can't see the organization or workspace still
 * get the route's own 404. Callers with two-factor sign-in on pass without a question asked.
 */
final class MfaGate {

  static final Rejection ENROL = Rejection.of(Codes.MFA_ENROLMENT_REQUIRED, "This organization requires two-factor sign-in: turn it on "
      + "with POST /api/v1/me/mfa/totp and POST /api/v1/me/mfa/totp/confirm (in the console: Account, Two-factor sign-in), then try again");

  private final Contexts contexts;
  private final ProcessCaches caches;

  private MfaGate(Contexts contexts, ProcessCaches caches) {
    this.contexts = contexts;
    this.caches = caches;
  }

  static MfaGate mount(Router api, Contexts contexts, Handler<RoutingContext> auth, ProcessCaches caches) {
    MfaGate gate = new MfaGate(contexts, caches);
    for (String path : List.of("/organizations/:orgId", "/organizations/:orgId/*", "/workspaces/:wsId", "/workspaces/:wsId/*")) {
      api.route(path).handler(auth).handler(gate::check);
    }
    return gate;
  }

  private void check(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String orgId = id(ctx.pathParam("orgId"));
    String wsId = id(ctx.pathParam("wsId"));
    if (caller.mfaEnabled() || (orgId == null && wsId == null) || leaving(ctx, caller)) {
      ctx.next();
      return;
    }
    Future<Boolean> blocked = orgId != null ? blocksOrganization(orgId, caller) : blocksWorkspace(ctx, wsId);
    answer(ctx, blocked, ctx::next);
  }

  /**
   * For a resource reached by its own id but belonging to workspaces (an invoice, by its lines): runs {@code reply}
   * unless one of those workspaces would refuse the caller, as the gate does on the workspace's own routes.
   */
  void forWorkspaces(RoutingContext ctx, Collection<String> workspaceIds, Runnable reply) {
    if (Caller.of(ctx).mfaEnabled() || workspaceIds.isEmpty()) {
      reply.run();
      return;
    }
    Future<Boolean> blocked = Future.all(workspaceIds.stream().map(ws -> blocksWorkspace(ctx, ws)).toList())
        .map(all -> all.<Boolean>list().contains(true));
    answer(ctx, blocked, reply);
  }

  private static void answer(RoutingContext ctx, Future<Boolean> blocked, Runnable pass) {
    blocked.onSuccess(refuse -> {
      if (refuse) {
        Problems.write(ctx, ENROL);
      } else {
        pass.run();
      }
    }).onFailure(ctx::fail);
  }

  /** Whether the caller is a member and the organization requires two-factor sign-in (mostly it does not: cached). */
  private Future<Boolean> blocksOrganization(String orgId, Caller caller) {
    return caches.mfaRequirements().required(UUID.fromString(orgId)).compose(required -> !required ? Future.succeededFuture(false)
        : policy(orgId, caller.userId().toString()).map(p -> p.getBoolean("requireMfa") && p.getBoolean("member")));
  }

  /**
   * Whether the caller can see the workspace and its organization requires two-factor sign-in. The workspace's
   * organization (which never changes) and the requirement are cached; only a requirement leads to asking for access.
   */
  private Future<Boolean> blocksWorkspace(RoutingContext ctx, String wsId) {
    return caches.workspaceOrganizations().get(wsId, () -> workspace(ctx, wsId).map(ws -> ws.getString("organizationId")), org -> null)
        .compose(orgId -> caches.mfaRequirements().required(UUID.fromString(orgId)))
        .compose(required -> required ? workspace(ctx, wsId).map(true) : Future.succeededFuture(false))
        // No access to the workspace: the route answers for itself (404).
        .recover(failure -> failure instanceof Rejected ? Future.succeededFuture(false) : Future.failedFuture(failure));
  }

  private Future<JsonObject> workspace(RoutingContext ctx, String wsId) {
    return contexts.askAs(ctx, WorkspaceAddresses.GET, new JsonObject().put("workspaceId", wsId));
  }

  /** Leaving (removing oneself) stays open: nobody is held in an organization or workspace until they enrol. */
  private static boolean leaving(RoutingContext ctx, Caller caller) {
    return ctx.request().method() == HttpMethod.DELETE && ctx.request().path().endsWith("/members/" + caller.userId());
  }

  private Future<JsonObject> policy(String organizationId, String userId) {
    return contexts.ask(OrganizationAddresses.MFA_POLICY, new JsonObject().put("organizationId", organizationId).put("userId", userId));
  }

  /** The organization as {@code GET} shows it, with {@code requireMfa}. */
  static Future<JsonObject> withRequirement(Contexts contexts, RoutingContext ctx, Future<JsonObject> organization) {
    return organization.compose(org -> contexts.ask(OrganizationAddresses.MFA_POLICY, new JsonObject().put("organizationId", org.getString("id")))
        .map(policy -> org.copy().put("requireMfa", policy.getBoolean("requireMfa"))));
  }

  /**
   * {@code PATCH /organizations/{orgId} {name?, requireMfa?}}. Everything that can refuse is asked before anything
   * changes: turning the requirement on without one's own two-factor sign-in is refused up front.
   */
  static void update(Contexts contexts, RoutingContext ctx, JsonObject org) {
    JsonObject body = JsonBody.of(ctx).optionalString("name").optionalBoolean("requireMfa").valid();
    if (!body.containsKey("name") && !body.containsKey("requireMfa")) {
      throw Rejection.invalid("name", "give name, requireMfa or both").failure();
    }
    Boolean require = body.getBoolean("requireMfa");
    boolean mfa = Caller.of(ctx).mfaEnabled();
    JsonObject setting = org.copy().put("requireMfa", require).put("mfaEnabled", mfa);
    Future<JsonObject> done;
    if (body.getValue("name") == null) {
      done = contexts.askAs(ctx, OrganizationAddresses.SET_REQUIRE_MFA, setting);
    } else {
      Future<JsonObject> allowed = Boolean.TRUE.equals(require) && !mfa
          ? contexts.askAs(ctx, OrganizationAddresses.GET, org).compose(seen -> contexts.askAs(ctx, OrganizationAddresses.SET_REQUIRE_MFA, setting))
          : Future.succeededFuture();
      done = allowed.compose(ok -> contexts.askAs(ctx, OrganizationAddresses.RENAME, org.copy().put("name", body.getValue("name"))))
          .compose(renamed -> require == null ? Future.succeededFuture(renamed)
              : contexts.askAs(ctx, OrganizationAddresses.SET_REQUIRE_MFA, setting));
    }
    Replies.json(ctx, 200, withRequirement(contexts, ctx, done.compose(changed -> contexts.askAs(ctx, OrganizationAddresses.GET, org))));
  }

  private static String id(String value) {
    try {
      return value == null ? null : UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
