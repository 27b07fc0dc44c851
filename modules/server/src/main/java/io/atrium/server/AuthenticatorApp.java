package io.atrium.server;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;

/**
 * What an authenticator app does with the secret it was given: RFC 6238 codes (SHA-1, 6 digits, 30 s), written here
 * from the RFC. The demo seeder enrols its operator with it; the tests compute codes with it.
 */
public final class AuthenticatorApp {

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private AuthenticatorApp() {}

  /** The code an app shows at this instant. */
  public static String at(String base32Secret, Instant instant) {
    return forStep(base32Secret, instant.getEpochSecond() / 30);
  }

  public static String forStep(String base32Secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int o = h[h.length - 1] & 0xf;
      int bits = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
      return String.format("%06d", bits % 1_000_000);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decode(String base32) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : base32.toUpperCase(Locale.ROOT).replace("=", "").toCharArray()) {
      int value = BASE32.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not base32: " + c);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
