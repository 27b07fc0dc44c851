package io.atrium.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The SSO secret key of {@code ./atrium dev} when none is set: random, made once and kept in
 * {@code run/dev-sso-secret-key} (git-ignored, owner-only), so SSO settings saved in one dev run still decrypt in
 * the next. Said on start, so nobody mistakes it for a production setup.
 */
final class DevSecretKey {

  private static final Path FILE = Path.of("run", "dev-sso-secret-key");

  private DevSecretKey() {}

  static String load() {
    try {
      if (!Files.exists(FILE)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, Base64.getEncoder().encodeToString(key));
        try {
          Files.setPosixFilePermissions(FILE, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Windows: the folder's own permissions apply.
        }
        System.out.println("ATRIUM_SSO_SECRET_KEY is not set: generated a development key in " + FILE.toAbsolutePath());
      } else {
        System.out.println("ATRIUM_SSO_SECRET_KEY is not set: using the development key in " + FILE.toAbsolutePath());
      }
      return Files.readString(FILE).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the development SSO key in " + FILE, e);
    }
  }
}
