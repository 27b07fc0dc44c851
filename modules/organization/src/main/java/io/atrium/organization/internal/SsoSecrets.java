package io.atrium.organization.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random values of an SSO login (state, nonce, PKCE verifier, browser binding) and how they are stored or sent. */
final class SsoSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private SsoSecrets() {}

  /** 256 random bits, base64url: 43 characters, also a valid PKCE verifier. */
  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCE S256: base64url of the verifier's SHA-256. */
  static String challenge(String verifier) {
    return URL.encodeToString(sha256(verifier));
  }

  static boolean sameHash(byte[] stored, String presented) {
    return presented != null && MessageDigest.isEqual(stored, sha256(presented));
  }
}
