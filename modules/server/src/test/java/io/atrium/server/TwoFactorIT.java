package io.atrium.server;

import io.atrium.server.testing.Reply;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.Enrolment;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Totp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two-factor sign-in with TOTP, the codes computed here from the secret as an authenticator app would. */
class TwoFactorIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void enrolmentTurnsOnOnlyWithTheRightCode() {
    TestUser user = api.verifiedEmail(api.newUser("Enrolling"));
    api.post("/api/v1/me/mfa/totp/confirm", user.token(), new JsonObject().put("code", "123456")).expectProblem(409, "conflict");
    JsonObject started = api.post("/api/v1/me/mfa/totp", user.token(), new JsonObject()).expect(201).json();
    String secret = started.getString("secret");
    assertThat(secret).matches("[A-Z2-7]{16,}");
    assertThat(started.getString("otpauthUri")).startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=Atrium");
    assertThat(api.get("/api/v1/me", user.token()).expect(200).json().getBoolean("mfaEnabled")).isFalse();

    String wrong = Totp.at(secret, api.clock.instant().plus(Duration.ofMinutes(5)));
    api.post("/api/v1/me/mfa/totp/confirm", user.token(), new JsonObject().put("code", wrong)).expectInvalid("code");
    JsonObject on = api.post("/api/v1/me/mfa/totp/confirm", user.token(),
        new JsonObject().put("code", Totp.at(secret, api.clock.instant()))).expect(200).json();
    assertThat(on.getJsonArray("recoveryCodes")).hasSize(10);
    assertThat(on.getJsonArray("recoveryCodes").stream().distinct().count()).isEqualTo(10);
    assertThat(api.get("/api/v1/me", user.token()).expect(200).json().getBoolean("mfaEnabled")).isTrue();
    api.post("/api/v1/me/mfa/totp", user.token(), new JsonObject()).expectProblem(409, "conflict");
  }

  @Test
  void signInNeedsTheSecondFactorAndNoCodeWorksTwice() {
    TestUser user = api.newUser("Careful");
    Enrolment enrolment = api.enrolTotp(user);
    long step = api.clock.instant().getEpochSecond() / 30;

    JsonObject challenge = signIn(user).expectProblem(401, "mfa_required");
    String mfaToken = challenge.getString("mfaToken");
    assertThat(mfaToken).isNotBlank();
    assertThat(challenge.containsKey("token")).isFalse();

    // Wrong code; then the code the enrolment used (a replay); then the next step's code, accepted once.
    String wrong = Totp.forStep(enrolment.secret(), step + 5);
    mfa(mfaToken, "code", wrong).expectProblem(401, "invalid_credentials");
    mfa(mfaToken, "code", Totp.forStep(enrolment.secret(), step)).expectProblem(401, "invalid_credentials");
    String next = Totp.forStep(enrolment.secret(), step + 1);
    JsonObject session = mfa(mfaToken, "code", next).expect(201).json();
    assertThat(session.getJsonObject("user").getString("id")).isEqualTo(user.id());
    assertThat(api.get("/api/v1/me", session.getString("token")).expect(200).json().getBoolean("mfaEnabled")).isTrue();
    // The mfaToken is spent, and the code too, even with a fresh mfaToken.
    mfa(mfaToken, "code", next).expectProblem(401, "unauthenticated");
    mfa(signIn(user).expectProblem(401, "mfa_required").getString("mfaToken"), "code", next).expectProblem(401, "invalid_credentials");

    // A recovery code works once.
    String recovery = enrolment.recoveryCodes().get(3);
    mfa(signIn(user).expectProblem(401, "mfa_required").getString("mfaToken"), "recoveryCode", recovery.toUpperCase()).expect(201);
    String again = signIn(user).expectProblem(401, "mfa_required").getString("mfaToken");
    mfa(again, "recoveryCode", recovery).expectProblem(401, "invalid_credentials");
  }

  @Test
  void repeatedWrongCodesAreRateLimitedAndChallengesExpire() {
    TestUser user = api.newUser("Guesser");
    Enrolment enrolment = api.enrolTotp(user);
    String mfaToken = signIn(user).expectProblem(401, "mfa_required").getString("mfaToken");
    long step = api.clock.instant().getEpochSecond() / 30;
    for (int i = 0; i < 5; i++) {
      mfa(mfaToken, "code", Totp.forStep(enrolment.secret(), step + 10 + i)).expectProblem(401, "invalid_credentials");
    }
    Reply limited = mfa(mfaToken, "code", Totp.forStep(enrolment.secret(), step + 1));
    limited.expectProblem(429, "rate_limited");
    assertThat(limited.header("Retry-After")).isNotNull();

    TestUser other = api.newUser("Late");
    Enrolment otherEnrolment = api.enrolTotp(other);
    String expiring = signIn(other).expectProblem(401, "mfa_required").getString("mfaToken");
    api.clock.advance(Duration.ofMinutes(6));
    try {
      mfa(expiring, "code", Totp.at(otherEnrolment.secret(), api.clock.instant())).expectProblem(401, "unauthenticated");
    } finally {
      api.clock.advance(Duration.ofMinutes(-6));
    }
  }

  @Test
  void turningItOffNeedsACodeOrARecoveryCode() {
    TestUser user = api.newUser("Quitter");
    Enrolment enrolment = api.enrolTotp(user);
    api.request("DELETE", "/api/v1/me/mfa/totp").token(user.token()).json(new JsonObject()).send().expectInvalid("code");
    api.request("DELETE", "/api/v1/me/mfa/totp").token(user.token()).json(new JsonObject().put("code", "000000")).send().expectInvalid("code");
    api.request("DELETE", "/api/v1/me/mfa/totp").token(user.token()).json(new JsonObject().put("recoveryCode", "nope-nope")).send()
        .expectInvalid("recoveryCode");
    api.request("DELETE", "/api/v1/me/mfa/totp").token(user.token())
        .json(new JsonObject().put("recoveryCode", enrolment.recoveryCodes().get(0))).send().expect(204);
    assertThat(api.get("/api/v1/me", user.token()).expect(200).json().getBoolean("mfaEnabled")).isFalse();
    signIn(user).expect(201);
  }

  @Test
  void anOrganizationRequiringItStopsMembersWithoutItOnItsRoutesOnly() {
    TestUser owner = api.newUser("Strict");
    TestUser member = api.newUser("Lax");
    TestUser stranger = api.newUser("Outsider");
    TestUser leaver = api.newUser("Leaver");
    String org = tenants.createOrganization(owner, "Strict Co");
    String ws = tenants.createWorkspace(org, owner, "Vault");
    tenants.joinOrganization(org, owner, member, "admin");
    tenants.joinOrganization(org, owner, leaver, "member");
    String otherOrg = tenants.createOrganization(member, "Lax Co");
    String otherWs = tenants.createWorkspace(otherOrg, member, "Playground");

    // Nobody turns it on without having it themself.
    api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token()).json(new JsonObject().put("requireMfa", true)).send()
        .expectProblem(409, "conflict");
    api.enrolTotp(owner);
    JsonObject patched = api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token())
        .json(new JsonObject().put("requireMfa", true)).send().expect(200).json();
    assertThat(patched.getBoolean("requireMfa")).isTrue();
    assertThat(api.get("/api/v1/organizations/" + org, owner.token()).expect(200).json().getBoolean("requireMfa")).isTrue();

    for (String path : new String[] {"/organizations/" + org, "/organizations/" + org + "/members", "/organizations/" + org + "/workspaces",
        "/workspaces/" + ws, "/workspaces/" + ws + "/members", "/workspaces/" + ws + "/billing"}) {
      JsonObject problem = api.get("/api/v1" + path, member.token()).expectProblem(403, "mfa_required");
      assertThat(problem.getString("detail")).contains("/me/mfa/totp");
    }
    api.post("/api/v1/organizations/" + org + "/workspaces", member.token(), new JsonObject().put("name", "Sneaky"))
        .expectProblem(403, "mfa_required");
    // Not on another organization's routes, nor on the account's own.
    api.get("/api/v1/organizations/" + otherOrg, member.token()).expect(200);
    api.get("/api/v1/workspaces/" + otherWs, member.token()).expect(200);
    api.get("/api/v1/me", member.token()).expect(200);
    api.get("/api/v1/workspaces", member.token()).expect(200);
    // Who can't see the organization still gets 404.
    api.get("/api/v1/organizations/" + org, stranger.token()).expectProblem(404, "not_found");
    api.get("/api/v1/workspaces/" + ws, stranger.token()).expectProblem(404, "not_found");

    // Leaving stays open without enrolling; removing someone else does not.
    api.request("DELETE", "/api/v1/organizations/" + org + "/members/" + owner.id()).token(leaver.token()).send()
        .expectProblem(403, "mfa_required");
    api.request("DELETE", "/api/v1/organizations/" + org + "/members/" + leaver.id()).token(leaver.token()).send().expect(204);
    api.get("/api/v1/organizations/" + org, leaver.token()).expectProblem(404, "not_found");

    api.enrolTotp(member);
    api.get("/api/v1/organizations/" + org, member.token()).expect(200);
    api.get("/api/v1/workspaces/" + ws, member.token()).expect(200);

    api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token()).json(new JsonObject().put("requireMfa", "yes")).send()
        .expectInvalid("requireMfa");
    api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token()).json(new JsonObject()).send().expectInvalid("name");
  }

  @Test
  void badInputNamesTheField() {
    TestUser user = api.newUser("Sloppy");
    api.post("/api/v1/me/mfa/totp/confirm", user.token(), new JsonObject()).expectInvalid("code");
    api.post("/api/v1/me/mfa/totp/confirm", user.token(), new JsonObject().put("code", 123456)).expectInvalid("code");
    api.post("/api/v1/sessions/mfa", null, new JsonObject().put("code", "123456")).expectInvalid("mfaToken");
    api.post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", "atr_mfa_x")).expectInvalid("code");
    api.post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", "atr_mfa_x").put("code", "1").put("recoveryCode", "a"))
        .expectInvalid("code");
    api.post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", "atr_mfa_unknown").put("code", "123456"))
        .expectProblem(401, "unauthenticated");
  }

  private Reply signIn(TestUser user) {
    return api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", user.password()));
  }

  private Reply mfa(String mfaToken, String field, String value) {
    return api.post("/api/v1/sessions/mfa", null, new JsonObject().put("mfaToken", mfaToken).put(field, value));
  }
}
