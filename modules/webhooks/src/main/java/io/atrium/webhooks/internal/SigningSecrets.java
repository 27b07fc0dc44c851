package io.atrium.webhooks.internal;

import io.atrium.platform.SecretCipher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /**
   * The HMAC key of a sealed secret of the endpoint, opened once and then kept (the last {@value #KEPT} used): a sweep
   * sends many deliveries to one endpoint. Kept by endpoint and sealed bytes, so a rotated secret is opened anew.
   */
  SecretKeySpec key(byte[] sealed, UUID endpointId) {
    Sealed name = new Sealed(endpointId, ByteBuffer.wrap(sealed));
    synchronized (opened) {
      SecretKeySpec key = opened.get(name);
      if (key != null) {
        return key;
      }
    }
    SecretKeySpec key = keyOf(open(sealed, endpointId));
    synchronized (opened) {
      opened.put(name, key);
    }
    return key;
  }

  private record Sealed(UUID endpointId, ByteBuffer bytes) {}

  private static final int KEPT = 4096;
  private final Map<Sealed, SecretKeySpec> opened = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Sealed, SecretKeySpec> eldest) {
      return size() > KEPT;
    }
  };

  private static String associated(UUID endpointId) {
    return "webhook:" + endpointId;
  }

  private static SecretKeySpec keyOf(String secret) {
    return new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256");
  }

  // Mac.getInstance looks up providers each time: one per thread instead.
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  });

  /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} under the secret's base64 part. */
  static String signature(String secret, String messageId, long timestamp, byte[] body) {
    return signature(keyOf(secret), messageId, timestamp, body);
  }

  static String signature(SecretKeySpec key, String messageId, long timestamp, byte[] body) {
    Mac mac = MAC.get();
    try {
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 refused its key", e);
    }
    mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }
}
