package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.billing.BillingJobs;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * Requests a top-up; workspace billing or admin; card workspaces only. The pending top-up and its TOP_UP job are
 * written in ONE transaction (with the Idempotency-Key when given); the worker charges the card.
 */
final class RequestTopUp {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;
  private final Idempotent idempotent;

  RequestTopUp(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, Idempotent idempotent) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
    this.idempotent = idempotent;
  }

  Future<JsonObject> request(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    Long amount = input.money("amount", TopUpLimits.MIN, TopUpLimits.MAX);
    String key = input.idempotencyKey();
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.BILLING))
        .compose(account -> {
          if (account.paysByInvoice()) {
            return Future.failedFuture(Rejection.conflict("an invoiced workspace is not topped up: its usage is invoiced").failure());
          }
          if (!account.paysByCard()) {
            return Future.failedFuture(Rejection.of(Codes.PAYMENT_METHOD_REQUIRED, "set a card as payment method first").failure());
          }
          return idempotent.run(workspaceId.toString(), key, "top-up:" + amount, (tables, outgoing) -> insert(tables, outgoing, account, amount));
        });
  }

  private Future<JsonObject> insert(BillingTables tables, UnitOfWork.Outgoing outgoing, Account account, long amount) {
    Instant now = Times.now(collaborators.clock());
    TopUp topUp = new TopUp(UUID.randomUUID(), account.workspaceId(), amount, TopUp.PENDING, null, now, null);
    JsonObject job = new JsonObject()
        .put("topUpId", topUp.id().toString())
        .put("workspaceId", account.workspaceId().toString())
        .put("currency", account.currency())
        .put("amount", amount)
        .put("cardReference", account.card().reference())
        .put("kind", "manual");
    return tables.topUps().insertManual(topUp, account.card().reference())
        .compose(inserted -> inserted ? outgoing.send(collaborators.job(account.workspaceId(), BillingJobs.TOP_UP, job))
            : Future.failedFuture(Rejection.notFound("workspace").failure()))
        .map(appended -> {
          JsonObject answer = topUp.toJson();
          answer.remove("completedAt");
          return answer;
        });
  }
}
