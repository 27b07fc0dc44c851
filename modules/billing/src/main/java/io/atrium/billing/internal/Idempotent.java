package io.atrium.billing.internal;

import io.atrium.platform.Secrets;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Runs an effect in ONE transaction with its Idempotency-Key: the key is claimed first, the effect runs,
 * the answer is stored, all committed together. A repeat with the same request answers the stored answer
 * and runs nothing; a different request under the same key is {@code idempotency_key_reused}.
 */
final class Idempotent {

  /** The signal that the key was taken: the transaction rolls back and the stored answer is read. */
  private static final class Taken extends RuntimeException {
    Taken() {
      super(null, null, false, false);
    }
  }

  private final UnitOfWork<BillingTables> storage;
  private final Clock clock;

  Idempotent(UnitOfWork<BillingTables> storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** {@code request} is a canonical text of what was asked (same meaning, same text); without a key the effect just runs. */
  Future<JsonObject> run(String scope, String key, String request,
                         BiFunction<BillingTables, UnitOfWork.Outgoing, Future<JsonObject>> effect) {
    if (key == null) {
      return storage.transaction(effect);
    }
    byte[] hash = Secrets.sha256(request);
    return storage.transaction((tables, outgoing) -> tables.idempotencyKeys().claim(scope, key, hash, Times.now(clock))
            .compose(claimed -> claimed ? effect.apply(tables, outgoing) : Future.failedFuture(new Taken()))
            .compose(answer -> tables.idempotencyKeys().answer(scope, key, 202, answer).map(answer)))
        .recover(e -> e instanceof Taken ? replay(scope, key, hash) : Future.failedFuture(e));
  }

  private Future<JsonObject> replay(String scope, String key, byte[] hash) {
    return storage.read().idempotencyKeys().find(scope, key).compose(stored -> {
      if (stored.isPresent() && Arrays.equals(stored.get().requestHash(), hash)) {
        return Future.succeededFuture(stored.get().response());
      }
      return Future.failedFuture(Rejection.of(Codes.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for a different request").failure());
    });
  }
}
