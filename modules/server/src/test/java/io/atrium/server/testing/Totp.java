package io.atrium.server.testing;

import io.atrium.server.AuthenticatorApp;

import java.time.Instant;

/** What an authenticator app shows for a secret ({@link AuthenticatorApp}), under the name the tests use. */
public final class Totp {

  private Totp() {}

  /** The code an app shows at this instant. */
  public static String at(String base32Secret, Instant instant) {
    return AuthenticatorApp.at(base32Secret, instant);
  }

  public static String forStep(String base32Secret, long step) {
    return AuthenticatorApp.forStep(base32Secret, step);
  }
}
