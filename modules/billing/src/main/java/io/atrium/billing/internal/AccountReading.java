package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Money;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** {@code GET /workspaces/{id}/billing}: the account as the contract shows it, with the ledger's balance and status; viewer. */
final class AccountReading {

  private final Context context;

  AccountReading(Context context) {
    this.context = context;
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(this::view);
  }

  /** The account beside its ledger standing. */
  Future<JsonObject> view(Account account) {
    return context.ledger().standing(context.pool(), account.workspaceId()).map(standing -> new JsonObject()
        .put("currency", account.currency())
        .put("balance", Money.format(standing.balance()))
        .put("status", standing.status())
        .put("paymentMethod", paymentMethod(account))
        .put("lowBalanceThreshold", account.lowBalanceThreshold() == null ? null : Money.format(account.lowBalanceThreshold()))
        .put("autoTopUp", account.autoTopUp() == null ? null : new JsonObject()
            .put("threshold", Money.format(account.autoTopUp().threshold()))
            .put("amount", Money.format(account.autoTopUp().amount()))));
  }

  private static JsonObject paymentMethod(Account account) {
    if (account.paysByCard()) {
      Account.Card card = account.card();
      return new JsonObject().put("type", Account.CARD).put("brand", card.brand()).put("last4", card.last4())
          .put("expMonth", card.expMonth()).put("expYear", card.expYear());
    }
    if (account.paysByInvoice()) {
      return new JsonObject().put("type", Account.INVOICE).put("invoiceAccountId", account.invoiceAccountId().toString());
    }
    return null;
  }
}
