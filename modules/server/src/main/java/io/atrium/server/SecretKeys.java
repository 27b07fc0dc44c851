package io.atrium.server;

import io.atrium.platform.AtriumConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys that encrypt secrets at rest (SSO client secrets, TOTP secrets, queued mail). There is no built-in key: under a key
 * everyone knows they would be as good as plain text. {@code ./atrium api} refuses to start without them;
 * {@code ./atrium dev} makes random ones once and keeps them in {@code run/} (git-ignored, owner-only), so what one
 * dev run saved still decrypts in the next, and says so.
 */
final class SecretKeys {

  /** Queued mail (tokens) is sealed with it; every process runs a relay that sends mail, the worker too. */
  static final String OUTBOX = "outbox.secretKey";
  static final List<String> REQUIRED = List.of("sso.secretKey", "mfa.secretKey", OUTBOX);

  private SecretKeys() {}

  /** Refuses a production start with a key missing, naming the variable, before anything starts. */
  static void require(AtriumConfig config) {
    require(config, REQUIRED);
  }

  static void require(AtriumConfig config, List<String> keys) {
    for (String key : keys) {
      if (config.string(key) == null || config.string(key).isBlank()) {
        throw new StartupRefused(AtriumConfig.envName(key) + " is not set. Set it to base64 of 32 random bytes "
            + "(openssl rand -base64 32), the same for every API process; `./atrium dev` makes one for development.");
      }
    }
  }

  /** The development keys for those not configured, as config overrides. */
  static Map<String, Object> forDevelopment(AtriumConfig config) {
    Map<String, Object> overrides = new HashMap<>();
    for (String key : REQUIRED) {
      if (config.string(key) == null || config.string(key).isBlank()) {
        overrides.put(key, developmentKey(key));
      }
    }
    return overrides;
  }

  private static String developmentKey(String key) {
    Path file = Path.of("run", "dev-" + key.replace('.', '-'));
    try {
      if (!Files.exists(file)) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the folder's own permissions apply.
        }
        System.out.println(AtriumConfig.envName(key) + " is not set: generated a development key in " + file.toAbsolutePath());
      } else {
        System.out.println(AtriumConfig.envName(key) + " is not set: using the development key in " + file.toAbsolutePath());
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the development key " + key + " in " + file, e);
    }
  }
}
