package io.atrium.identity.internal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.UUID;

/** Password hashing off the event loop. */
final class Passwords {

  /** The stored "hash" of a user without a password (made by single sign-on): nothing verifies against it. */
  static final String UNUSABLE = "!unusable";

  private final Vertx vertx;
  private final PasswordHasher hasher = new PasswordHasher();
  /** A hash nobody's password matches: verifying an unknown email against it costs what a real check costs. */
  private final Future<String> dummyHash;

  Passwords(Vertx vertx) {
    this.vertx = vertx;
    this.dummyHash = blocking(() -> hasher.hash(UUID.randomUUID().toString()));
  }

  Future<String> hash(String password) {
    return blocking(() -> hasher.hash(password));
  }

  Future<Boolean> verify(String phc, String password) {
    if (UNUSABLE.equals(phc)) {
      return verifyNobody(password);
    }
    return blocking(() -> hasher.verify(phc, password));
  }

  /** Spends one verification so that an unknown email takes as long as a wrong password; always false. */
  Future<Boolean> verifyNobody(String password) {
    return dummyHash.compose(dummy -> verify(dummy, password)).map(matched -> false);
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
