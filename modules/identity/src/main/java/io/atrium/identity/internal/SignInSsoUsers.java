package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/**
 * Accounts of people an organization's identity provider vouches for: found by email or created without a
 * usable password, their email verified; and their sessions.
 */
final class SignInSsoUsers {

  private final UnitOfWork<IdentityTables> storage;
  private final SessionIssuer sessions;
  private final Clock clock;

  SignInSsoUsers(UnitOfWork<IdentityTables> storage, SessionIssuer sessions, Clock clock) {
    this.storage = storage;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** {@code {email, name}} → user. */
  Future<JsonObject> user(JsonObject request) {
    Input input = new Input(request);
    String email = input.email("email");
    String rawName = request.getValue("name") instanceof String s && !s.isBlank() ? s.trim() : email;
    String name = rawName == null ? null : rawName.codePointCount(0, rawName.length()) <= SignUp.MAX_NAME
        ? rawName : rawName.substring(0, rawName.offsetByCodePoints(0, SignUp.MAX_NAME));
    return input.validated()
        .compose(valid -> findOrCreate(email, name))
        .compose(user -> user.emailVerified() ? Future.succeededFuture(user)
            : storage.read().users().markEmailVerified(user.id()).map(marked -> verified(user)))
        .map(User::toJson);
  }

  /** {@code {userId}} → {@code {token, expiresAt, user}}. */
  Future<JsonObject> session(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    return input.validated()
        .compose(valid -> storage.read().users().byId(userId))
        .compose(user -> user.isPresent() ? sessions.open(user.get())
            : Future.failedFuture(Rejection.notFound("User").failure()));
  }

  private Future<User> findOrCreate(String email, String name) {
    Users users = storage.read().users();
    return users.byEmail(email).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      User created = new User(UUID.randomUUID(), email, name, Passwords.UNUSABLE, true, Times.now(clock));
      // Two first logins at once: the unique email index lets one insert win; the other reads the winner.
      return users.insert(created).map(inserted -> created)
          .recover(failure -> failure instanceof Rejected r && Codes.CONFLICT.equals(r.rejection().code())
              ? users.byEmail(email).map(again -> again.orElseThrow())
              : Future.failedFuture(failure));
    });
  }

  private static User verified(User user) {
    return new User(user.id(), user.email(), user.name(), user.passwordHash(), true, user.createdAt());
  }
}
