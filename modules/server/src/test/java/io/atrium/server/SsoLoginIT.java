package io.atrium.server;

import io.atrium.server.testing.RedirectClient;
import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.SsoFlows.Org;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Single sign-on": logins through a real OIDC provider, provisioning, linking and enforcement. */
class SsoLoginIT {

  private static final TestApi api = TestApi.get();
  private static final OidcProvider provider = OidcProvider.get();
  private static final SsoFlows sso = new SsoFlows(api, provider);

  @org.junit.jupiter.api.BeforeEach
  void clockIsNow() {
    // Token times are checked against Atrium's clock and, by Vert.x, the real one: keep them together.
    api.clock.set(java.time.Instant.now());
  }

  @Test
  void aBrowserFollowsTheRedirectsAndLandsOnTheConsoleSignedInAsANewMemberWithTheDefaultRole() {
    Org org = sso.organization("member", false);
    String email = org.email("grace");
    provider.nextUser(org.issuer(), org.clientId(), email, "Grace Hopper");
    RedirectClient browser = new RedirectClient();

    String authorization = sso.start(browser, email);
    Map<String, String> query = query(authorization);
    assertThat(authorization).startsWith(org.issuer() + "/authorize?");
    assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", org.clientId())
        .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", api.base() + "/api/v1/sso/callback")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("scope")).contains("openid", "email", "profile");

    HttpResponse<String> landed = browser.get(sso.authorize(browser, authorization));
    assertThat(landed.statusCode()).as(landed.body()).isEqualTo(302);
    String console = RedirectClient.location(landed);
    assertThat(console).startsWith(api.base() + "/#token=");
    String token = query(console.substring(console.indexOf('#') + 1)).get("token");

    JsonObject me = api.get("/api/v1/me", token).expect(200).json();
    assertThat(me.getString("email")).isEqualTo(email);
    assertThat(me.getString("name")).isEqualTo("Grace Hopper");
    assertThat(me.getBoolean("emailVerified")).isTrue();
    assertThat(me.getJsonArray("organizations").stream().map(JsonObject.class::cast))
        .anyMatch(o -> o.getString("id").equals(org.id()) && o.getString("role").equals("member"));
  }

  @Test
  void aSecondLoginLinksToTheSameUserAndAnExistingAccountIsLinkedNotDuplicated() {
    Org org = sso.organization("admin", false);
    String email = org.email("ada");
    JsonObject first = sso.signIn(org, email, "Ada");
    JsonObject second = sso.signIn(org, email.toUpperCase(), "Ada");
    assertThat(second.getJsonObject("user").getString("id")).isEqualTo(first.getJsonObject("user").getString("id"));
    assertThat(first.getString("token")).isNotEqualTo(second.getString("token"));
    api.get("/api/v1/organizations/" + org.id(), second.getString("token")).expect(200);
    assertThat(api.get("/api/v1/organizations/" + org.id(), second.getString("token")).json().getString("role")).isEqualTo("admin");

    String existing = org.email("existing");
    String password = "an existing password 123";
    String existingId = api.post("/api/v1/users", null, new JsonObject().put("email", existing).put("password", password).put("name", "Existing"))
        .expect(201).json().getString("id");
    assertThat(sso.signIn(org, existing, "Existing").getJsonObject("user").getString("id")).isEqualTo(existingId);
    assertThat(api.post("/api/v1/sessions", null, new JsonObject().put("email", existing).put("password", password)).status()).isEqualTo(201);
  }

  @Test
  void enforcedSsoBlocksPasswordSignInForTheOrganizationsDomainsOnly() {
    Org org = sso.organization("member", true);
    String inside = org.email("insider");
    String password = "a password of the insider";
    api.post("/api/v1/users", null, new JsonObject().put("email", inside).put("password", password).put("name", "In")).expect(201);
    long sessions = TestDatabase.sessions();

    JsonObject problem = api.post("/api/v1/sessions", null, new JsonObject().put("email", inside).put("password", password))
        .expectProblem(401, "sso_required");
    assertThat(problem.getString("loginUrl")).startsWith(api.base() + "/api/v1/sso/login?email=");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", inside.toUpperCase()).put("password", "wrong"))
        .expectProblem(401, "sso_required");
    assertThat(TestDatabase.sessions()).isEqualTo(sessions);

    var outsider = api.newUser("Outsider");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", outsider.email()).put("password", outsider.password())).expect(201);
    assertThat(sso.signIn(org, inside, "In").getString("token")).isNotBlank();
  }

  @Test
  void aMemberAnAdminRemovedIsNotAddedBackBySso() {
    Org org = sso.organization("member", false);
    String email = org.email("removed");
    String userId = sso.signIn(org, email, "Removed").getJsonObject("user").getString("id");
    api.request("DELETE", "/api/v1/organizations/" + org.id() + "/members/" + userId).token(org.owner().token()).send().expect(204);
    long sessions = TestDatabase.sessions();

    provider.nextUser(org.issuer(), org.clientId(), email, "Removed");
    HttpResponse<String> again = sso.login(new RedirectClient(), email);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
    assertThat(new JsonObject(again.body()).getString("code")).isEqualTo("forbidden");
    assertThat(TestDatabase.sessions()).isEqualTo(sessions);
  }

  @Test
  void twoOrganizationsWithTheirOwnProvidersDoNotMix() {
    Org a = sso.organization("member", false);
    Org b = sso.organization("admin", false);
    assertThat(query(sso.start(new RedirectClient(), a.email("x")))).containsEntry("client_id", a.clientId());
    assertThat(sso.start(new RedirectClient(), b.email("y"))).startsWith(b.issuer() + "/authorize?");

    JsonObject alice = me(sso.signIn(a, a.email("alice"), "Alice"));
    JsonObject bob = me(sso.signIn(b, b.email("bob"), "Bob"));
    assertThat(roles(alice)).containsEntry(a.id(), "member").doesNotContainKey(b.id());
    assertThat(roles(bob)).containsEntry(b.id(), "admin").doesNotContainKey(a.id());

    Reply noSso = api.request("GET", "/api/v1/sso/login?email=someone@unknown-" + System.nanoTime() + ".test").send();
    noSso.expectProblem(404, "not_found");
    api.request("GET", "/api/v1/sso/login?organization=" + java.util.UUID.randomUUID()).send().expectProblem(404, "not_found");
  }

  private static JsonObject me(JsonObject session) {
    return api.get("/api/v1/me", session.getString("token")).expect(200).json();
  }

  private static Map<String, String> roles(JsonObject me) {
    Map<String, String> roles = new java.util.HashMap<>();
    me.getJsonArray("organizations").stream().map(JsonObject.class::cast).forEach(o -> roles.put(o.getString("id"), o.getString("role")));
    return roles;
  }

  static Map<String, String> query(String url) {
    String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : url;
    Map<String, String> values = new java.util.HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      values.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return values;
  }
}
