package io.atrium.billing.internal;

import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * The auto top-up and budget of {@code PUT …/billing/settings}, checked field by field into {@link Input}'s errors
 * (named {@code autoTopUp.target}, {@code budget.action}…). Null in, null out: the setting is off.
 */
final class SpendSettingsInput {

  private static final Set<String> ACTIONS = Set.of(Account.Budget.NOTIFY, Account.Budget.SUSPEND);

  private SpendSettingsInput() {}

  /**
   * {@code {mode:"fixed", threshold, amount, monthlyCap?}} or {@code {mode:"target", threshold, target, monthlyCap?}}; without
   * a mode, the older {@code {threshold, amount}} is a fixed one. A fixed amount is a top-up (10.00..5000.00); a target is at
   * least a minimum top-up above the threshold, so no charge it makes is below one; a cap holds at least one charge.
   */
  static Account.AutoTopUp autoTopUp(Input input, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject auto)) {
      return input.error("autoTopUp", "must be null or {mode, threshold, amount | target, monthlyCap?}");
    }
    Object mode = auto.getValue("mode") == null ? Account.AutoTopUp.FIXED : auto.getValue("mode");
    if (!Account.AutoTopUp.FIXED.equals(mode) && !Account.AutoTopUp.TARGET.equals(mode)) {
      return input.error("autoTopUp.mode", "must be fixed or target");
    }
    boolean fixed = Account.AutoTopUp.FIXED.equals(mode);
    Long threshold = input.money(auto.getValue("threshold"), "autoTopUp.threshold", 0, TopUpLimits.MAX_BALANCE);
    Long amount = null;
    Long target = null;
    if (fixed) {
      amount = input.money(auto.getValue("amount"), "autoTopUp.amount", TopUpLimits.MIN, TopUpLimits.MAX);
      absent(input, auto, "target", "is only for mode target");
    } else {
      absent(input, auto, "amount", "is only for mode fixed: mode target charges what takes the balance to target");
      if (threshold != null) {
        target = input.money(auto.getValue("target"), "autoTopUp.target", threshold + TopUpLimits.MIN, TopUpLimits.MAX_BALANCE);
      }
    }
    long smallestCharge = fixed && amount != null ? amount : TopUpLimits.MIN;
    Long cap = auto.getValue("monthlyCap") == null ? null
        : input.money(auto.getValue("monthlyCap"), "autoTopUp.monthlyCap", smallestCharge, TopUpLimits.MAX_BALANCE);
    boolean complete = threshold != null && (fixed ? amount != null : target != null) && (cap != null || auto.getValue("monthlyCap") == null);
    return complete ? new Account.AutoTopUp((String) mode, threshold, amount, target, cap) : null;
  }

  /** {@code {monthly, action:"notify"|"suspend"}}. */
  static Account.Budget budget(Input input, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject budget)) {
      return input.error("budget", "must be null or {monthly, action}");
    }
    Long monthly = input.money(budget.getValue("monthly"), "budget.monthly", TopUpLimits.MIN_SPEND_LIMIT, TopUpLimits.MAX_BALANCE);
    Object action = budget.getValue("action");
    if (!(action instanceof String text && ACTIONS.contains(text))) { // Set.of refuses null
      return input.error("budget.action", "must be notify or suspend");
    }
    return monthly == null ? null : new Account.Budget(monthly, (String) action);
  }

  private static void absent(Input input, JsonObject auto, String field, String message) {
    if (auto.getValue(field) != null) {
      input.error("autoTopUp." + field, message);
    }
  }
}
