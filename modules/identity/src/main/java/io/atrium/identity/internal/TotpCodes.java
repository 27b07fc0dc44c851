package io.atrium.identity.internal;

import io.vertx.ext.auth.otp.OtpKey;
import io.vertx.ext.auth.otp.OtpKeyGenerator;
import io.vertx.ext.auth.otp.totp.TotpAuth;
import io.vertx.ext.auth.otp.totp.TotpAuthOptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * RFC 6238 codes: 6 digits, 30-second steps, HMAC-SHA1, as every authenticator app makes them. Keys and the
 * otpauth URI come from vertx-auth-otp; checking is ours, because it must take time from the injected clock,
 * allow one step of drift either way, and say which step matched so that a code is never accepted twice.
 */
final class TotpCodes {

  static final long PERIOD_SECONDS = 30;
  static final int DIGITS = 6;
  static final Pattern FORMAT = Pattern.compile("\\d{6}");
  private static final String ISSUER = "Atrium";
  private static final TotpAuth TOTP = TotpAuth.create(new TotpAuthOptions().setPasswordLength(DIGITS).setPeriod(PERIOD_SECONDS));

  private TotpCodes() {}

  /** A new random secret, base32 as apps take it. */
  static String newSecret() {
    return OtpKeyGenerator.create().generate().getKey();
  }

  static String uri(String secret, String email) {
    return TOTP.generateUri(new OtpKey().setKey(secret).setAlgorithm("SHA1"), ISSUER, email);
  }

  /** The step of {@code now}, or of one step before or after it, whose code is {@code code}. */
  static OptionalLong matchingStep(String secret, String code, Instant now) {
    if (code == null || !FORMAT.matcher(code).matches()) {
      return OptionalLong.empty();
    }
    byte[] key = new OtpKey().setKey(secret).getKeyBytes();
    long current = now.getEpochSecond() / PERIOD_SECONDS;
    for (long step = current - 1; step <= current + 1; step++) {
      if (java.security.MessageDigest.isEqual(code(key, step).getBytes(), code.getBytes())) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  static String code(byte[] key, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0xf;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA1", e);
    }
  }
}
