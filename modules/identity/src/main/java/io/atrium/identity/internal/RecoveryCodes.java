package io.atrium.identity.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ten single-use codes that sign in without the authenticator app: ten characters in two groups
 * ({@code k7xq2-m9pta}, no look-alike letters), about 49 bits each, stored as SHA-256 (attempts are limited).
 */
final class RecoveryCodes {

  static final int COUNT = 10;
  private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCodes() {}

  static List<String> generate() {
    List<String> codes = new ArrayList<>();
    for (int n = 0; n < COUNT; n++) {
      StringBuilder code = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        code.append(i == 5 ? "-" : "").append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
      }
      codes.add(code.toString());
    }
    return codes;
  }

  /** The stored form; spaces, dashes and case as typed don't matter. */
  static byte[] hash(String code) {
    return TokenSecret.hashOf(code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
  }
}
