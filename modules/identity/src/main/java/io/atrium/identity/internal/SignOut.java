package io.atrium.identity.internal;

import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.UUID;

/** Ending a session's (or any token's) use: the caller's own token, revoked. */
final class SignOut {

  private final UnitOfWork<IdentityTables> storage;
  private final Clock clock;

  SignOut(UnitOfWork<IdentityTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** {@code {tokenId}} → {}. */
  Future<JsonObject> signOut(JsonObject request) {
    Input input = new Input(request);
    UUID tokenId = input.uuid("tokenId");
    return input.validated()
        .compose(valid -> storage.read().tokens().revoke(tokenId, Times.now(clock)))
        .map(revoked -> new JsonObject());
  }
}
