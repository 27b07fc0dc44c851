package io.atrium.billing.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An issued invoice as the worker wrote it; money in micro-units, {@code vatRate} a fraction. */
record Invoice(UUID id, String number, UUID invoiceAccountId, UUID organizationId, String period, String currency, String status,
               long subtotal, BigDecimal vatRate, long vat, long total, Buyer buyer, Instant issuedAt, List<Line> lines) {

  record Buyer(String name, String address, String vatId) {}

  record Line(UUID workspaceId, String description, BigDecimal quantity, long amount) {}

  Set<UUID> workspaces() {
    return Set.copyOf(lines.stream().map(Line::workspaceId).toList());
  }

  /**
   * What an admin of some of its workspaces sees: their lines only, and subtotal, VAT and total of those lines (VAT
   * rounded half-up as on the whole invoice; the parts' VAT may differ from the whole's by rounding).
   */
  Invoice onlyFor(Set<UUID> visible) {
    List<Line> kept = lines.stream().filter(line -> visible.contains(line.workspaceId())).toList();
    long keptSubtotal = kept.stream().mapToLong(Line::amount).sum();
    long keptVat = new BigDecimal(keptSubtotal).multiply(vatRate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    return new Invoice(id, number, invoiceAccountId, organizationId, period, currency, status, keptSubtotal, vatRate, keptVat,
        keptSubtotal + keptVat, buyer, issuedAt, kept);
  }

  JsonObject toJson() {
    JsonArray lineItems = new JsonArray();
    lines.forEach(line -> lineItems.add(new JsonObject().put("workspaceId", line.workspaceId().toString())
        .put("description", line.description()).put("quantity", line.quantity().stripTrailingZeros().toPlainString())
        .put("amount", Money.format(line.amount()))));
    return new JsonObject()
        .put("id", id.toString())
        .put("number", number)
        .put("invoiceAccountId", invoiceAccountId.toString())
        .put("period", period)
        .put("status", status)
        .put("currency", currency)
        .put("subtotal", Money.format(subtotal))
        .put("vatRate", InvoiceAccount.rateText(vatRate))
        .put("vat", Money.format(vat))
        .put("total", Money.format(total))
        .put("issuedAt", Times.text(issuedAt))
        .put("buyer", new JsonObject().put("name", buyer.name()).put("address", buyer.address()).put("vatId", buyer.vatId()))
        .put("lines", lineItems);
  }
}
