package io.atrium.server;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Email verification and password reset over real mail (GreenMail), read the way a person would. */
class EmailAndPasswordResetIT {

  private static final String VERIFY = "atr_ver_";
  private static final String RESET = "atr_pwr_";
  private final TestApi api = TestApi.get();

  @Test
  void signUpMailsALinkThatVerifiesTheEmailOnce() {
    TestUser user = api.newUser("Vera");
    JsonObject me = api.get("/api/v1/me", user.token()).expect(200).json();
    assertThat(me.getBoolean("emailVerified")).isFalse();
    assertThat(me.getBoolean("mfaEnabled")).isFalse();

    String token = api.mail.latestToken(user.email(), VERIFY);
    String body = GreenMailUtil.getBody(api.mail.to(user.email()).get(0));
    assertThat(body).contains(api.base() + "/verify-email?token=" + token);

    JsonObject verified = api.post("/api/v1/users/verify-email", null, new JsonObject().put("token", token)).expect(200).json();
    assertThat(verified.getString("id")).isEqualTo(user.id());
    assertThat(verified.getBoolean("emailVerified")).isTrue();
    assertThat(api.get("/api/v1/me", user.token()).expect(200).json().getBoolean("emailVerified")).isTrue();

    api.post("/api/v1/users/verify-email", null, new JsonObject().put("token", token)).expectProblem(410, "gone");
    api.post("/api/v1/users/verify-email", null, new JsonObject().put("token", VERIFY + "unknown")).expectProblem(410, "gone");
    api.post("/api/v1/me/verification-mail", user.token(), new JsonObject()).expectProblem(409, "conflict");
  }

  @Test
  void theMailIsSentAgainOnRequestWithinALimitAndOldLinksExpire() {
    TestUser user = api.newUser("Resend");
    String first = api.mail.latestToken(user.email(), VERIFY);
    api.post("/api/v1/me/verification-mail", user.token(), new JsonObject()).expect(202);
    String second = api.mail.tokenAfter(user.email(), 1, VERIFY);
    assertThat(second).isNotEqualTo(first);

    // Three mails an hour: two more, then 429 with Retry-After, and no mail.
    api.post("/api/v1/me/verification-mail", user.token(), new JsonObject()).expect(202);
    api.post("/api/v1/me/verification-mail", user.token(), new JsonObject()).expect(202);
    Reply limited = api.post("/api/v1/me/verification-mail", user.token(), new JsonObject());
    limited.expectProblem(429, "rate_limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);

    // A link is good for 24 hours.
    api.clock.advance(Duration.ofHours(25));
    try {
      api.post("/api/v1/users/verify-email", null, new JsonObject().put("token", first)).expectProblem(410, "gone");
    } finally {
      api.clock.advance(Duration.ofHours(-25));
    }
    api.post("/api/v1/users/verify-email", null, new JsonObject().put("token", second)).expect(200);
    assertThat(api.get("/api/v1/me", user.token()).expect(200).json().getBoolean("emailVerified")).isTrue();
  }

  @Test
  void aResetSetsThePasswordAndSignsTheUserOutEverywhere() {
    TestUser user = api.newUser("Forgetful");
    String otherSession = signIn(user.email(), user.password()).expect(201).json().getString("token");
    int seen = api.mail.to(user.email()).size();

    Reply asked = api.post("/api/v1/password-resets", null, new JsonObject().put("email", user.email().toUpperCase()));
    asked.expect(202);
    String token = api.mail.tokenAfter(user.email(), seen, RESET);
    assertThat(GreenMailUtil.getBody(api.mail.to(user.email()).get(api.mail.to(user.email()).size() - 1)))
        .contains(api.base() + "/reset-password?token=" + token);

    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", token).put("newPassword", "short"))
        .expectInvalid("newPassword");
    String newPassword = "a brand new password " + UUID.randomUUID().toString().substring(0, 4);
    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", token).put("newPassword", newPassword)).expect(204);

    api.get("/api/v1/me", user.token()).expectProblem(401, "unauthenticated");
    api.get("/api/v1/me", otherSession).expectProblem(401, "unauthenticated");
    signIn(user.email(), user.password()).expectProblem(401, "invalid_credentials");
    String fresh = signIn(user.email(), newPassword).expect(201).json().getString("token");
    // Reading the mail proved the address, too.
    assertThat(api.get("/api/v1/me", fresh).expect(200).json().getBoolean("emailVerified")).isTrue();

    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", token).put("newPassword", "yet another password"))
        .expectProblem(410, "gone");
    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", RESET + "made-up").put("newPassword", "yet another password"))
        .expectProblem(410, "gone");
    signIn(user.email(), newPassword).expect(201);
  }

  @Test
  void aResetTokenLastsOneHour() {
    TestUser user = api.newUser("Slow");
    int seen = api.mail.to(user.email()).size();
    api.post("/api/v1/password-resets", null, new JsonObject().put("email", user.email())).expect(202);
    String token = api.mail.tokenAfter(user.email(), seen, RESET);
    api.clock.advance(Duration.ofMinutes(61));
    try {
      api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", token).put("newPassword", "too late a password"))
          .expectProblem(410, "gone");
    } finally {
      api.clock.advance(Duration.ofMinutes(-61));
    }
    signIn(user.email(), user.password()).expect(201);
  }

  @Test
  void anUnknownEmailIsAnsweredExactlyLikeAKnownOne() {
    List<TestUser> known = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      known.add(api.newUser("Known"));
    }
    // Warm up the path once, then alternate known and unknown emails.
    api.post("/api/v1/password-resets", null, new JsonObject().put("email", "warm-" + UUID.randomUUID() + "@example.com")).expect(202);
    List<Long> knownNanos = new ArrayList<>();
    List<Long> unknownNanos = new ArrayList<>();
    String knownBody = null;
    for (TestUser user : known) {
      String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
      long start = System.nanoTime();
      Reply forKnown = api.post("/api/v1/password-resets", null, new JsonObject().put("email", user.email()));
      knownNanos.add(System.nanoTime() - start);
      start = System.nanoTime();
      Reply forUnknown = api.post("/api/v1/password-resets", null, new JsonObject().put("email", unknown));
      unknownNanos.add(System.nanoTime() - start);

      forKnown.expect(202);
      forUnknown.expect(202);
      assertThat(forUnknown.body()).isEqualTo(forKnown.body());
      assertThat(forUnknown.header("Content-Type")).isEqualTo(forKnown.header("Content-Type"));
      assertThat(forUnknown.header("Content-Length")).isEqualTo(forKnown.header("Content-Length"));
      knownBody = forKnown.body();
      assertThat(api.mail.to(unknown)).isEmpty();
    }
    assertThat(knownBody).isNotNull();
    // Both do one Argon2 verification (tens of ms) and nothing else on the answer's path: the medians stay close.
    long knownMedian = median(knownNanos);
    long unknownMedian = median(unknownNanos);
    assertThat((double) knownMedian / unknownMedian).as("known %d ns, unknown %d ns", knownMedian, unknownMedian).isBetween(0.5, 2.0);
    for (TestUser user : known) {
      assertThat(api.mail.latestToken(user.email(), RESET)).startsWith(RESET);
    }
  }

  @Test
  void resetsAreLimitedPerEmail() {
    String email = "limited-" + UUID.randomUUID() + "@example.com";
    for (int i = 0; i < 3; i++) {
      api.post("/api/v1/password-resets", null, new JsonObject().put("email", email)).expect(202);
    }
    Reply limited = api.post("/api/v1/password-resets", null, new JsonObject().put("email", email));
    limited.expectProblem(429, "rate_limited");
    assertThat(limited.header("Retry-After")).isNotNull();
    // Another email from the same client is still served (the per-client limit is far higher).
    api.post("/api/v1/password-resets", null, new JsonObject().put("email", "other-" + email)).expect(202);
  }

  @Test
  void badInputNamesTheField() {
    api.post("/api/v1/users/verify-email", null, new JsonObject()).expectInvalid("token");
    api.post("/api/v1/users/verify-email", null, new JsonObject().put("token", 42)).expectInvalid("token");
    api.post("/api/v1/password-resets", null, new JsonObject()).expectInvalid("email");
    api.post("/api/v1/password-resets", null, new JsonObject().put("email", "not an email")).expectInvalid("email");
    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("newPassword", "long enough password")).expectInvalid("token");
    api.post("/api/v1/password-resets/confirm", null, new JsonObject().put("token", "x")).expectInvalid("newPassword");
    api.request("POST", "/api/v1/password-resets").raw("{\"email\":").send().expectInvalid("body");
  }

  private Reply signIn(String email, String password) {
    return api.post("/api/v1/sessions", null, new JsonObject().put("email", email).put("password", password));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
