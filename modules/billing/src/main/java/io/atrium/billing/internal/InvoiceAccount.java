package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's invoicing customer record: workspaces paying by invoice name one of their organization's.
 * {@code vatRate} is a fraction ("0.2000" is 20 %), applied to each invoice's subtotal.
 */
record InvoiceAccount(UUID id, UUID organizationId, String name, String billingEmail, String address, String vatId, BigDecimal vatRate,
                      Instant createdAt) {

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("organizationId", organizationId.toString())
        .put("name", name)
        .put("billingEmail", billingEmail)
        .put("address", address)
        .put("vatId", vatId)
        .put("vatRate", rateText(vatRate))
        .put("createdAt", Times.text(createdAt));
  }

  /** The same text however the rate was stored ({@code 0.2000} and {@code 0.2} both read "0.20"). */
  static String rateText(BigDecimal rate) {
    BigDecimal plain = rate.stripTrailingZeros();
    return plain.setScale(Math.max(2, plain.scale())).toPlainString();
  }
}
