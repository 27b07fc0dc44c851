package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A signed-in user replaces their password; their other sessions end, since one of them may be the reason. */
final class ChangePassword {

  private static final Rejection WRONG_CURRENT_PASSWORD = new Rejection(Codes.INVALID_CREDENTIALS,
      "The current password is incorrect", List.of(new Rejection.FieldError("currentPassword", "is incorrect")));

  private final UnitOfWork<IdentityTables> storage;
  private final Passwords passwords;
  private final Clock clock;

  ChangePassword(UnitOfWork<IdentityTables> storage, Passwords passwords, Clock clock) {
    this.storage = storage;
    this.passwords = passwords;
    this.clock = clock;
  }

  Future<JsonObject> changePassword(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    UUID tokenId = input.uuid("tokenId");
    String currentPassword = input.given("currentPassword");
    String newPassword = input.newPassword("newPassword");
    Users users = storage.read().users();
    return input.validated()
        .compose(valid -> users.byId(userId))
        .compose(user -> user.isEmpty()
            ? Future.failedFuture(Rejection.notFound("User").failure())
            : passwords.verify(user.get().passwordHash(), currentPassword))
        .compose(matched -> matched ? passwords.hash(newPassword) : Future.failedFuture(WRONG_CURRENT_PASSWORD.failure()))
        // Ends the other sessions (not the one asking); API tokens stay, each is revoked on its own.
        .compose(hash -> users.replacePassword(userId, hash, tokenId, Times.now(clock)))
        .map(changed -> new JsonObject());
  }
}
