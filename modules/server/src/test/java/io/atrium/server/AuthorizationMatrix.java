package io.atrium.server;

import io.atrium.server.testing.DomainProofs;
import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.Invoicing;
import io.atrium.server.testing.Request;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.Tenants.Cast;
import io.atrium.server.testing.Tenants.World;
import io.atrium.server.testing.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The authorization matrix as data: one row per route, one expected status per caller. */
final class AuthorizationMatrix {

  /** Who calls; each (but nobody) is a part of the {@link Cast}. */
  enum Caller {
    ANONYMOUS(null), ORG_OWNER(Cast::orgOwner), ORG_ADMIN(Cast::orgAdmin), ORG_MEMBER(Cast::orgMember),
    WS_OWNER(Cast::wsOwner), WS_ADMIN(Cast::wsAdmin), WS_MEMBER(Cast::wsMember), WS_VIEWER(Cast::wsViewer), STRANGER(Cast::stranger),
    WS_BILLING(Cast::wsBilling);

    private final Function<Cast, TestUser> part;

    Caller(Function<Cast, TestUser> part) {
      this.part = part;
    }

    Function<Cast, TestUser> part() {
      return part;
    }
  }

  /** SHARED: one world for the row; FRESH: a world per cell (the request changes it); SELF: acts on a new user's own account. */
  enum Mode { SHARED, FRESH, SELF }

  /** What one request acts on; {@code self} is the caller's own new account in SELF rows (null for nobody). */
  record Cell(TestApi api, Tenants tenants, Cast cast, World world, TestUser self) {
    String org() {
      return "/api/v1/organizations/" + world.orgId();
    }

    String ws() {
      return "/api/v1/workspaces/" + world.workspaceId();
    }
  }

  record Row(String route, Mode mode, Function<Cell, Request> request, int[] statuses) {
    int expected(Caller caller) {
      return statuses[caller.ordinal()];
    }
  }

  private static final int[] ANYONE_SIGNED_IN_200 = {401, 200, 200, 200, 200, 200, 200, 200, 200, 200};
  private static final int[] ANYONE_SIGNED_IN_201 = {401, 201, 201, 201, 201, 201, 201, 201, 201, 201};
  private static final int[] ANYONE_SIGNED_IN_204 = {401, 204, 204, 204, 204, 204, 204, 204, 204, 204};
  //                                            anon  oOwn oAdm oMem wOwn wAdm wMem wVie stranger wBil
  private static final int[] ORG_MEMBER_READ = {401, 200, 200, 200, 404, 404, 404, 404, 404, 404};
  private static final int[] ORG_ADMIN_READ = {401, 200, 200, 403, 404, 404, 404, 404, 404, 404};
  private static final int[] ORG_ADMIN_WRITE_200 = ORG_ADMIN_READ;
  private static final int[] ORG_ADMIN_WRITE_201 = {401, 201, 201, 403, 404, 404, 404, 404, 404, 404};
  private static final int[] ORG_ADMIN_WRITE_202 = {401, 202, 202, 403, 404, 404, 404, 404, 404, 404};
  private static final int[] ORG_ADMIN_WRITE_204 = {401, 204, 204, 403, 404, 404, 404, 404, 404, 404};
  private static final int[] WS_VIEWER_READ = {401, 200, 200, 404, 200, 200, 200, 200, 404, 200};
  private static final int[] WS_ADMIN_READ = {401, 200, 200, 404, 200, 200, 403, 403, 404, 403};
  /** Billing is managed at the billing level or admin and above; billing is no admin, and members cannot manage it. */
  private static final int[] WS_BILLING_WRITE_200 = {401, 200, 200, 404, 200, 200, 403, 403, 404, 200};
  private static final int[] WS_BILLING_WRITE_202 = {401, 202, 202, 404, 202, 202, 403, 403, 404, 202};
  private static final int[] WS_BILLING_READ = WS_BILLING_WRITE_200;
  /** An organization member who cannot manage the workspace's billing cannot see the invoice: 404, not 403. */
  private static final int[] INVOICE_READ = {401, 200, 200, 404, 200, 200, 404, 404, 404, 200};
  /** Operator routes: nobody in the cast is an operator (TestApi's operator is not part of it). */
  private static final int[] OPERATORS_ONLY = {401, 403, 403, 403, 403, 403, 403, 403, 403, 403};

  static final List<Row> ROWS = List.of(
      // Identity: every signed-in user acts on their own account.
      row("POST /users", Mode.SHARED, c -> post("/api/v1/users", c, new JsonObject()
          .put("email", Tenants.freshEmail()).put("password", "matrix password 123").put("name", "New")), 201, 201, 201, 201, 201, 201, 201, 201, 201, 201),
      row("POST /sessions", Mode.SHARED, c -> post("/api/v1/sessions", c, new JsonObject()
          .put("email", c.cast().stranger().email()).put("password", c.cast().stranger().password())), 201, 201, 201, 201, 201, 201, 201, 201, 201, 201),
      row("DELETE /sessions/current", Mode.SELF, c -> c.api().request("DELETE", "/api/v1/sessions/current"), ANYONE_SIGNED_IN_204),
      row("GET /me", Mode.SHARED, c -> c.api().request("GET", "/api/v1/me"), ANYONE_SIGNED_IN_200),
      row("PATCH /me", Mode.SELF, c -> c.api().request("PATCH", "/api/v1/me").json(new JsonObject().put("name", "Renamed")), ANYONE_SIGNED_IN_200),
      row("PUT /me/password", Mode.SELF, c -> c.api().request("PUT", "/api/v1/me/password").json(new JsonObject()
          .put("currentPassword", c.self() == null ? "nobody's password" : c.self().password()).put("newPassword", "another matrix password")),
          ANYONE_SIGNED_IN_204),
      // API tokens and two-factor enrolment need a verified email (AccountTakeoverIT has the refusals): verified first.
      row("POST /me/api-tokens", Mode.SELF, c -> post("/api/v1/me/api-tokens", verified(c), new JsonObject().put("name", "m")),
          ANYONE_SIGNED_IN_201),
      row("GET /me/api-tokens", Mode.SHARED, c -> c.api().request("GET", "/api/v1/me/api-tokens"), ANYONE_SIGNED_IN_200),
      row("DELETE /me/api-tokens/:tokenId", Mode.SHARED, c -> c.api().request("DELETE", "/api/v1/me/api-tokens/"
          + c.api().post("/api/v1/me/api-tokens", c.api().verifiedEmail(c.cast().orgOwner()).token(), new JsonObject().put("name", "owned")).json().getString("id")),
          401, 204, 404, 404, 404, 404, 404, 404, 404, 404),
      row("GET /me/invitations", Mode.SHARED, c -> c.api().request("GET", "/api/v1/me/invitations"), ANYONE_SIGNED_IN_200),
      // Email verification and password reset: the mailed token is the authority, not the caller.
      row("POST /users/verify-email", Mode.SHARED, c -> post("/api/v1/users/verify-email", c, new JsonObject().put("token", "atr_ver_unknown")),
          410, 410, 410, 410, 410, 410, 410, 410, 410, 410),
      row("POST /me/verification-mail", Mode.SELF, c -> post("/api/v1/me/verification-mail", c, new JsonObject()),
          401, 202, 202, 202, 202, 202, 202, 202, 202, 202),
      row("POST /password-resets", Mode.SHARED, c -> post("/api/v1/password-resets", c, new JsonObject().put("email", Tenants.freshEmail())),
          202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
      row("POST /password-resets/confirm", Mode.SHARED, c -> post("/api/v1/password-resets/confirm", c, new JsonObject()
          .put("token", "atr_pwr_unknown").put("newPassword", "matrix password 456")), 410, 410, 410, 410, 410, 410, 410, 410, 410, 410),
      // Two-factor sign-in: each signed-in caller on their own account.
      row("POST /me/mfa/totp", Mode.SELF, c -> post("/api/v1/me/mfa/totp", verified(c), new JsonObject()), ANYONE_SIGNED_IN_201),
      row("POST /me/mfa/totp/confirm", Mode.SELF, c -> post("/api/v1/me/mfa/totp/confirm", c, new JsonObject().put("code", currentCode(c))),
          ANYONE_SIGNED_IN_200),
      row("DELETE /me/mfa/totp", Mode.SELF, c -> c.api().request("DELETE", "/api/v1/me/mfa/totp").json(new JsonObject()
          .put("recoveryCode", c.self() == null ? "none-none" : c.api().enrolTotp(c.self()).recoveryCodes().get(0))), ANYONE_SIGNED_IN_204),
      row("POST /sessions/mfa", Mode.SHARED, c -> post("/api/v1/sessions/mfa", c, new JsonObject().put("mfaToken", "atr_mfa_unknown")
          .put("code", "123456")), 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
      row("GET /openapi.yaml", Mode.SHARED, c -> c.api().request("GET", "/api/v1/openapi.yaml"), 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
      // Organizations.
      row("POST /organizations", Mode.SHARED, c -> post("/api/v1/organizations", c, new JsonObject().put("name", "Another")), ANYONE_SIGNED_IN_201),
      row("GET /organizations", Mode.SHARED, c -> c.api().request("GET", "/api/v1/organizations"), ANYONE_SIGNED_IN_200),
      row("GET /organizations/:orgId", Mode.SHARED, c -> c.api().request("GET", c.org()), ORG_MEMBER_READ),
      row("PATCH /organizations/:orgId", Mode.SHARED, c -> c.api().request("PATCH", c.org()).json(new JsonObject().put("name", "Renamed")),
          401, 200, 200, 403, 404, 404, 404, 404, 404, 404),
      row("PATCH /organizations/:orgId (requireMfa)", Mode.SHARED, c -> c.api().request("PATCH", c.org())
          .json(new JsonObject().put("requireMfa", false)), 401, 200, 200, 403, 404, 404, 404, 404, 404, 404),
      row("DELETE /organizations/:orgId", Mode.SHARED, c -> c.api().request("DELETE", c.org()), 401, 409, 403, 403, 404, 404, 404, 404, 404, 404),
      row("GET /organizations/:orgId/members", Mode.SHARED, c -> c.api().request("GET", c.org() + "/members"), ORG_MEMBER_READ),
      row("PATCH /organizations/:orgId/members/:userId", Mode.FRESH, c -> c.api().request("PATCH", c.org() + "/members/" + c.cast().orgTarget().id())
          .json(new JsonObject().put("role", "admin")), 401, 200, 200, 403, 404, 404, 404, 404, 404, 404),
      row("DELETE /organizations/:orgId/members/:userId", Mode.FRESH, c -> c.api().request("DELETE", c.org() + "/members/" + c.cast().orgTarget().id()),
          401, 204, 204, 403, 404, 404, 404, 404, 404, 404),
      row("POST /organizations/:orgId/invitations", Mode.SHARED, c -> post(c.org() + "/invitations", c, new JsonObject()
          .put("email", Tenants.freshEmail()).put("role", "member")), 401, 201, 201, 403, 404, 404, 404, 404, 404, 404),
      row("GET /organizations/:orgId/invitations", Mode.SHARED, c -> c.api().request("GET", c.org() + "/invitations"), ORG_ADMIN_READ),
      row("DELETE /organizations/:orgId/invitations/:invitationId", Mode.FRESH,
          c -> c.api().request("DELETE", c.org() + "/invitations/" + c.world().orgInvitationId()), 401, 204, 204, 403, 404, 404, 404, 404, 404, 404),
      row("GET /organizations/:orgId/workspaces", Mode.SHARED, c -> c.api().request("GET", c.org() + "/workspaces"), ORG_MEMBER_READ),
      row("POST /organizations/:orgId/workspaces", Mode.SHARED, c -> post(c.org() + "/workspaces", c, new JsonObject().put("name", "Staging")),
          401, 201, 201, 403, 404, 404, 404, 404, 404, 404),
      row("GET /organizations/:orgId/audit-log", Mode.SHARED, c -> c.api().request("GET", c.org() + "/audit-log"), ORG_ADMIN_READ),
      // Workspaces.
      row("GET /workspaces", Mode.SHARED, c -> c.api().request("GET", "/api/v1/workspaces"), ANYONE_SIGNED_IN_200),
      row("GET /workspaces/:wsId", Mode.SHARED, c -> c.api().request("GET", c.ws()), WS_VIEWER_READ),
      row("PATCH /workspaces/:wsId", Mode.SHARED, c -> c.api().request("PATCH", c.ws()).json(new JsonObject().put("name", "Renamed")),
          401, 200, 200, 404, 200, 200, 403, 403, 404, 403),
      row("DELETE /workspaces/:wsId", Mode.SHARED, c -> c.api().request("DELETE", c.ws()), 401, 409, 403, 404, 409, 403, 403, 403, 404, 403),
      row("GET /workspaces/:wsId/members", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/members"), WS_VIEWER_READ),
      row("PATCH /workspaces/:wsId/members/:userId", Mode.FRESH, c -> c.api().request("PATCH", c.ws() + "/members/" + c.cast().wsTarget().id())
          .json(new JsonObject().put("accessLevel", "member")), 401, 200, 200, 404, 200, 200, 403, 403, 404, 403),
      row("DELETE /workspaces/:wsId/members/:userId", Mode.FRESH, c -> c.api().request("DELETE", c.ws() + "/members/" + c.cast().wsTarget().id()),
          401, 204, 204, 404, 204, 204, 403, 403, 404, 403),
      row("POST /workspaces/:wsId/invitations", Mode.SHARED, c -> post(c.ws() + "/invitations", c, new JsonObject()
          .put("email", Tenants.freshEmail()).put("accessLevel", "viewer")), 401, 201, 201, 404, 201, 201, 403, 403, 404, 403),
      row("GET /workspaces/:wsId/invitations", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/invitations"), WS_ADMIN_READ),
      row("DELETE /workspaces/:wsId/invitations/:invitationId", Mode.FRESH,
          c -> c.api().request("DELETE", c.ws() + "/invitations/" + c.world().wsInvitationId()), 401, 204, 204, 404, 204, 204, 403, 403, 404, 403),
      row("GET /workspaces/:wsId/audit-log", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/audit-log"), WS_ADMIN_READ),
      // Invitations: only the addressee may answer one.
      row("POST /invitations/accept", Mode.SHARED, c -> post("/api/v1/invitations/accept", c, new JsonObject().put("token", invitationToken(c))),
          401, 403, 403, 403, 403, 403, 403, 403, 403, 403),
      row("POST /invitations/decline", Mode.SHARED, c -> post("/api/v1/invitations/decline", c, new JsonObject().put("token", invitationToken(c))),
          401, 403, 403, 403, 403, 403, 403, 403, 403, 403),
      // The token is the authority to see what it invites to: its holder needs no account yet.
      row("POST /invitations/inspect", Mode.SHARED, c -> post("/api/v1/invitations/inspect", c, new JsonObject().put("token", invitationToken(c))),
          200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
      // Single sign-on: settings are the admins'; the browser flow needs no token, and refuses the same for everyone.
      // Organization domains: the admins'. The world's owner claims (and, for verify, publishes) them.
      row("POST /organizations/:orgId/domains", Mode.SHARED, c -> post(c.org() + "/domains", c,
          new JsonObject().put("domain", DomainProofs.freshDomain("matrix"))), 401, 201, 201, 403, 404, 404, 404, 404, 404, 404),
      row("GET /organizations/:orgId/domains", Mode.SHARED, c -> c.api().request("GET", c.org() + "/domains"), ORG_ADMIN_READ),
      row("DELETE /organizations/:orgId/domains/:domain", Mode.FRESH, c -> {
        String domain = DomainProofs.freshDomain("matrix");
        new DomainProofs(c.api()).add(c.cast().orgOwner(), c.world().orgId(), domain).expect(201);
        return c.api().request("DELETE", c.org() + "/domains/" + domain);
      }, 401, 204, 204, 403, 404, 404, 404, 404, 404, 404),
      row("POST /organizations/:orgId/domains/:domain/verify", Mode.SHARED, c -> {
        DomainProofs proofs = new DomainProofs(c.api());
        String domain = DomainProofs.freshDomain("matrix");
        proofs.publish(proofs.add(c.cast().orgOwner(), c.world().orgId(), domain).expect(201).json());
        return c.api().request("POST", c.org() + "/domains/" + domain + "/verify");
      }, ORG_ADMIN_READ),
      row("PUT /organizations/:orgId/sso", Mode.SHARED, c -> c.api().request("PUT", c.org() + "/sso").json(ssoSettings(c)),
          401, 200, 200, 403, 404, 404, 404, 404, 404, 404),
      row("GET /organizations/:orgId/sso", Mode.SHARED, c -> {
        configureSso(c);
        return c.api().request("GET", c.org() + "/sso");
      }, ORG_ADMIN_READ),
      row("DELETE /organizations/:orgId/sso", Mode.FRESH, c -> {
        configureSso(c);
        return c.api().request("DELETE", c.org() + "/sso");
      }, 401, 204, 204, 403, 404, 404, 404, 404, 404, 404),
      row("GET /sso/login", Mode.SHARED, c -> c.api().request("GET", "/api/v1/sso/login?organization=" + UUID.randomUUID()),
          404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
      row("GET /sso/callback", Mode.SHARED, c -> c.api().request("GET", "/api/v1/sso/callback?code=x"),
          400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
      // Resources.
      row("GET /pricing", Mode.SHARED, c -> c.api().request("GET", "/api/v1/pricing"), ANYONE_SIGNED_IN_200),
      row("POST /workspaces/:wsId/resources", Mode.SHARED, c -> post(c.ws() + "/resources", c, new JsonObject()
          .put("type", "server").put("name", "db-1").put("plan", "1xCPU-2GB")), 401, 201, 201, 404, 201, 201, 201, 403, 404, 403),
      row("GET /workspaces/:wsId/resources", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/resources"), WS_VIEWER_READ),
      row("GET /workspaces/:wsId/resources/:resourceId", Mode.SHARED,
          c -> c.api().request("GET", c.ws() + "/resources/" + c.world().resourceId()), WS_VIEWER_READ),
      row("POST /workspaces/:wsId/resources/:resourceId/stop", Mode.FRESH,
          c -> c.api().request("POST", c.ws() + "/resources/" + c.world().resourceId() + "/stop"), 401, 200, 200, 404, 200, 200, 200, 403, 404, 403),
      row("POST /workspaces/:wsId/resources/:resourceId/start", Mode.FRESH, c -> {
        c.api().request("POST", c.ws() + "/resources/" + c.world().resourceId() + "/stop").token(c.cast().orgOwner().token()).send().expect(200);
        return c.api().request("POST", c.ws() + "/resources/" + c.world().resourceId() + "/start");
      }, 401, 200, 200, 404, 200, 200, 200, 403, 404, 403),
      row("DELETE /workspaces/:wsId/resources/:resourceId", Mode.FRESH,
          c -> c.api().request("DELETE", c.ws() + "/resources/" + c.world().resourceId()), 401, 204, 204, 404, 204, 204, 204, 403, 404, 403),
      // Billing: the world's workspace pays by invoice; card rows set a card first, as the organization owner.
      row("GET /workspaces/:wsId/billing", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/billing"), WS_VIEWER_READ),
      row("PUT /workspaces/:wsId/billing/payment-method", Mode.SHARED, c -> c.api().request("PUT", c.ws() + "/billing/payment-method")
          .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")), WS_BILLING_WRITE_200),
      row("PUT /workspaces/:wsId/billing/payment-method (invoice)", Mode.SHARED, c -> c.api().request("PUT", c.ws() + "/billing/payment-method")
          .json(new JsonObject().put("type", "invoice").put("invoiceAccountId", invoiceAccount(c))), 401, 200, 200, 404, 403, 403, 403, 403, 404, 403),
      row("PUT /workspaces/:wsId/billing/settings", Mode.SHARED, c -> c.api().request("PUT", c.ws() + "/billing/settings")
          .json(new JsonObject().put("lowBalanceThreshold", "5.00")), WS_BILLING_WRITE_200),
      // Alerts are billing management: reading them needs the same level as changing them.
      row("GET /workspaces/:wsId/billing/alerts", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/billing/alerts"), WS_BILLING_READ),
      row("PUT /workspaces/:wsId/billing/alerts", Mode.SHARED, c -> c.api().request("PUT", c.ws() + "/billing/alerts")
          .json(new JsonObject().put("thresholds", new JsonArray().add(new JsonObject().put("kind", "spend_month").put("amount", "100.00")))
              .put("runwayDays", 7)), WS_BILLING_WRITE_200),
      row("POST /workspaces/:wsId/billing/top-ups", Mode.SHARED, c -> {
        payByCard(c);
        return post(c.ws() + "/billing/top-ups", c, new JsonObject().put("amount", "10.00"));
      }, WS_BILLING_WRITE_202),
      row("GET /workspaces/:wsId/billing/top-ups/:topUpId", Mode.SHARED, c -> {
        payByCard(c);
        String topUp = c.api().post(c.ws() + "/billing/top-ups", c.cast().orgOwner().token(), new JsonObject().put("amount", "10.00"))
            .expect(202).json().getString("id");
        return c.api().request("GET", c.ws() + "/billing/top-ups/" + topUp);
      }, WS_VIEWER_READ),
      row("GET /workspaces/:wsId/billing/log", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/billing/log"), WS_VIEWER_READ),
      row("GET /workspaces/:wsId/billing/usage", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/billing/usage"), WS_VIEWER_READ),
      row("POST /workspaces/:wsId/usage", Mode.SHARED, c -> post(c.ws() + "/usage", c, new JsonObject().put("events", new JsonArray().add(
          new JsonObject().put("id", UUID.randomUUID().toString()).put("meter", "egress-gb").put("quantity", "1.5")
              .put("occurredAt", c.api().clock.instant().toString())))), 401, 202, 202, 404, 202, 202, 202, 403, 404, 403),
      // Webhooks: the organization admins'. The world's owner makes the endpoint (a local URL: the test API allows them).
      row("POST /organizations/:orgId/webhooks", Mode.SHARED, c -> post(c.org() + "/webhooks", c, webhookInput()), ORG_ADMIN_WRITE_201),
      row("GET /organizations/:orgId/webhooks", Mode.SHARED, c -> c.api().request("GET", c.org() + "/webhooks"), ORG_ADMIN_READ),
      row("GET /organizations/:orgId/webhooks/:webhookId", Mode.SHARED, c -> c.api().request("GET", webhook(c)), ORG_ADMIN_READ),
      row("PATCH /organizations/:orgId/webhooks/:webhookId", Mode.SHARED, c -> c.api().request("PATCH", webhook(c))
          .json(new JsonObject().put("events", new JsonArray().add("webhook.test").add("top_up.failed"))), ORG_ADMIN_WRITE_200),
      row("DELETE /organizations/:orgId/webhooks/:webhookId", Mode.SHARED, c -> c.api().request("DELETE", c.org() + "/webhooks/"
          + c.api().post(c.org() + "/webhooks", c.cast().orgOwner().token(), webhookInput()).expect(201).json().getString("id")), ORG_ADMIN_WRITE_204),
      row("POST /organizations/:orgId/webhooks/:webhookId/rotate-secret", Mode.SHARED, c -> post(webhook(c) + "/rotate-secret", c, new JsonObject()),
          ORG_ADMIN_WRITE_200),
      row("POST /organizations/:orgId/webhooks/:webhookId/test", Mode.SHARED, c -> post(webhook(c) + "/test", c, new JsonObject()), ORG_ADMIN_WRITE_202),
      row("GET /organizations/:orgId/webhooks/:webhookId/deliveries", Mode.SHARED, c -> c.api().request("GET", webhook(c) + "/deliveries"),
          ORG_ADMIN_READ),
      row("POST /organizations/:orgId/webhooks/:webhookId/deliveries/:deliveryId/redeliver", Mode.SHARED,
          c -> post(webhook(c) + "/deliveries/" + webhookDelivery(c) + "/redeliver", c, new JsonObject()), ORG_ADMIN_WRITE_202),
      row("GET /organizations/:orgId/invoice-accounts", Mode.SHARED, c -> c.api().request("GET", c.org() + "/invoice-accounts"), ORG_ADMIN_READ),
      // Platform operators.
      row("POST /admin/organizations/:orgId/invoice-accounts", Mode.SHARED, c -> post("/api/v1/admin/organizations/" + c.world().orgId()
          + "/invoice-accounts", c, new JsonObject().put("name", "AP").put("billingEmail", "ap@example.com").put("address", "Street 1")),
          OPERATORS_ONLY),
      row("POST /admin/workspaces/:wsId/credit-grants", Mode.SHARED, c -> post("/api/v1/admin/workspaces/" + c.world().workspaceId()
          + "/credit-grants", c, new JsonObject().put("amount", "5.00").put("reason", "matrix")), OPERATORS_ONLY),
      row("POST /admin/consumption-runs", Mode.SHARED, c -> post("/api/v1/admin/consumption-runs", c,
          new JsonObject().put("hour", "2020-01-01T00:00:00Z")), OPERATORS_ONLY),
      row("POST /admin/invoice-runs", Mode.SHARED, c -> post("/api/v1/admin/invoice-runs", c, new JsonObject().put("period", "2020-01")),
          OPERATORS_ONLY),
      row("GET /admin/audit-log", Mode.SHARED, c -> c.api().request("GET", "/api/v1/admin/audit-log"), OPERATORS_ONLY),
      // Invoices: the world's workspace is on last month's invoice; organization admins and workspace admins see it.
      row("GET /invoices/:invoiceId", Mode.SHARED, c -> c.api().request("GET", "/api/v1/invoices/" + invoice(c)), INVOICE_READ),
      row("GET /invoices/:invoiceId.pdf", Mode.SHARED, c -> c.api().request("GET", "/api/v1/invoices/" + invoice(c) + ".pdf"),
          INVOICE_READ),
      row("GET /workspaces/:wsId/invoices", Mode.SHARED, c -> c.api().request("GET", c.ws() + "/invoices"), WS_BILLING_READ));

  private static final Map<String, String> INVOICES = new ConcurrentHashMap<>();
  private static final Map<String, String> WEBHOOKS = new ConcurrentHashMap<>();
  private static final Map<String, String> WEBHOOK_DELIVERIES = new ConcurrentHashMap<>();

  private AuthorizationMatrix() {}

  private static Row row(String route, Mode mode, Function<Cell, Request> request, int... statuses) {
    if (statuses.length != Caller.values().length) {
      throw new IllegalArgumentException(route + ": one status per caller");
    }
    return new Row(route, mode, request, statuses);
  }

  private static Request post(String path, Cell cell, JsonObject body) {
    return cell.api().request("POST", path).json(body);
  }

  /** SSO settings against the test provider, with a domain of their own that the world's organization proved by DNS. */
  private static JsonObject ssoSettings(Cell cell) {
    String domain = DomainProofs.freshDomain("matrix");
    new DomainProofs(cell.api()).prove(cell.cast().orgOwner(), cell.world().orgId(), domain);
    return new JsonObject().put("issuer", OidcProvider.get().issuer("matrix")).put("clientId", "matrix-client")
        .put("clientSecret", "matrix-secret").put("defaultRole", "member")
        .put("emailDomains", new io.vertx.core.json.JsonArray().add(domain));
  }

  private static void configureSso(Cell cell) {
    cell.api().request("PUT", cell.org() + "/sso").token(cell.cast().orgOwner().token()).json(ssoSettings(cell)).send().expect(200);
  }

  /** Sets a card as the world's payment method, as its organization owner. */
  private static void payByCard(Cell cell) {
    cell.api().request("PUT", cell.ws() + "/billing/payment-method").token(cell.cast().orgOwner().token())
        .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")).send().expect(200);
  }

  /** The invoice account the world's organization got from {@code Tenants.world}. */
  private static String invoiceAccount(Cell cell) {
    return cell.api().get(cell.org() + "/invoice-accounts", cell.cast().orgOwner().token()).expect(200)
        .json().getJsonArray("items").getJsonObject(0).getString("id");
  }

  /** Last month's invoice of the world's workspace, made once per world. */
  private static String invoice(Cell cell) {
    return INVOICES.computeIfAbsent(cell.world().workspaceId(),
        ws -> new Invoicing(cell.api()).invoiceLastMonth(ws, cell.cast().orgOwner()));
  }

  /** An endpoint on this machine, where nothing listens: its deliveries fail, which no row minds. */
  private static JsonObject webhookInput() {
    return new JsonObject().put("url", "http://127.0.0.1:9/matrix").put("events", new JsonArray().add("webhook.test"));
  }

  /** The path of the world's webhook endpoint, made once per world by its organization owner. */
  private static String webhook(Cell cell) {
    return cell.org() + "/webhooks/" + WEBHOOKS.computeIfAbsent(cell.world().orgId(),
        org -> cell.api().post(cell.org() + "/webhooks", cell.cast().orgOwner().token(), webhookInput()).expect(201).json().getString("id"));
  }

  /** A delivery of the world's webhook: a test event, once it is in the log. */
  private static String webhookDelivery(Cell cell) {
    String path = webhook(cell);
    return WEBHOOK_DELIVERIES.computeIfAbsent(path, p -> {
      cell.api().post(p + "/test", cell.cast().orgOwner().token(), new JsonObject()).expect(202);
      String[] found = new String[1];
      io.atrium.server.testing.Eventually.holds(java.time.Duration.ofSeconds(20), "the test event is in the delivery log", () -> {
        JsonArray items = cell.api().get(p + "/deliveries", cell.cast().orgOwner().token()).expect(200).json().getJsonArray("items");
        found[0] = items.isEmpty() ? null : items.getJsonObject(0).getString("id");
        return found[0] != null;
      });
      return found[0];
    });
  }

  /** The cell, with the caller's own new account (SELF rows) verified first. */
  private static Cell verified(Cell cell) {
    if (cell.self() != null) {
      cell.api().verifiedEmail(cell.self());
    }
    return cell;
  }

  /** For the caller's own new account: starts enrolment and computes its current code (nobody's code for nobody). */
  private static String currentCode(Cell cell) {
    if (cell.self() == null) {
      return "000000";
    }
    String secret = cell.api().post("/api/v1/me/mfa/totp", cell.api().verifiedEmail(cell.self()).token(), new JsonObject()).expect(201).json().getString("secret");
    return Totp.at(secret, cell.api().clock.instant());
  }

  /** A fresh invitation to someone none of the callers is: its token, as mailed. */
  private static String invitationToken(Cell cell) {
    String email = "addressee-" + UUID.randomUUID() + "@example.com";
    cell.api().post(cell.org() + "/invitations", cell.cast().orgOwner().token(), new JsonObject().put("email", email).put("role", "member"))
        .expect(201);
    return cell.api().mail.latestToken(email);
  }
}
