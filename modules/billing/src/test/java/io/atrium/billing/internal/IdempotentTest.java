package io.atrium.billing.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.InMemoryTransactions;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The Idempotency-Key rules of API.md, on the use case's ports with in-memory fakes. */
class IdempotentTest {

  private final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
  private final InMemoryTransactions transactions = new InMemoryTransactions(keys::savepoint);
  private final Idempotent idempotent = new Idempotent(keys, transactions, MutableClock.startingNow());
  private final AtomicInteger runs = new AtomicInteger();

  /** An effect that answers with how many times it ran. */
  private final Function<SqlConnection, Future<JsonObject>> effect =
      tx -> Future.succeededFuture(new JsonObject().put("run", runs.incrementAndGet()));

  @Test
  void aRepeatWithTheSameKeyAndRequestAnswersTheFirstAnswerAndDoesNothingAgain() {
    JsonObject first = idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();
    JsonObject repeat = idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();

    assertThat(repeat).isEqualTo(first).isEqualTo(new JsonObject().put("run", 1));
    assertThat(runs).hasValue(1);
  }

  @Test
  void theSameKeyWithAnotherRequestIsIdempotencyKeyReused() {
    idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();

    Rejection rejection = rejectionOf(idempotent.run("ws-1", "key-1", "top-up:20000000", effect));

    assertThat(rejection.code()).isEqualTo(Codes.IDEMPOTENCY_KEY_REUSED);
    assertThat(rejection.code().status()).isEqualTo(422);
    assertThat(runs).hasValue(1);
  }

  @Test
  void withoutAKeyEveryRequestRunsAndNothingIsKept() {
    idempotent.run("ws-1", null, "top-up:10000000", effect).await();
    idempotent.run("ws-1", null, "top-up:10000000", effect).await();

    assertThat(runs).hasValue(2);
    assertThat(keys.size()).isZero();
  }

  @Test
  void aKeyBelongsToItsScope() {
    idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();
    JsonObject other = idempotent.run("ws-2", "key-1", "top-up:10000000", effect).await();

    assertThat(other.getInteger("run")).isEqualTo(2);
  }

  @Test
  void aFailedEffectKeepsNoKeySoTheRetryRuns() {
    Rejection refused = Rejection.notFound("workspace");
    Rejection rejection = rejectionOf(idempotent.run("ws-1", "key-1", "top-up:10000000",
        tx -> Future.failedFuture(refused.failure())));
    JsonObject retried = idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();

    assertThat(rejection).isEqualTo(refused);
    assertThat(retried.getInteger("run")).isEqualTo(1);
    assertThat(transactions.rolledBack()).isEqualTo(1);
  }

  @Test
  void theEffectAndItsKeyCommitInOneTransaction() {
    idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();

    assertThat(transactions.committed()).isEqualTo(1);
    assertThat(keys.find(null, "ws-1", "key-1").await()).hasValueSatisfying(stored -> {
      assertThat(stored.status()).isEqualTo(202);
      assertThat(stored.response()).isEqualTo(new JsonObject().put("run", 1));
    });
  }

  @Test
  void aKeyOfNoneOrMoreThan255CharactersIsAValidationFailureNamingTheHeader() {
    RequestTopUp topUps = new RequestTopUp(new BillingPorts(null, null, null, null, null, null, keys, null, null, null, null, null, null,
        null, null, 1, MutableClock.startingNow()), idempotent);

    for (String key : new String[] {"", "k".repeat(256)}) {
      Rejection rejection = rejectionOf(topUps.request(new JsonObject().put("userId", UUID.randomUUID().toString())
          .put("workspaceId", UUID.randomUUID().toString()).put("amount", "10.00").put("idempotencyKey", key)));

      assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
      assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("Idempotency-Key");
    }
    assertThat(keys.size()).isZero();
  }
}
