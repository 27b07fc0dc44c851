package io.atrium.identity.internal;

import io.atrium.platform.EmailAddress;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in. */
record User(UUID id, String email, String name, String passwordHash, boolean emailVerified, Instant createdAt) {

  /** The one spelling emails are compared in. */
  static String normalize(String email) {
    return EmailAddress.normalize(email);
  }

  /** The user as the contract shows it; never the password hash. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("name", name)
        .put("emailVerified", emailVerified)
        .put("createdAt", Times.text(createdAt));
  }
}
