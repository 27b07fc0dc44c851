package io.atrium.server.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Invoices as tests need them: the clock is taken back into last month for what must happen there (payment-method
 * changes, usage), then set to now again, and an operator runs last month's invoices.
 */
public final class Invoicing {

  private final TestApi api;

  public Invoicing(TestApi api) {
    this.api = api;
  }

  /** The month before the clock's. */
  public YearMonth lastMonth() {
    return YearMonth.from(api.clock.instant().atZone(ZoneOffset.UTC)).minusMonths(1);
  }

  /** A moment of last month: its day 3 at {@code hour}:00 UTC. */
  public Instant inLastMonth(int hour) {
    return lastMonth().atDay(3).atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  /**
   * Last month's invoice of the invoice-billed workspace {@code workspaceId}: its invoice period is moved back into last
   * month (card, then its account again), one usage event is reported there, and last month is invoiced. Its id.
   */
  public String invoiceLastMonth(String workspaceId, TestApi.TestUser orgOwner) {
    chargeLastMonth(workspaceId, orgOwner);
    run(lastMonth().toString());
    return waitForInvoice(workspaceId, orgOwner.token()).getString("id");
  }

  /** Puts the invoice-billed workspace on its account since last month, with one usage debit there, applied. */
  public void chargeLastMonth(String workspaceId, TestApi.TestUser orgOwner) {
    String base = "/api/v1/workspaces/" + workspaceId;
    String account = api.get(base + "/billing", orgOwner.token()).expect(200).json().getJsonObject("paymentMethod")
        .getString("invoiceAccountId");
    Instant now = api.clock.instant();
    api.clock.set(inLastMonth(10));
    try {
      payBy(base, orgOwner, new JsonObject().put("type", "card").put("cardToken", "tok_visa"));
      payBy(base, orgOwner, new JsonObject().put("type", "invoice").put("invoiceAccountId", account));
      api.post(base + "/usage", orgOwner.token(), new JsonObject().put("events", new JsonArray().add(new JsonObject()
          .put("id", UUID.randomUUID().toString()).put("meter", "egress-gb").put("quantity", "10")
          .put("occurredAt", api.clock.instant().toString())))).expect(202);
    } finally {
      api.clock.set(now);
    }
    waitFor(() -> !api.get(base + "/billing/log?type=usage", orgOwner.token()).expect(200).json().getJsonArray("items").isEmpty());
  }

  /** Starts an invoice run as the operator; its answer. */
  public JsonObject run(String period) {
    return api.request("POST", "/api/v1/admin/invoice-runs").token(api.operator().token())
        .header("Idempotency-Key", UUID.randomUUID().toString()).json(new JsonObject().put("period", period)).send().expect(202).json();
  }

  /** The newest invoice with lines of the workspace, waited for. */
  public JsonObject waitForInvoice(String workspaceId, String token) {
    JsonObject[] found = new JsonObject[1];
    waitFor(() -> {
      JsonArray items = api.get("/api/v1/workspaces/" + workspaceId + "/invoices", token).expect(200).json().getJsonArray("items");
      found[0] = items.isEmpty() ? null : items.getJsonObject(0);
      return found[0] != null;
    });
    return found[0];
  }

  private void payBy(String base, TestApi.TestUser orgOwner, JsonObject method) {
    api.request("PUT", base + "/billing/payment-method").token(orgOwner.token()).json(method).send().expect(200);
  }

  public static void waitFor(Supplier<Boolean> condition) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.get()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for the worker");
      }
      Billing.sleep(100);
    }
  }
}
