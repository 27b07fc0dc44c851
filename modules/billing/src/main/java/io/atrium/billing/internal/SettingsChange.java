package io.atrium.billing.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Changes the low-balance threshold and auto top-up; workspace billing or admin. An absent key keeps its setting,
 * {@code null} turns it off. The worker acts on them (mail once per crossing, one auto top-up in flight).
 */
final class SettingsChange {

  private final Context context;
  private final AccountReading reading;

  SettingsChange(Context context, AccountReading reading) {
    this.context = context;
    this.reading = reading;
  }

  Future<JsonObject> change(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    boolean thresholdGiven = request.containsKey("lowBalanceThreshold");
    Long threshold = request.getValue("lowBalanceThreshold") == null ? null : input.money("lowBalanceThreshold", 0, TopUpLimits.MAX_BALANCE);
    boolean autoGiven = request.containsKey("autoTopUp");
    Account.AutoTopUp auto = autoTopUp(input, request.getValue("autoTopUp"));
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, AccessLevel.BILLING))
        .compose(account -> context.accounts().changeSettings(context.pool(), workspaceId,
            thresholdGiven ? threshold : account.lowBalanceThreshold(), autoGiven ? auto : account.autoTopUp(), Times.now(context.clock())))
        .compose(reading::view);
  }

  private static Account.AutoTopUp autoTopUp(Input input, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject auto)) {
      return input.error("autoTopUp", "must be null or {threshold, amount}");
    }
    Long threshold = input.money(auto.getValue("threshold"), "autoTopUp.threshold", 0, TopUpLimits.MAX_BALANCE);
    Long amount = input.money(auto.getValue("amount"), "autoTopUp.amount", TopUpLimits.MIN, TopUpLimits.MAX);
    return threshold == null || amount == null ? null : new Account.AutoTopUp(threshold, amount);
  }
}
