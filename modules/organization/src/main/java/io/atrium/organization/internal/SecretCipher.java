package io.atrium.organization.internal;

import io.atrium.platform.AtriumConfig;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts SSO client secrets at rest with AES-256-GCM: a random 12-byte nonce per encryption, stored in
 * front of the ciphertext and tag. The organization id is the associated data, so a secret copied to
 * another organization's row does not decrypt.
 */
final class SecretCipher {

  static final String KEY = "sso.secretKey";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The key of {@code sso.secretKey} (base64 of 32 bytes); there is no built-in one to fall back to. */
  static SecretCipher fromConfig(AtriumConfig config) {
    String configured = config.string(KEY);
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(KEY + " (" + AtriumConfig.envName(KEY) + ") is not set: SSO client secrets need a key "
          + "(base64 of 32 bytes, e.g. `openssl rand -base64 32`)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(configured.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(KEY + " must be base64 of 32 bytes");
    }
    if (key.length != 32) {
      throw new IllegalStateException(KEY + " must be base64 of 32 bytes, was " + key.length + " bytes");
    }
    return new SecretCipher(key);
  }

  byte[] encrypt(String plain, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, associatedData, plain.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
  }

  String decrypt(byte[] stored, String associatedData) {
    byte[] nonce = Arrays.copyOfRange(stored, 0, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
    return new String(run(Cipher.DECRYPT_MODE, nonce, associatedData, sealed), StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] nonce, String associatedData, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Wrong key or tampered row: say so without echoing anything secret.
      throw new IllegalStateException("SSO client secret cannot be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"));
    }
  }
}
