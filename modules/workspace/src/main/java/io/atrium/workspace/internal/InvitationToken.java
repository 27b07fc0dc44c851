package io.atrium.workspace.internal;

import io.atrium.workspace.WorkspaceAddresses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** An invitation token: the prefix and 256 random bits in base64url. Only its SHA-256 is stored. */
record InvitationToken(String value, byte[] hash) {

  private static final SecureRandom RANDOM = new SecureRandom();

  static InvitationToken generate() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    String value = WorkspaceAddresses.INVITATION_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    return new InvitationToken(value, hashOf(value));
  }

  static byte[] hashOf(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
