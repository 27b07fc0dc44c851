package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.Codes;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The Idempotency-Key rules of API.md, on the use case's ports with in-memory fakes. */
class IdempotentTest {

  private final InMemoryBillingTables tables = new InMemoryBillingTables();
  private final InMemoryIdempotencyKeys keys = tables.idempotencyKeys;
  private final Idempotent idempotent = new Idempotent(tables.storage, MutableClock.startingNow());
  private final AtomicInteger runs = new AtomicInteger();
  private final OutboxMessage job = OutboxMessage.billingJob(UUID.randomUUID(), BillingJobs.TOP_UP, new JsonObject(), 1);

  /** An effect that queues a job and answers with how many times it ran. */
  private final BiFunction<BillingTables, UnitOfWork.Outgoing, Future<JsonObject>> effect =
      (tables, outgoing) -> outgoing.send(job).map(sent -> new JsonObject().put("run", runs.incrementAndGet()));

  @Test
  void aRepeatWithTheSameKeyAndRequestAnswersTheFirstAnswerAndDoesNothingAgain() {
    JsonObject first = idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();
    JsonObject repeat = idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();

    assertThat(repeat).isEqualTo(first).isEqualTo(new JsonObject().put("run", 1));
    assertThat(runs).hasValue(1);
    assertThat(tables.storage.messages()).as("the repeat queues no second job").containsExactly(job);
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
  void aFailedEffectKeepsNoKeyNorJobSoTheRetryRuns() {
    Rejection refused = Rejection.notFound("workspace");
    Rejection rejection = rejectionOf(idempotent.run("ws-1", "key-1", "top-up:10000000",
        (tables, outgoing) -> outgoing.send(job).compose(sent -> Future.failedFuture(refused.failure()))));

    assertThat(rejection).isEqualTo(refused);
    assertThat(tables.storage.rolledBack()).isEqualTo(1);
    assertThat(tables.storage.messages()).isEmpty();
    JsonObject retried = idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();
    assertThat(retried.getInteger("run")).isEqualTo(1);
  }

  @Test
  void theEffectItsJobAndItsKeyCommitInOneTransaction() {
    idempotent.run("ws-1", "key-1", "top-up:10000000", effect).await();

    assertThat(tables.storage.committed()).isEqualTo(1);
    assertThat(tables.storage.messages()).containsExactly(job);
    assertThat(keys.find("ws-1", "key-1").await()).hasValueSatisfying(stored -> {
      assertThat(stored.status()).isEqualTo(202);
      assertThat(stored.response()).isEqualTo(new JsonObject().put("run", 1));
    });
  }

  @Test
  void aKeyOfNoneOrMoreThan255CharactersIsAValidationFailureNamingTheHeader() {
    RequestTopUp topUps = new RequestTopUp(tables.storage, InMemoryBillingTables.collaborators(null, MutableClock.startingNow()), idempotent);

    for (String key : new String[] {"", "k".repeat(256)}) {
      Rejection rejection = rejectionOf(topUps.request(new JsonObject().put("userId", UUID.randomUUID().toString())
          .put("workspaceId", UUID.randomUUID().toString()).put("amount", "10.00").put("idempotencyKey", key)));

      assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
      assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("Idempotency-Key");
    }
    assertThat(keys.size()).isZero();
  }
}
