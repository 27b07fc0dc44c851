package io.atrium.webhooks.internal;

import io.atrium.platform.SecretCipher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Signing secrets, Standard Webhooks style: {@code whsec_} and the base64 of 24 random bytes. Stored sealed by
 * {@link SecretCipher} with the endpoint's id as associated data, so a sealed secret copied to another row is useless.
 */
final class SigningSecrets {

  static final String PREFIX = "whsec_";
  private static final int BYTES = 24;

  private final SecretCipher cipher;
  private final SecureRandom random = new SecureRandom();

  SigningSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  String generate() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  byte[] seal(String secret, UUID endpointId) {
    return cipher.encrypt(secret, associated(endpointId));
  }

  String open(byte[] sealed, UUID endpointId) {
    return cipher.decrypt(sealed, associated(endpointId));
  }

  private static String associated(UUID endpointId) {
    return "webhook:" + endpointId;
  }

  /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} under the secret's base64 part. */
  static String signature(String secret, String messageId, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
      mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
