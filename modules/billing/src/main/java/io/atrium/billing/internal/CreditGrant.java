package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.Money;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator grants credits to a workspace: ONE transaction appends the CREDIT_GRANT job (with the
 * Idempotency-Key, scope {@code operator}); the worker turns it into a grant lot, spent before paid credits.
 */
final class CreditGrant {

  static final String OPERATOR_SCOPE = "operator";

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final Idempotent idempotent;

  CreditGrant(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, Idempotent idempotent) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.idempotent = idempotent;
  }

  Future<JsonObject> grant(JsonObject request) {
    Input input = new Input(request);
    input.caller();
    UUID workspaceId = input.id("workspaceId");
    Long amount = input.money("amount", 1, TopUpLimits.MAX_BALANCE);
    String reason = input.text("reason", 1, 500);
    Instant expiresAt = input.instant("expiresAt");
    if (expiresAt != null && !expiresAt.isAfter(Times.now(collaborators.clock()))) {
      input.error("expiresAt", "must be in the future");
    }
    String key = input.idempotencyKey();
    return collaborators.operators().require(request.getValue("email"))
        .compose(operator -> input.validated())
        .compose(valid -> new OpenAccount(storage, collaborators).ensure(workspaceId))
        .compose(account -> idempotent.run(OPERATOR_SCOPE, key,
            String.join("\n", "credit-grant", workspaceId.toString(), Long.toString(amount), reason, String.valueOf(expiresAt)),
            (tables, outgoing) -> {
              UUID grantId = UUID.randomUUID();
              JsonObject job = new JsonObject()
                  .put("grantId", grantId.toString())
                  .put("workspaceId", workspaceId.toString())
                  .put("currency", account.currency())
                  .put("amount", amount)
                  .put("reason", reason)
                  .put("expiresAt", Times.text(expiresAt));
              JsonObject answer = new JsonObject().put("id", grantId.toString()).put("amount", Money.format(amount))
                  .put("reason", reason).put("expiresAt", Times.text(expiresAt)).put("status", "pending");
              // A deleted workspace's closed account takes no credit (nobody could use it). Checked in the grant's transaction
              // under a shared lock that closing the account waits for, as for top-ups: a grant is queued before a close or not at all.
              return tables.accountClosures().holdOpen(workspaceId)
                  .compose(open -> !open ? Future.<Void>failedFuture(Rejection.notFound("workspace").failure())
                      : outgoing.send(collaborators.job(workspaceId, BillingJobs.CREDIT_GRANT, job)))
                  .map(answer);
            }));
  }
}
