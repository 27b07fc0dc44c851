package io.atrium.server;

import io.atrium.server.testing.RedirectClient;
import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.SsoFlows.Org;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md "Single sign-on": one failed check per test, each rejected with a problem and no session.
 * State problems are {@code 400 invalid_state}; code, ID token and email problems {@code 401 sso_failed}.
 */
class SsoCallbackChecksIT {

  private static final TestApi api = TestApi.get();
  private static final OidcProvider provider = OidcProvider.get();
  private static final SsoFlows sso = new SsoFlows(api, provider);

  private Org org;
  private String email;
  private long sessions;

  @BeforeEach
  void organization() {
    api.clock.set(java.time.Instant.now());
    org = sso.organization("member", false);
    email = org.email("eve");
    sessions = TestDatabase.sessions();
  }

  @AfterEach
  void providerClockBack() {
    provider.skew(Duration.ZERO);
  }

  @Test
  void aTokenOfAnotherIssuerIsRejected() {
    Org other = sso.organization("member", false);
    sessions = TestDatabase.sessions();
    nextToken(Map.of("iss", other.issuer()), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "issuer");
  }

  @Test
  void aTokenForAnotherAudienceIsRejected() {
    nextToken(Map.of("aud", "another-client"), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "aud");
  }

  @Test
  void anExpiredTokenIsRejectedByAtriumsClock() {
    // The provider's token is fresh by the real clock, which Vert.x checks; Atrium's injected clock says it expired.
    api.clock.set(java.time.Instant.now().plus(Duration.ofHours(2)));
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "expired");
  }

  @Test
  void aTokenIssuedInTheFutureByAtriumsClockIsRejected() {
    api.clock.set(java.time.Instant.now().minus(Duration.ofMinutes(10)));
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "iat");
  }

  @Test
  void aTokenExpiredByTheRealClockIsRejected() {
    provider.skew(Duration.ofHours(-2));
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "expired");
  }

  @Test
  void aWrongNonceIsRejected() {
    nextToken(Map.of("nonce", "not-the-nonce-of-this-login"), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "nonce");
  }

  @Test
  void aReplayedNonceOfAnEarlierLoginIsRejected() {
    provider.nextUser(org.issuer(), org.clientId(), org.email("first"), "First");
    RedirectClient first = new RedirectClient();
    String earlier = sso.start(first, org.email("first"));
    assertThat(first.get(sso.authorize(first, earlier), "application/json").statusCode()).isEqualTo(201);
    sessions = TestDatabase.sessions();

    nextToken(Map.of("nonce", SsoLoginIT.query(earlier).get("nonce")), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "nonce");
  }

  @Test
  void aCallbackWithoutStateIsRejected() {
    rejected(new RedirectClient().get(api.base() + "/api/v1/sso/callback?code=anything", "application/json"), 400, "invalid_state", "state");
  }

  @Test
  void aStateStartedInAnotherBrowserIsRejected() {
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    RedirectClient victim = new RedirectClient();
    String callback = sso.authorize(victim, sso.start(victim, email));
    RedirectClient attacker = new RedirectClient();
    sso.start(attacker, email);
    rejected(attacker.get(callback, "application/json"), 400, "invalid_state", "another browser");
    rejected(new RedirectClient().get(api.base() + "/api/v1/sso/callback?code=x&state=never-issued", "application/json"),
        400, "invalid_state", "no login");
  }

  @Test
  void aStateUsedOnceIsRejectedTheSecondTime() {
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    RedirectClient browser = new RedirectClient();
    String callback = sso.authorize(browser, sso.start(browser, email));
    assertThat(browser.get(callback, "application/json").statusCode()).isEqualTo(201);
    sessions = TestDatabase.sessions();
    HttpResponse<String> again = browser.get(callback, "application/json");
    assertProblem(again, 400, "invalid_state", "already used");
    assertThat(TestDatabase.sessions()).isEqualTo(sessions);
  }

  @Test
  void anExpiredLoginIsRejected() {
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    RedirectClient browser = new RedirectClient();
    String callback = sso.authorize(browser, sso.start(browser, email));
    api.clock.advance(Duration.ofMinutes(11));
    rejected(browser.get(callback, "application/json"), 400, "invalid_state", "expired");
  }

  @Test
  void aWrongPkceVerifierIsRejected() throws Exception {
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    RedirectClient browser = new RedirectClient();
    String authorization = sso.start(browser, email);
    String callback = sso.authorize(browser, authorization);
    byte[] stateHash = MessageDigest.getInstance("SHA-256").digest(SsoLoginIT.query(authorization).get("state").getBytes());
    assertThat(TestDatabase.query("UPDATE organization.sso_login_attempts SET code_verifier = $2 WHERE state_hash = $1 RETURNING id",
        Buffer.buffer(stateHash), "x".repeat(43))).hasSize(1);
    rejected(browser.get(callback, "application/json"), 401, "sso_failed", "PKCE");
  }

  @Test
  void anEmailOutsideTheDomainsIsRejected() {
    email = "eve-" + System.nanoTime() + "@elsewhere.test";
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), org.email("starter")), 401, "sso_failed", "domains");
  }

  @Test
  void anUnverifiedEmailIsRejected() {
    nextToken(Map.of("email_verified", false), List.of(org.clientId()), 3600);
    rejected(sso.login(new RedirectClient(), email), 401, "sso_failed", "verified");
  }

  @Test
  void ssoDeletedBetweenStartAndCallbackIsRejected() {
    nextToken(Map.of(), List.of(org.clientId()), 3600);
    RedirectClient browser = new RedirectClient();
    String callback = sso.authorize(browser, sso.start(browser, email));
    api.request("DELETE", "/api/v1/organizations/" + org.id() + "/sso").token(org.owner().token()).send().expect(204);
    rejected(browser.get(callback, "application/json"), 400, "invalid_state", "removed");
  }

  /** The next token for {@link #email}: verified unless the claims say otherwise. */
  private void nextToken(Map<String, Object> claims, List<String> audience, long expirySeconds) {
    Map<String, Object> all = new HashMap<>(Map.of("email", email, "email_verified", true, "name", "Eve"));
    all.putAll(claims);
    provider.nextToken(org.issuer(), all, audience, expirySeconds);
  }

  private void rejected(HttpResponse<String> response, int status, String code, String detailMentions) {
    assertProblem(response, status, code, detailMentions);
    assertThat(TestDatabase.sessions()).as("no session was opened").isEqualTo(sessions);
    assertThat(TestDatabase.query("SELECT 1 FROM identity.users WHERE email_normalized = $1", email.toLowerCase()))
        .as("no user was made").isEmpty();
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code, String detailMentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("detail")).containsIgnoringCase(detailMentions);
  }
}
