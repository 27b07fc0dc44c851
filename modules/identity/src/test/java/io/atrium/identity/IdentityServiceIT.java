package io.atrium.identity;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sign-up, sign-in with its limits, authentication and sign-out, over the event bus. */
class IdentityServiceIT extends IdentityHarness {

  @Test
  void signUpCreatesTheUserAndTheirOwnOrganization() {
    String email = uniqueEmail();
    JsonObject user = signUp("  " + email + " ", "Ada Lovelace");

    assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "email", "name", "emailVerified", "createdAt");
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getBoolean("emailVerified")).isFalse();
    assertThat(user.getString("createdAt")).isEqualTo(clock.instant().toString());
    assertThat(registrations.stream().map(JsonObject.class::cast))
        .contains(new JsonObject().put("userId", user.getString("id")).put("name", "Ada Lovelace"));
    JsonObject me = ask(IdentityAddresses.ME, new JsonObject().put("userId", user.getString("id")));
    assertThat(me).isEqualTo(new JsonObject().put("id", user.getString("id")).put("email", email)
        .put("name", "Ada Lovelace").put("emailVerified", false).put("mfaEnabled", false));
  }

  @Test
  void aSignUpWhoseOrganizationFailsLeavesNoUserBehind() {
    String email = uniqueEmail();
    organizations.unregister().await();
    try {
      assertThatThrownBy(() -> signUp(email, "Unlucky")).isInstanceOf(IllegalStateException.class);
    } finally {
      deployOrganizations();
    }

    assertThat(signUp(email, "Lucky").getString("email")).isEqualTo(email);
  }

  @Test
  void aDuplicateEmailInAnotherCaseIsAConflictOnEmail() {
    String email = uniqueEmail();
    signUp(email, "First");

    Rejection duplicate = rejection(IdentityAddresses.SIGN_UP,
        new JsonObject().put("email", email.toUpperCase()).put("password", PASSWORD).put("name", "Second"));

    assertThat(duplicate.code()).isEqualTo(Codes.CONFLICT);
    assertThat(duplicate.errors()).extracting(Rejection.FieldError::field).containsExactly("email");
  }

  @Test
  void everyValidationRuleNamesItsField() {
    JsonObject valid = new JsonObject().put("email", uniqueEmail()).put("password", PASSWORD).put("name", "Valid");
    assertThat(invalidFields(valid.copy().put("email", "no-at-sign"))).containsExactly("email");
    assertThat(invalidFields(valid.copy().put("email", "a@"))).containsExactly("email");
    assertThat(invalidFields(valid.copy().put("email", "x".repeat(250) + "@b.io"))).containsExactly("email");
    assertThat(invalidFields(valid.copy().put("password", "elevenchars"))).containsExactly("password");
    assertThat(invalidFields(valid.copy().put("password", "x".repeat(257)))).containsExactly("password");
    assertThat(invalidFields(valid.copy().put("name", "   "))).containsExactly("name");
    assertThat(invalidFields(valid.copy().put("name", "n".repeat(201)))).containsExactly("name");
    assertThat(invalidFields(new JsonObject().put("email", 42))).containsExactlyInAnyOrder("email", "password", "name");
    // 12 code points, though 24 UTF-16 chars: long enough
    assertThat(signUp(uniqueEmail(), "Emoji").getString("id")).isNotNull();
    assertThat(ask(IdentityAddresses.SIGN_UP, valid.copy().put("email", uniqueEmail()).put("password", "😀".repeat(12)))
        .getString("id")).isNotNull();
  }

  @Test
  void signInGivesASessionAndOneAnswerForWrongPasswordAndUnknownEmail() {
    String email = uniqueEmail();
    JsonObject user = signUp(email, "Grace");

    JsonObject session = signIn(email.toUpperCase(), PASSWORD);
    assertThat(session.getString("token")).startsWith("atr_");
    assertThat(session.getString("expiresAt")).isEqualTo(clock.instant().plus(Duration.ofHours(24)).toString());
    assertThat(session.getJsonObject("user")).isEqualTo(user);

    Rejection wrongPassword = rejection(IdentityAddresses.SIGN_IN, signInRequest(email, "not the password"));
    Rejection unknownEmail = rejection(IdentityAddresses.SIGN_IN, signInRequest(uniqueEmail(), PASSWORD));
    assertThat(wrongPassword.code()).isEqualTo(Codes.INVALID_CREDENTIALS);
    assertThat(wrongPassword.detail()).isEqualTo("Email or password is incorrect");
    assertThat(unknownEmail).isEqualTo(wrongPassword);
  }

  @Test
  void repeatedFailuresAreRateLimitedUntilTheWindowEnds() {
    String email = uniqueEmail();
    signUp(email, "Target");
    JsonObject fromGuesser = new JsonObject().put("email", email).put("clientAddress", "203.0.113.9");
    for (int i = 0; i < 5; i++) {
      assertThat(rejection(IdentityAddresses.SIGN_IN, fromGuesser.copy().put("password", "guess " + i)).code())
          .isEqualTo(Codes.INVALID_CREDENTIALS);
    }

    Rejection limited = rejection(IdentityAddresses.SIGN_IN, fromGuesser.copy().put("password", PASSWORD));
    assertThat(limited.code()).isEqualTo(Codes.RATE_LIMITED);
    assertThat(limited.extensions().getLong("retryAfter")).isBetween(1L, 15 * 60L);
    // The owner, elsewhere, is not locked out by one guessing address.
    assertThat(signIn(email, PASSWORD).getString("token")).startsWith("atr_");

    clock.advance(Duration.ofMinutes(16));
    assertThat(ask(IdentityAddresses.SIGN_IN, fromGuesser.copy().put("password", PASSWORD)).getString("token")).startsWith("atr_");
  }

  @Test
  void anAddressOverItsLimitIsSlowedOnlyOnTheAccountsItFailedOn() {
    JsonObject attempt = new JsonObject().put("password", "wrong password!").put("clientAddress", "203.0.113.7");
    String victim = uniqueEmail();
    signUp(victim, "Victim");
    rejection(IdentityAddresses.SIGN_IN, attempt.copy().put("email", victim));
    for (int i = 0; i < 19; i++) {
      rejection(IdentityAddresses.SIGN_IN, attempt.copy().put("email", uniqueEmail()));
    }
    String bystander = uniqueEmail();
    signUp(bystander, "Innocent bystander");

    Rejection limited = rejection(IdentityAddresses.SIGN_IN, attempt.copy().put("email", victim).put("password", PASSWORD));
    assertThat(limited.code()).isEqualTo(Codes.RATE_LIMITED);
    // One address full of people (a NAT, a proxy): whoever never failed from it signs in.
    assertThat(ask(IdentityAddresses.SIGN_IN, attempt.copy().put("email", bystander).put("password", PASSWORD)).getString("token"))
        .startsWith("atr_");
    assertThat(signIn(victim, PASSWORD).getString("token")).startsWith("atr_");
  }

  @Test
  void aSessionAuthenticatesUntilSignedOutOrExpired() {
    String email = uniqueEmail();
    JsonObject user = signUp(email, "Linus");
    String token = signIn(email, PASSWORD).getString("token");

    JsonObject identity = authenticate(token);
    assertThat(identity.getString("userId")).isEqualTo(user.getString("id"));
    assertThat(identity.getString("email")).isEqualTo(email);
    assertThat(identity.getString("kind")).isEqualTo("session");

    ask(IdentityAddresses.SIGN_OUT, new JsonObject().put("tokenId", identity.getString("tokenId")));
    assertThat(unauthenticated(token)).isTrue();

    String expiring = signIn(email, PASSWORD).getString("token");
    clock.advance(Duration.ofHours(24));
    assertThat(unauthenticated(expiring)).isTrue();
    assertThat(unauthenticated("atr_" + "A".repeat(43))).isTrue();
    assertThat(unauthenticated("not a token")).isTrue();
  }

  private static boolean unauthenticated(String token) {
    return rejection(IdentityAddresses.AUTHENTICATE, new JsonObject().put("token", token)).code().equals(Codes.UNAUTHENTICATED);
  }

  private static java.util.List<String> invalidFields(JsonObject signUp) {
    Rejection rejection = rejection(IdentityAddresses.SIGN_UP, signUp);
    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    return rejection.errors().stream().map(Rejection.FieldError::field).toList();
  }
}
