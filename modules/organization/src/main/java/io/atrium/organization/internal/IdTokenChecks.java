package io.atrium.organization.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks the ID token of an SSO login. Vert.x Auth OAuth2 verified the signature against the provider's JWKS
 * (and iss, aud, azp) and only then hands the claims over; these checks repeat iss, aud and azp against this
 * login's own settings (the issuer bound to the state guards against mix-ups between organizations) and add
 * exp, iat and nonce against the injected clock and the attempt, then email_verified and the email's domain.
 */
final class IdTokenChecks {

  /** Clock difference tolerated between Atrium and a provider. */
  static final Duration SKEW = Duration.ofSeconds(60);

  private IdTokenChecks() {}

  /** The verified claims, or the failed check as an {@code sso_failed} rejection. */
  static JsonObject verified(User user, SsoConfiguration configuration, LoginAttempt attempt, Instant now) {
    JsonObject claims = user.attributes().getJsonObject("idToken");
    if (claims == null) {
      throw failed(whyRejected(user.principal().getString("id_token"), configuration, attempt));
    }
    String problem = claimProblem(claims, configuration, attempt);
    if (problem == null) {
      problem = timeProblem(claims, now);
    }
    if (problem == null && !attempt.nonce().equals(claims.getString("nonce"))) {
      problem = "the ID token's nonce does not match this login";
    }
    if (problem == null && !Boolean.TRUE.equals(claims.getValue("email_verified"))) {
      problem = "the provider has not verified the email address";
    }
    if (problem == null && (!(claims.getValue("email") instanceof String email) || !configuration.covers(email))) {
      problem = "the email address is outside the organization's single sign-on domains";
    }
    if (problem != null) {
      throw failed(problem);
    }
    return claims;
  }

  /** iss (bound to the attempt), aud and azp; null when they hold. */
  private static String claimProblem(JsonObject claims, SsoConfiguration configuration, LoginAttempt attempt) {
    String issuer = claims.getValue("iss") instanceof String s ? s.replaceAll("/+$", "") : null;
    if (issuer == null || !issuer.equals(attempt.issuer()) || !issuer.equals(configuration.issuer())) {
      return "the ID token was issued by another issuer than the organization's";
    }
    Object aud = claims.getValue("aud");
    JsonArray audiences = aud instanceof JsonArray a ? a : aud instanceof String s ? new JsonArray().add(s) : new JsonArray();
    if (!audiences.contains(configuration.clientId())) {
      return "the ID token is not meant for this client (aud)";
    }
    if (claims.containsKey("azp") && !configuration.clientId().equals(claims.getValue("azp"))) {
      return "the ID token's authorized party (azp) is another client";
    }
    return null;
  }

  private static String timeProblem(JsonObject claims, Instant now) {
    if (!(claims.getValue("exp") instanceof Number exp) || !(claims.getValue("iat") instanceof Number iat)) {
      return "the ID token lacks exp or iat";
    }
    if (!Instant.ofEpochSecond(exp.longValue()).isAfter(now.minus(SKEW))) {
      return "the ID token has expired";
    }
    if (Instant.ofEpochSecond(iat.longValue()).isAfter(now.plus(SKEW)) || iat.longValue() > exp.longValue()) {
      return "the ID token's issue time (iat) is in the future";
    }
    return null;
  }

  /** Vert.x refused the token without saying why: name the first claim that is wrong, else the signature. */
  private static String whyRejected(String idToken, SsoConfiguration configuration, LoginAttempt attempt) {
    if (idToken == null) {
      return "the provider answered without an ID token";
    }
    JsonObject unverified = unverifiedClaims(idToken);
    String claimProblem = unverified == null ? null : claimProblem(unverified, configuration, attempt);
    return claimProblem != null ? claimProblem : "the ID token's signature does not verify with the provider's keys";
  }

  private static JsonObject unverifiedClaims(String idToken) {
    try {
      String[] parts = idToken.split("\\.");
      return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(parts[1])));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static io.atrium.platform.Rejected failed(String detail) {
    return Rejection.of(Codes.SSO_FAILED, detail).failure();
  }
}
