package io.atrium.server.testing;

import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Organizations with single sign-on against {@link OidcProvider}, and the browser's way through a login. */
public final class SsoFlows {

  public static final String CLIENT_SECRET = "s3cret-" + UUID.randomUUID();

  private final TestApi api;
  private final OidcProvider provider;

  public SsoFlows(TestApi api, OidcProvider provider) {
    this.api = api;
    this.provider = provider;
  }

  /** An organization, its owner and its SSO settings: its own issuer, client id and email domain. */
  public record Org(String id, TestUser owner, String issuer, String clientId, String domain) {

    public String email(String who) {
      return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }
  }

  /** ... whose email domain the organization proved by DNS first, as SSO requires. */
  public Org organization(String defaultRole, boolean enforced) {
    TestUser owner = api.newUser("Sso Owner");
    String orgId = new Tenants(api).createOrganization(owner, "SSO " + UUID.randomUUID());
    Org org = new Org(orgId, owner, provider.newIssuer(), "client-" + UUID.randomUUID().toString().substring(0, 8),
        DomainProofs.freshDomain("sso"));
    new DomainProofs(api).prove(owner, orgId, org.domain());
    configure(org, settings(org, defaultRole, enforced)).expect(200);
    return org;
  }

  public JsonObject settings(Org org, String defaultRole, boolean enforced) {
    return new JsonObject().put("issuer", org.issuer()).put("clientId", org.clientId()).put("clientSecret", CLIENT_SECRET)
        .put("emailDomains", new JsonArray().add(org.domain())).put("defaultRole", defaultRole).put("enforced", enforced);
  }

  public Reply configure(Org org, JsonObject settings) {
    return api.request("PUT", "/api/v1/organizations/" + org.id() + "/sso").token(org.owner().token()).json(settings).send();
  }

  /** {@code /sso/login?email=}: answers the provider's authorization URL (and the browser keeps the cookie). */
  public String start(RedirectClient browser, String email) {
    HttpResponse<String> started = browser.get(api.base() + "/api/v1/sso/login?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    return RedirectClient.location(started);
  }

  /** The provider's authorize endpoint: answers the callback URL it sends the browser to. */
  public String authorize(RedirectClient browser, String authorizationUrl) {
    HttpResponse<String> authorized = browser.get(authorizationUrl);
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
    return RedirectClient.location(authorized);
  }

  /** The whole flow with the next token already enqueued; answers the callback's response (JSON asked). */
  public HttpResponse<String> login(RedirectClient browser, String email) {
    return browser.get(authorize(browser, start(browser, email)), "application/json");
  }

  /** A verified user of the organization signs in by SSO; answers the session. */
  public JsonObject signIn(Org org, String email, String name) {
    provider.nextUser(org.issuer(), org.clientId(), email, name);
    HttpResponse<String> finished = login(new RedirectClient(), email);
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(201);
    return new JsonObject(finished.body());
  }
}
