package io.atrium.server.routes;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Rejection;
import io.atrium.server.http.JsonBody;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * API.md "Single sign-on": an organization's SSO settings, and the browser's way through its provider. The
 * flow's state lives in the organization context; here it is only turned into redirects and a cookie that
 * binds the flow to the browser that started it. A successful browser login lands on the console with the
 * session token in the URL fragment, which browsers never send to a server, so it stays out of access logs.
 */
final class SsoRoutes {

  static final String COOKIE = "atrium_sso";
  private static final String COOKIE_PATH = "/api/v1/sso";

  private final Contexts contexts;
  private final boolean secureCookie;
  private final String consoleUrl;

  private SsoRoutes(Contexts contexts, AtriumConfig config) {
    this.contexts = contexts;
    String publicUrl = config.string("publicUrl");
    this.secureCookie = publicUrl.startsWith("https://");
    String console = config.string("sso.consoleUrl");
    this.consoleUrl = console == null || console.isBlank() ? publicUrl.replaceAll("/+$", "") + "/" : console;
  }

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth, AtriumConfig config) {
    SsoRoutes routes = new SsoRoutes(contexts, config);
    api.put("/organizations/:orgId/sso").handler(auth).handler(routes::put);
    api.get("/organizations/:orgId/sso").handler(auth).handler(ctx -> contexts.reply(ctx, 200, OrganizationAddresses.SSO_GET, org(ctx)));
    api.delete("/organizations/:orgId/sso").handler(auth).handler(ctx -> contexts.noContent(ctx, OrganizationAddresses.SSO_DELETE, org(ctx)));
    api.get("/sso/login").handler(routes::login);
    api.get("/sso/callback").handler(routes::callback);
  }

  private void put(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx).requiredString("issuer").requiredString("clientId").requiredString("clientSecret")
        .requiredArray("emailDomains").requiredString("defaultRole").optionalBoolean("enforced").valid();
    contexts.reply(ctx, 200, OrganizationAddresses.SSO_PUT, body.mergeIn(org(ctx)));
  }

  private void login(RoutingContext ctx) {
    String email = ctx.request().getParam("email");
    String organization = ctx.request().getParam("organization");
    JsonObject request = new JsonObject();
    if (email != null && !email.isBlank()) {
      request.put("email", email);
    } else if (organization != null) {
      request.put("organizationId", uuidOrNull(organization));
    } else {
      throw Rejection.invalid("email", "give ?email= or ?organization=").failure();
    }
    contexts.ask(OrganizationAddresses.SSO_START, request).onSuccess(started -> {
      ctx.response().addCookie(Cookie.cookie(COOKIE, started.getString("browserBinding"))
          .setPath(COOKIE_PATH).setMaxAge(600).setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secureCookie));
      redirect(ctx, started.getString("authorizationUrl"));
    }).onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    Cookie binding = ctx.request().getCookie(COOKIE);
    JsonObject request = new JsonObject()
        .put("state", ctx.request().getParam("state"))
        .put("code", ctx.request().getParam("code"))
        .put("error", ctx.request().getParam("error"))
        .put("browserBinding", binding == null ? null : binding.getValue());
    // The cookie has done its work, whatever the outcome: the attempt it binds is spent or void.
    ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath(COOKIE_PATH).setMaxAge(0).setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(secureCookie));
    contexts.ask(OrganizationAddresses.SSO_FINISH, request).onSuccess(session -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      if (wantsJson(ctx)) {
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("token", session.getString("token")).put("expiresAt", session.getString("expiresAt"))
            .put("user", session.getJsonObject("user")).encode());
      } else {
        redirect(ctx, consoleUrl + "#token=" + encode(session.getString("token")) + "&expiresAt=" + encode(session.getString("expiresAt"))
            + "&organizationId=" + encode(session.getString("organizationId")));
      }
    }).onFailure(ctx::fail);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer").end();
  }

  private static boolean wantsJson(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("application/json");
  }

  private static String uuidOrNull(String value) {
    try {
      return UUID.fromString(value).toString();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  private static JsonObject org(RoutingContext ctx) {
    return new JsonObject().put("organizationId", Paths.uuid(ctx, "orgId"));
  }
}
