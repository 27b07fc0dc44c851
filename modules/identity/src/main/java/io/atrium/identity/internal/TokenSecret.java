package io.atrium.identity.internal;

import io.atrium.platform.Secrets;

/** A bearer token: {@code atr_} and 256 random bits in base64url (see {@link Secrets}). Only its SHA-256 is stored. */
record TokenSecret(String value, byte[] hash) {

  static final String PREFIX = "atr_";
  static final int RANDOM_BYTES = Secrets.TOKEN_BYTES;

  static TokenSecret generate() {
    return generate(PREFIX);
  }

  /** A token of another kind (mailed or short-lived), told apart by its prefix, e.g. {@code atr_pwr_}. */
  static TokenSecret generate(String prefix) {
    String value = Secrets.newToken(prefix);
    return new TokenSecret(value, hashOf(value));
  }

  /** SHA-256 of the token's UTF-8 text, as stored. */
  static byte[] hashOf(String token) {
    return Secrets.sha256(token);
  }
}
