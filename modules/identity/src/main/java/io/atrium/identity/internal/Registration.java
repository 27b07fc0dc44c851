package io.atrium.identity.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/** Sign-up: a new user and the organization they own. */
final class Registration {

  static final int MAX_NAME = 200;
  private static final String ORGANIZATION_SUFFIX = "'s organization";

  private final Users users;
  private final Organizations organizations;
  private final Passwords passwords;
  private final Clock clock;

  Registration(Users users, Organizations organizations, Passwords passwords, Clock clock) {
    this.users = users;
    this.organizations = organizations;
    this.passwords = passwords;
    this.clock = clock;
  }

  Future<JsonObject> signUp(JsonObject request) {
    Input input = new Input(request);
    String email = input.email("email");
    String password = input.newPassword("password");
    String name = input.text("name", 1, MAX_NAME);
    return input.validated()
        .compose(valid -> passwords.hash(password))
        .map(hash -> new User(UUID.randomUUID(), email, name, hash, false, null, Times.now(clock)))
        // The unique index decides duplicates, so two racing sign-ups cannot both win.
        .compose(user -> users.insert(user)
            .compose(inserted -> organizations.createOwnedBy(user.id(), organizationName(name))
                // Compensation: a user without their organization must not remain.
                .recover(failure -> users.delete(user.id()).transform(deleted -> Future.failedFuture(failure))))
            .map(created -> user.toJson()));
  }

  /** "<name>'s organization", the name shortened so the whole stays within an organization name's limit. */
  static String organizationName(String name) {
    int room = MAX_NAME - ORGANIZATION_SUFFIX.length();
    String fitting = name.codePointCount(0, name.length()) <= room ? name : name.substring(0, name.offsetByCodePoints(0, room));
    return fitting + ORGANIZATION_SUFFIX;
  }
}
