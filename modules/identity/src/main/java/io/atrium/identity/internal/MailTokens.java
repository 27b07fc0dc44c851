package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: single-use tokens sent by mail (email verification, password reset), stored as SHA-256 hashes. Using one
 * is one statement that marks it used and applies its effect, so a token races nobody into applying twice.
 */
interface MailTokens {

  String VERIFY_EMAIL = "verify_email";
  String PASSWORD_RESET = "password_reset";

  Future<Void> insert(byte[] hash, UUID userId, String purpose, Instant now, Instant expiresAt);

  /** Whether the token is known, unused and unexpired (using it stays one statement: this only spares work for junk). */
  Future<Boolean> live(byte[] hash, String purpose, Instant now);

  /** Marks the user's email verified; empty when the token is unknown, expired or used. */
  Future<Optional<UUID>> verifyEmail(byte[] hash, Instant now);

  /** Sets the password and ends every token of the user; empty when the token is unknown, expired or used. */
  Future<Optional<UUID>> resetPassword(byte[] hash, String passwordHash, Instant now);
}
