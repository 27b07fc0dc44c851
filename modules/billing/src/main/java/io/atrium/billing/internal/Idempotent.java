package io.atrium.billing.internal;

import io.atrium.platform.Secrets;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.Transactions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.Function;

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

  private final IdempotencyKeys keys;
  private final Transactions transactions;
  private final Clock clock;

  Idempotent(BillingPorts context) {
    this(context.idempotency(), Transactions.of(context.pool()), context.clock());
  }

  Idempotent(IdempotencyKeys keys, Transactions transactions, Clock clock) {
    this.keys = keys;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** {@code request} is a canonical text of what was asked (same meaning, same text); without a key the effect just runs. */
  Future<JsonObject> run(String scope, String key, String request, Function<SqlConnection, Future<JsonObject>> effect) {
    if (key == null) {
      return transactions.run(effect);
    }
    byte[] hash = Secrets.sha256(request);
    return transactions.run(tx -> keys.claim(tx, scope, key, hash, Times.now(clock))
            .compose(claimed -> claimed ? effect.apply(tx) : Future.failedFuture(new Taken()))
            .compose(answer -> keys.answer(tx, scope, key, 202, answer).map(answer)))
        .recover(e -> e instanceof Taken ? replay(scope, key, hash) : Future.failedFuture(e));
  }

  private Future<JsonObject> replay(String scope, String key, byte[] hash) {
    return keys.find(transactions.reads(), scope, key).compose(stored -> {
      if (stored.isPresent() && Arrays.equals(stored.get().requestHash(), hash)) {
        return Future.succeededFuture(stored.get().response());
      }
      return Future.failedFuture(Rejection.of(Codes.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for a different request").failure());
    });
  }
}
