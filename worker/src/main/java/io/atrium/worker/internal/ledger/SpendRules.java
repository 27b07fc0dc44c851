package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingEvents;
import io.atrium.billing.BillingNotifications;
import io.atrium.billing.Runway;
import io.atrium.platform.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The spend controls of billing-7 after a batch: the monthly budget ({@code budget.exceeded} once a month, and with
 * {@code suspend} the workspace stays suspended while it is reached), the alert thresholds ({@code balance_below} once per
 * crossing, {@code spend_month} once a month) and the runway ({@code runway.low} once per crossing). Each fires a billing
 * event of its own and is listed in the workspace's one {@link BillingNotifications#SPEND_ALERT} of the batch, which the API
 * mails as one message.
 */
final class SpendRules {

  static final String BALANCE_BELOW = "balance_below";
  static final String SPEND_MONTH = "spend_month";

  private SpendRules() {}

  /** Notices a budget reached this month; true while a {@code suspend} budget holds the workspace suspended. */
  static boolean budget(WorkspaceBook book) {
    LedgerState.Controls c = book.account().controls();
    SpendState spend = book.spend();
    boolean reached = c.budgetMonthly() != null && spend.monthSpend > 0 && spend.monthSpend >= c.budgetMonthly();
    if (spend.budgetNotified && spend.budgetNotifiedAmount == null) {
      spend.budgetNotifiedAmount = c.budgetMonthly(); // notified before billing-9 kept the amount: for the budget in force
    } else if (spend.budgetNotified && !Objects.equals(c.budgetMonthly(), spend.budgetNotifiedAmount)) {
      spend.budgetNotified = false; // another budget since: reaching it notifies again
    }
    if (reached && !spend.budgetNotified) {
      spend.budgetNotified = true;
      spend.budgetNotifiedAmount = c.budgetMonthly();
      String action = c.budgetAction() == null ? "notify" : c.budgetAction();
      book.event(BillingEvents.BUDGET_EXCEEDED, figures(book).put("budget", Money.format(c.budgetMonthly())).put("action", action));
      book.alert(alert("budget", Money.format(c.budgetMonthly())).put("action", action));
    }
    return reached && "suspend".equals(c.budgetAction());
  }

  static void alerts(WorkspaceBook book) {
    SpendState spend = book.spend();
    Set<String> current = new HashSet<>();
    for (LedgerState.Threshold t : book.account().controls().thresholds()) {
      String key = t.kind() + ":" + t.amount();
      current.add(key);
      if (t.kind().equals(BALANCE_BELOW)) {
        boolean below = book.balance() < t.amount();
        if (below && !spend.alertsFired.containsKey(key)) {
          spend.alertsFired.put(key, true);
          fire(book, t.kind(), t.amount());
        } else if (!below) {
          spend.alertsFired.remove(key); // re-armed: the next crossing fires again
        }
      } else if (t.kind().equals(SPEND_MONTH) && spend.monthSpend >= t.amount() && !spend.month.equals(spend.alertsFired.getValue(key))) {
        spend.alertsFired.put(key, spend.month);
        fire(book, t.kind(), t.amount());
      }
    }
    spend.alertsFired.fieldNames().removeIf(key -> !current.contains(key)); // thresholds the API removed
    runway(book);
  }

  /** None for an invoiced workspace: it is never stopped at zero (GET billing shows no runway for it either). */
  private static void runway(WorkspaceBook book) {
    Integer days = book.account().controls().runwayDays();
    SpendState spend = book.spend();
    OptionalLong left = runwayOf(book);
    boolean low = days != null && left.isPresent() && left.getAsLong() <= days;
    if (low && !spend.runwayNotified) {
      spend.runwayNotified = true;
      book.event(BillingEvents.RUNWAY_LOW, figures(book).put("runwayDays", days).put("daysLeft", left.getAsLong()));
      book.alert(alert("runway_days", days));
    } else if (!low) {
      spend.runwayNotified = false;
    }
  }

  private static OptionalLong runwayOf(WorkspaceBook book) {
    return book.account().invoiced() ? OptionalLong.empty() : Runway.days(book.balance(), book.recentDebits());
  }

  private static void fire(WorkspaceBook book, String kind, long amount) {
    book.event(BillingEvents.SPEND_THRESHOLD_REACHED, figures(book).put("kind", kind).put("amount", Money.format(amount)));
    book.alert(alert(kind, Money.format(amount)));
  }

  private static JsonObject figures(WorkspaceBook book) {
    return new JsonObject().put("balance", Money.format(book.balance())).put("monthSpend", Money.format(book.spend().monthSpend));
  }

  private static JsonObject alert(String kind, Object amount) {
    return new JsonObject().put("kind", kind).put("amount", amount);
  }

  /** The {@link BillingNotifications#SPEND_ALERT} of the alerts this batch fired; null when none fired. */
  static JsonObject notification(WorkspaceBook book, List<JsonObject> fired) {
    if (fired.isEmpty()) {
      return null;
    }
    OptionalLong left = runwayOf(book);
    JsonObject notification = figures(book).put("runwayDays", left.isPresent() ? left.getAsLong() : null)
        .put("alerts", new JsonArray(List.copyOf(fired)));
    if (fired.size() == 1) {
      notification.mergeIn(fired.get(0)); // an API process of the release before reads one alert's fields at the top
    }
    return notification;
  }
}
