package io.atrium.billing.internal;

import io.atrium.billing.BillingNotifications;
import io.atrium.platform.Mailer;
import io.atrium.platform.Money;
import io.atrium.workspace.WorkspaceFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * What the API does when the worker says so: suspends or resumes a workspace's resources (unless a newer ledger state was
 * applied already, {@link ApplyResourceState}), or mails its
 * owners and admins that the balance is low, a spend alert fired or automatic top-up turned itself off, or mails an
 * invoice account that its invoice was issued.
 * Every step is idempotent, so a redelivered notification
 * does no harm (at most a second mail).
 */
public final class HandleBillingNotification {

  static final String LOW_BALANCE_SUBJECT = "Your Atrium balance is low";
  static final String SPEND_ALERT_SUBJECT = "Atrium spend alert";
  static final String AUTO_TOP_UP_DISABLED_SUBJECT = "Atrium automatic top-up turned off";
  private static final Logger log = LoggerFactory.getLogger(HandleBillingNotification.class);

  private final BillableWorkspaces workspaces;
  private final ApplyResourceState states;
  private final Mailer mailer;

  HandleBillingNotification(BillableWorkspaces workspaces, ApplyResourceState states, Mailer mailer) {
    this.workspaces = workspaces;
    this.states = states;
    this.mailer = mailer;
  }

  /** Handles one notification; an unknown type is logged and dropped (nothing could handle it later either). */
  public Future<Void> handle(String type, JsonObject payload) {
    if (BillingNotifications.INVOICE_ISSUED.equals(type)) {
      return mailInvoice(payload);
    }
    UUID workspaceId = Input.parseUuid(payload.getValue("workspaceId"));
    if (workspaceId == null) {
      log.warn("billing notification {} without a workspaceId dropped: {}", type, payload.encode());
      return Future.succeededFuture();
    }
    return switch (type == null ? "" : type) {
      case BillingNotifications.SUSPENDED -> states.apply(workspaceId, "suspended", seq(payload)).mapEmpty();
      case BillingNotifications.RESUMED -> states.apply(workspaceId, "active", seq(payload)).mapEmpty();
      case BillingNotifications.LOW_BALANCE -> mailAdmins(workspaceId, money(payload.getValue("balance")), money(payload.getValue("threshold")));
      case BillingNotifications.SPEND_ALERT -> mailAdmins(workspaceId, SPEND_ALERT_SUBJECT, (name, currency) -> spendAlert(name, currency, payload));
      case BillingNotifications.AUTO_TOP_UP_DISABLED -> mailAdmins(workspaceId, AUTO_TOP_UP_DISABLED_SUBJECT, (name, currency) ->
          "Hello,\n\nautomatic top-up of the workspace \"" + name + "\" was turned off after " + payload.getValue("declines")
              + " declined charges in a row (" + payload.getString("failureReason") + ").\nCheck the card and save the auto top-up setting again.\n");
      default -> {
        log.warn("unknown billing notification {} dropped", type);
        yield Future.succeededFuture();
      }
    };
  }

  private Future<Void> mailAdmins(UUID workspaceId, String balance, String threshold) {
    return mailAdmins(workspaceId, LOW_BALANCE_SUBJECT, (name, currency) -> "Hello,\n\nthe balance of the workspace \"" + name
        + "\" is " + balance + " " + currency + ", below the low-balance threshold of " + threshold + " " + currency
        + ".\nTop it up so that its resources keep running.\n");
  }

  /** One mail to the workspace's owners and admins, queued in one transaction; {@code text} is given its name and currency. */
  private Future<Void> mailAdmins(UUID workspaceId, String subject, BiFunction<String, String, String> text) {
    return workspaces.describe(workspaceId).compose(workspace -> workspaces.adminsOf(workspaceId).compose(admins -> {
      String body = text.apply(workspace.name(), workspace.currency());
      return mailer.sendAll(admins.stream().map(WorkspaceFacts.Admin::email).toList(), subject, body);
    }));
  }

  /** Every alert the batch fired, in one mail; a message from before they were listed is one alert with its figures. */
  private static String spendAlert(String name, String currency, JsonObject notification) {
    JsonArray listed = notification.getJsonArray("alerts");
    List<JsonObject> alerts = listed == null ? List.of(notification)
        : listed.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    String what = alerts.size() == 1 ? alertText(alerts.get(0), currency) + ".\n"
        : alerts.size() + " spend alerts fired:\n" + alerts.stream().map(a -> "- " + alertText(a, currency) + "\n").collect(Collectors.joining());
    return "Hello,\n\nin the workspace \"" + name + "\", " + what + "Balance: " + money(notification.getValue("balance")) + " " + currency
        + "\nSpent this month: " + money(notification.getValue("monthSpend")) + " " + currency + "\n";
  }

  private static String alertText(JsonObject alert, String currency) {
    return switch (alert.getString("kind", "")) {
      case "balance_below" -> "the balance fell below " + alert.getValue("amount") + " " + currency;
      case "spend_month" -> "this month's spend reached " + alert.getValue("amount") + " " + currency;
      case "runway_days" -> "the credit left lasts " + alert.getValue("amount") + " days or less at the last 7 days' rate";
      case "budget" -> "this month's spend reached the monthly budget of " + alert.getValue("amount") + " " + currency
          + ("suspend".equals(alert.getString("action")) ? "; its resources are suspended until the budget is raised or the month ends" : "");
      default -> "a spend alert fired (" + alert.getString("kind") + ")";
    };
  }

  /** To the account's billing email; the invoice itself is read (and its PDF fetched) through the API. */
  private Future<Void> mailInvoice(JsonObject invoice) {
    String number = invoice.getString("number");
    String period = invoice.getString("period");
    String total = money(invoice.getValue("total")) + " " + invoice.getString("currency");
    String text = "Hello,\n\ninvoice " + number + " for " + period + " has been issued.\nTotal: " + total
        + "\nInvoice id: " + invoice.getString("invoiceId") + "\n";
    return mailer.send(invoice.getString("billingEmail"), "Invoice " + number + " for " + period, text);
  }

  private static Long seq(JsonObject payload) {
    return payload.getValue("ledgerSeq") instanceof Number n ? n.longValue() : null;
  }

  /** The worker sends micro-units; a decimal string is taken as it is. */
  private static String money(Object value) {
    return value instanceof Number n ? Money.format(n.longValue()) : String.valueOf(value);
  }
}
