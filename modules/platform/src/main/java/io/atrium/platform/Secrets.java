package io.atrium.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque tokens and secrets: random values in unpadded base64url, their SHA-256 (the only form stored)
 * and a constant-time check of a presented value against a stored hash. Tokens carry 256 random bits, so a
 * fast hash is no weakness and a leaked database holds no usable token.
 */
public final class Secrets {

  public static final int TOKEN_BYTES = 32;
  /** Length of the base64url part of a token: 32 bytes give 43 characters. */
  public static final int TOKEN_LENGTH = 43;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Secrets() {}

  /** 256 random bits in base64url: 43 characters. */
  public static String newToken() {
    return randomText(TOKEN_BYTES);
  }

  /** A token told apart by its prefix, e.g. {@code atr_}. */
  public static String newToken(String prefix) {
    return prefix + newToken();
  }

  /** {@code bytes} random bytes in base64url. */
  public static String randomText(int bytes) {
    byte[] bits = new byte[bytes];
    RANDOM.nextBytes(bits);
    return BASE64URL.encodeToString(bits);
  }

  /** Whether the text has the shape {@link #newToken(String)} gives (which says nothing about it existing). */
  public static boolean wellFormed(String token, String prefix) {
    return token != null && token.length() == prefix.length() + TOKEN_LENGTH && token.startsWith(prefix)
        && token.substring(prefix.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
  }

  /** SHA-256 of the text's UTF-8 bytes: the stored form of a token. */
  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Base64url of the text's SHA-256 (a PKCE S256 challenge). */
  public static String sha256Text(String text) {
    return BASE64URL.encodeToString(sha256(text));
  }

  /** Whether a presented value hashes to the stored hash, in time that does not depend on where they differ. */
  public static boolean matches(byte[] storedHash, String presented) {
    return presented != null && sameHash(storedHash, sha256(presented));
  }

  /** Constant-time equality of two hashes. */
  public static boolean sameHash(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
