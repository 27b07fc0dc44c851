package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Invitation tokens: the prefix and 256 random bits in base64url; only their SHA-256 is stored. */
final class InvitationTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;
  private static final int ENCODED_LENGTH = 43;

  private InvitationTokens() {}

  static String generate() {
    byte[] secret = new byte[BYTES];
    RANDOM.nextBytes(secret);
    return OrganizationAddresses.INVITATION_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Whether the text has the shape of one of our tokens (which says nothing about it existing). */
  static boolean wellFormed(String token) {
    String prefix = OrganizationAddresses.INVITATION_TOKEN_PREFIX;
    return token != null && token.length() == prefix.length() + ENCODED_LENGTH && token.startsWith(prefix)
        && token.substring(prefix.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
