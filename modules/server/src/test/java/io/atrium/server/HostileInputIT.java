package io.atrium.server;

import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.RawHttp;
import io.atrium.server.testing.RawHttp.Answer;
import io.atrium.server.testing.RedirectClient;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Each defect of the hostile-input campaign: the 4xx problem it answers now instead of a 5xx or an empty body. */
class HostileInputIT {

  private static final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void inheritedAccessIsChangedOrRemovedOnlyAtTheOrganization() {
    TestUser owner = api.newUser("Owner");
    TestUser admin = api.newUser("Admin");
    String org = tenants.createOrganization(owner, "Inherited");
    tenants.joinOrganization(org, owner, admin, "admin");
    String ws = tenants.createWorkspace(org, owner, "Prod");
    String path = "/api/v1/workspaces/" + ws + "/members/" + admin.id();
    api.request("PATCH", path).token(owner.token()).json(new JsonObject().put("accessLevel", "viewer")).send()
        .expectProblem(409, "inherited_access");
    api.request("DELETE", path).token(owner.token()).send().expectProblem(409, "inherited_access");
    JsonObject member = api.get("/api/v1/workspaces/" + ws + "/members", owner.token()).expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(m -> m.getString("userId").equals(admin.id())).findFirst().orElseThrow();
    assertThat(member.getString("accessLevel")).isEqualTo("admin");
  }

  @Test
  void anOverLongEmailIsRefusedBeforeAnyQuery() {
    String huge = "a".repeat(3000) + "@example.com";
    api.post("/api/v1/sessions", null, new JsonObject().put("email", huge).put("password", "correct horse battery")).expectInvalid("email");
    api.post("/api/v1/users", null, new JsonObject().put("email", huge).put("password", "correct horse battery").put("name", "Huge"))
        .expectInvalid("email");
    assertThat(TestDatabase.query("SELECT count(*) AS n FROM identity.login_failures WHERE length(key) > 300").get(0).getLong("n")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a,b@example.com", "a@example.com>", "<a@example.com>", "\u202Ea@example.com", "Ada <a@example.com>",
      "a\u200B@example.com"})
  void addressesThatAreNotAPlainAddrSpecAreRefusedEverywhere(String address) {
    TestUser owner = api.newUser("Inviter");
    String org = tenants.createOrganization(owner, "Mail rules");
    String ws = tenants.createWorkspace(org, owner, "Mail rules");
    api.post("/api/v1/users", null, new JsonObject().put("email", address).put("password", "correct horse battery").put("name", "X"))
        .expectInvalid("email");
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(), new JsonObject().put("email", address).put("role", "member"))
        .expectInvalid("email");
    api.post("/api/v1/workspaces/" + ws + "/invitations", owner.token(), new JsonObject().put("email", address).put("accessLevel", "viewer"))
        .expectInvalid("email");
    api.post("/api/v1/admin/organizations/" + org + "/invoice-accounts", api.operator().token(), new JsonObject()
        .put("name", "AP").put("billingEmail", address).put("address", "1 Street")).expectInvalid("billingEmail");
  }

  @Test
  void anInternationalDomainIsOneAddressInEitherSpelling() {
    TestUser owner = api.newUser("Idn");
    String org = tenants.createOrganization(owner, "IDN");
    String local = "idn-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    JsonObject invited = api.post("/api/v1/organizations/" + org + "/invitations", owner.token(),
        new JsonObject().put("email", local + "@Bücher.example").put("role", "member")).expect(201).json();
    assertThat(invited.getString("email")).isEqualTo(local + "@xn--bcher-kva.example");
    api.post("/api/v1/organizations/" + org + "/invitations", owner.token(),
        new JsonObject().put("email", local + "@XN--BCHER-KVA.example").put("role", "member")).expectProblem(409, "conflict");
  }

  @Test
  void anIdTokenEmailHoldingNulIsAProblemAndNoSession() {
    OidcProvider provider = OidcProvider.get();
    SsoFlows sso = new SsoFlows(api, provider);
    SsoFlows.Org org = sso.organization("member", false);
    String email = org.email("nul");
    long sessions = TestDatabase.sessions();
    provider.nextUser(org.issuer(), org.clientId(), email.replace("@", "\u0000@"), "Nul");
    HttpResponse<String> finished = sso.login(new RedirectClient(), email);
    assertThat(finished.statusCode()).as(finished.body()).isBetween(400, 499);
    assertThat(finished.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(new JsonObject(finished.body()).getString("code")).isNotBlank();
    assertThat(TestDatabase.sessions()).isEqualTo(sessions);
  }

  @Test
  void anEmptyHostIsABadRequest() {
    Answer answer = RawHttp.send(api.base(), "GET /api/v1/pricing HTTP/1.1\nHost: \nConnection: close");
    assertProblem(answer, 400, "malformed_request");
  }

  @Test
  void aMissingHostIsABadRequest() {
    Answer answer = RawHttp.send(api.base(), "GET /api/v1/pricing HTTP/1.1\nConnection: close");
    assertProblem(answer, 400, "malformed_request");
  }

  @Test
  void anUnknownExpectationIsRefused() {
    Answer answer = RawHttp.send(api.base(), "POST /api/v1/sessions HTTP/1.1\nHost: localhost\nExpect: 999-weird\n"
        + "Content-Type: application/json\nContent-Length: 2\nConnection: close", "{}".getBytes(StandardCharsets.UTF_8));
    assertProblem(answer, 417, "expectation_failed");
  }

  @Test
  void anOverLongUrlIs414() {
    Answer answer = RawHttp.send(api.base(), "GET /api/v1/workspaces?cursor=" + "x".repeat(5000) + " HTTP/1.1\nHost: localhost\nConnection: close");
    assertProblem(answer, 414, "uri_too_long");
  }

  @Test
  void overLargeHeadersAre431() {
    Answer answer = RawHttp.send(api.base(), "POST /api/v1/sessions HTTP/1.1\nHost: localhost\nIdempotency-Key: " + "k".repeat(9000)
        + "\nConnection: close");
    assertProblem(answer, 431, "headers_too_large");
  }

  @Test
  void aControlCharacterInAHeaderIs400() {
    Answer answer = RawHttp.send(api.base(), "GET /api/v1/me HTTP/1.1\nHost: localhost\nX-Note: a\u0001b\nConnection: close");
    assertProblem(answer, 400, "malformed_request");
  }

  @Test
  void anOverLargeBodyIs413() {
    byte[] body = ("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    Answer answer = RawHttp.send(api.base(), "POST /api/v1/organizations HTTP/1.1\nHost: localhost\nContent-Type: application/json\n"
        + "Content-Length: " + body.length + "\nConnection: close", body);
    assertProblem(answer, 413, "payload_too_large");
  }

  @Test
  void invalidUtf8IsRefusedNotStoredAsReplacementCharacters() {
    byte[] body = "{\"email\":\"x@example.com\",\"password\":\"correct horse battery\",\"name\":\"Bad \u0000\"}"
        .replace("\u0000", "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
    Answer answer = RawHttp.send(api.base(), "POST /api/v1/users HTTP/1.1\nHost: localhost\nContent-Type: application/json\n"
        + "Content-Length: " + body.length + "\nConnection: close", body);
    assertProblem(answer, 400, "validation_failed");
    assertThat(answer.body()).contains("UTF-8");
  }

  @Test
  void jsonWithCommentsOrRepeatedMembersIsRefused() {
    TestUser user = api.newUser("Strict");
    api.request("POST", "/api/v1/organizations").token(user.token()).raw("{\"name\": \"A\" /* comment */}").send().expectInvalid("body");
    api.request("POST", "/api/v1/organizations").token(user.token()).raw("// comment\n{\"name\": \"A\"}").send().expectInvalid("body");
    api.request("POST", "/api/v1/organizations").token(user.token()).raw("{\"name\": \"A\", \"name\": \"B\"}").send().expectInvalid("body");
    api.request("POST", "/api/v1/organizations").token(user.token()).raw("{\"name\": \"A\"} {}").send().expectInvalid("body");
    api.request("POST", "/api/v1/organizations").token(user.token()).raw("{\"name\": \"Plain\"}").send().expect(201);
  }

  @Test
  void tokensAreNeverCachedAndNothingIsSniffed() {
    TestUser user = api.verifiedEmail(api.newUser("Cache"));
    Reply session = api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", user.password())).expect(201);
    assertThat(session.header("Cache-Control")).isEqualTo("no-store");
    Reply apiToken = api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "ci")).expect(201);
    assertThat(apiToken.header("Cache-Control")).isEqualTo("no-store");
    for (String path : new String[] {"/api/v1/me", "/health/live", "/", "/api/docs", "/api/v1/nowhere", "/nowhere"}) {
      assertThat(api.get(path, null).header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
    // Swagger UI's page runs only its own pinned scripts: nothing inline, nothing from elsewhere.
    assertThat(api.get("/api/docs", null).header("Content-Security-Policy")).contains("script-src 'self';").contains("frame-ancestors 'none'");
  }

  @Test
  void metricsAreNotOnTheApiPort() {
    api.get("/metrics", null).expectProblem(404, "not_found");
  }

  private static void assertProblem(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.problem().getString("code")).isEqualTo(code);
    assertThat(answer.problem().getInteger("status")).isEqualTo(status);
  }
}
