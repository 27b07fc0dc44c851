package io.atrium.server;

import io.atrium.server.testing.Invoicing;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.Enrolment;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.atrium.server.testing.Totp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a security review found: a squatter of an address keeping a way in after its owner resets the password, racing
 * guesses of two-factor codes past the limit, and invoices read around an organization's two-factor requirement.
 */
class AccountTakeoverIT {

  private static final String RESET = "atr_pwr_";
  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void anUnverifiedAccountGetsNoAuthenticatorAndNoApiToken() {
    TestUser squatter = api.newUser("Squatter");
    JsonObject refused = api.post("/api/v1/me/mfa/totp", squatter.token(), new JsonObject()).expectProblem(403, "forbidden");
    assertThat(refused.getString("detail")).contains("Verify your email address first");
    api.post("/api/v1/me/api-tokens", squatter.token(), new JsonObject().put("name", "backdoor")).expectProblem(403, "forbidden");
    assertThat(api.get("/api/v1/me/api-tokens", squatter.token()).expect(200).json().getJsonArray("items")).isEmpty();
    assertThat(api.get("/api/v1/me", squatter.token()).expect(200).json().getBoolean("mfaEnabled")).isFalse();
  }

  @Test
  void aResetEndsApiTokensAndOpenChallengesAndDropsASquattersAuthenticator() {
    // An account enrolled and holding an API token while its email was unverified (as before the rule above).
    TestUser owner = api.newUser("Owner");
    Enrolment squatters = api.enrolTotp(owner);
    String apiToken = api.post("/api/v1/me/api-tokens", owner.token(), new JsonObject().put("name", "ci")).expect(201).json().getString("token");
    TestDatabase.query("UPDATE identity.users SET email_verified = false WHERE id = $1", UUID.fromString(owner.id()));
    String challenge = signIn(owner.email(), owner.password()).expectProblem(401, "mfa_required").getString("mfaToken");

    String newPassword = resetPassword(owner);

    api.get("/api/v1/me", apiToken).expectProblem(401, "unauthenticated");
    mfa(challenge, squatters.recoveryCodes().get(0)).expectProblem(401, "unauthenticated");
    // The real owner signs in with the password alone: the squatter's authenticator and recovery codes are gone.
    String session = signIn(owner.email(), newPassword).expect(201).json().getString("token");
    JsonObject me = api.get("/api/v1/me", session).expect(200).json();
    assertThat(me.getBoolean("mfaEnabled")).isFalse();
    assertThat(me.getBoolean("emailVerified")).isTrue();
    assertThat(TestDatabase.query("SELECT 1 FROM identity.recovery_codes WHERE user_id = $1", UUID.fromString(owner.id()))).isEmpty();
  }

  @Test
  void aVerifiedAccountKeepsItsSecondFactorThroughAReset() {
    TestUser user = api.newUser("Verified");
    Enrolment enrolment = api.enrolTotp(user);
    String apiToken = api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "ci")).expect(201).json().getString("token");

    String newPassword = resetPassword(user);

    api.get("/api/v1/me", apiToken).expectProblem(401, "unauthenticated");
    String challenge = signIn(user.email(), newPassword).expectProblem(401, "mfa_required").getString("mfaToken");
    mfa(challenge, enrolment.recoveryCodes().get(0)).expect(201);
  }

  @Test
  void racingWrongCodesAreEvaluatedAtMostUpToTheLimit() throws Exception {
    TestUser user = api.newUser("Raced");
    Enrolment enrolment = api.enrolTotp(user);
    String challenge = signIn(user.email(), user.password()).expectProblem(401, "mfa_required").getString("mfaToken");
    long step = api.clock.instant().getEpochSecond() / 30;
    int guesses = 40;
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < guesses; i++) {
      String wrong = Totp.forStep(enrolment.secret(), step + 100 + i);
      calls.add(() -> api.post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", challenge).put("code", wrong)).status());
    }
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (Future<Integer> status : pool.invokeAll(calls)) {
        statuses.add(status.get());
      }
    } finally {
      pool.shutdownNow();
    }
    // mfa.maxFailures is 5: five guesses are looked at (401), every other one is refused unread (429).
    assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
    assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(guesses - 5);
    // Even the right answer waits for the window to end.
    mfa(challenge, enrolment.recoveryCodes().get(0)).expectProblem(429, "rate_limited");
  }

  @Test
  void anInvoiceIsBehindItsOrganizationsTwoFactorRequirement() {
    TestUser owner = api.newUser("Invoiced");
    TestUser admin = api.newUser("Bookkeeper");
    TestUser stranger = api.newUser("Nosy");
    String org = tenants.createOrganization(owner, "Billed Co");
    String ws = tenants.createWorkspace(org, owner, "Metered");
    tenants.joinOrganization(org, owner, admin, "admin");
    tenants.billByInvoice(org, ws, owner);
    String invoice = new Invoicing(api).invoiceLastMonth(ws, owner);
    api.get("/api/v1/invoices/" + invoice, admin.token()).expect(200);

    api.enrolTotp(owner);
    api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token()).json(new JsonObject().put("requireMfa", true)).send()
        .expect(200);

    assertThat(api.get("/api/v1/invoices/" + invoice, admin.token()).expectProblem(403, "mfa_required").getString("detail"))
        .contains("/me/mfa/totp");
    api.get("/api/v1/invoices/" + invoice + ".pdf", admin.token()).expectProblem(403, "mfa_required");
    api.get("/api/v1/invoices/" + invoice, stranger.token()).expectProblem(404, "not_found");
    api.get("/api/v1/invoices/" + invoice + ".pdf", stranger.token()).expectProblem(404, "not_found");
    api.get("/api/v1/invoices/" + invoice, owner.token()).expect(200);
    api.get("/api/v1/invoices/" + invoice + ".pdf", owner.token()).expect(200);
  }

  private String resetPassword(TestUser user) {
    int seen = api.mail.to(user.email()).size();
    api.post("/api/v1/password-resets", null, new JsonObject().put("email", user.email())).expect(202);
    String token = api.mail.tokenAfter(user.email(), seen, RESET);
    String newPassword = "a reset password " + UUID.randomUUID().toString().substring(0, 6);
    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", token).put("newPassword", newPassword)).expect(204);
    return newPassword;
  }

  private Reply signIn(String email, String password) {
    return api.post("/api/v1/sessions", null, new JsonObject().put("email", email).put("password", password));
  }

  private Reply mfa(String mfaToken, String recoveryCode) {
    return api.post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", mfaToken).put("recoveryCode", recoveryCode));
  }
}
