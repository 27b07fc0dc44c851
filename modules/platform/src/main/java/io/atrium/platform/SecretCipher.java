package io.atrium.platform;


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
 * Encrypts secrets at rest (SSO client secrets, TOTP secrets) with AES-256-GCM: a random 12-byte nonce per
 * encryption, stored in front of the ciphertext and tag. The owner's id is the associated data, so a secret
 * copied to another row does not decrypt.
 */
public final class SecretCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  // Cipher.getInstance looks the provider up each time (a hot spot where mail and webhook secrets pass by the thousand); a
  // Cipher is not thread-safe, so one per thread, initialised afresh (key and nonce) for every use.
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  });

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private final String what;

  private SecretCipher(byte[] key, String what) {
    this.key = new SecretKeySpec(key, "AES");
    this.what = what;
  }

  /**
   * The key of config {@code keyName} (base64 of 32 bytes) for the secrets {@code what} names. There is no built-in
   * key to fall back to: secrets under a key everyone knows would be as good as plain text ({@code ./atrium dev} makes
   * one for development).
   */
  public static SecretCipher fromConfig(AtriumConfig config, String keyName, String what) {
    String configured = config.string(keyName);
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(keyName + " (" + AtriumConfig.envName(keyName) + ") is not set: " + what
          + " need a key (base64 of 32 bytes, e.g. `openssl rand -base64 32`)");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(configured.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(keyName + " must be base64 of 32 bytes");
    }
    if (key.length != 32) {
      throw new IllegalStateException(keyName + " must be base64 of 32 bytes, was " + key.length + " bytes");
    }
    return new SecretCipher(key, what);
  }

  public byte[] encrypt(String plain, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, associatedData, plain.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
  }

  public String decrypt(byte[] stored, String associatedData) {
    byte[] nonce = Arrays.copyOfRange(stored, 0, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
    return new String(run(Cipher.DECRYPT_MODE, nonce, associatedData, sealed), StandardCharsets.UTF_8);
  }

  private byte[] run(int mode, byte[] nonce, String associatedData, byte[] input) {
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Wrong key or tampered row: say so without echoing anything secret.
      throw new IllegalStateException(what + " cannot be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"));
    }
  }
}
