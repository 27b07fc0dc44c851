package io.atrium.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer token: {@code atr_} and 256 random bits in base64url. Only its SHA-256 is stored, so a leaked
 * database holds no usable token; the token is too random for a fast hash to be a weakness.
 */
record TokenSecret(String value, byte[] hash) {

  static final String PREFIX = "atr_";
  static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  static TokenSecret generate() {
    return generate(PREFIX);
  }

  /** A token of another kind (mailed or short-lived), told apart by its prefix, e.g. {@code atr_pwr_}. */
  static TokenSecret generate(String prefix) {
    byte[] bits = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bits);
    String value = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    return new TokenSecret(value, hashOf(value));
  }

  /** SHA-256 of the token's UTF-8 text, as stored. */
  static byte[] hashOf(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
