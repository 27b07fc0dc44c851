package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/** Sign-up: a new user and the organization they own. */
final class SignUp {

  static final int MAX_NAME = 200;

  private final UnitOfWork<IdentityTables> storage;
  private final PersonalOrganizations organizations;
  private final Passwords passwords;
  private final VerifyEmail verification;
  private final Clock clock;

  SignUp(UnitOfWork<IdentityTables> storage, PersonalOrganizations organizations, Passwords passwords, VerifyEmail verification, Clock clock) {
    this.storage = storage;
    this.organizations = organizations;
    this.passwords = passwords;
    this.verification = verification;
    this.clock = clock;
  }

  Future<JsonObject> signUp(JsonObject request) {
    Input input = new Input(request);
    String email = input.email("email");
    String password = input.newPassword("password");
    String name = input.text("name", 1, MAX_NAME);
    Users users = storage.read().users();
    return input.validated()
        .compose(valid -> passwords.hash(password))
        .map(hash -> new User(UUID.randomUUID(), email, name, hash, false, Times.now(clock)))
        // The unique index decides duplicates, so two racing sign-ups cannot both win.
        .compose(user -> users.insert(user)
            .compose(inserted -> organizations.createFor(user.id(), name)
                // Compensation: a user without their organization must not remain.
                .recover(failure -> users.delete(user.id()).transform(deleted -> Future.failedFuture(failure))))
            // A mail that cannot be queued does not undo the sign-up: the user asks for another.
            .compose(created -> verification.send(user).recover(failure -> Future.succeededFuture()))
            .map(sent -> user.toJson()));
  }
}
