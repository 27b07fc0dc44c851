package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * An operator makes an organization an invoicing customer; the organization must exist ({@code not_found}).
 * {@code vatRate} is a decimal string fraction 0..1 with up to 4 digits ("0.20"); absent: config
 * {@code invoicing.defaultVatRate}.
 */
final class CreateInvoiceAccount {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BigDecimal defaultVatRate;

  CreateInvoiceAccount(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, BigDecimal defaultVatRate) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.defaultVatRate = defaultVatRate;
  }

  Future<JsonObject> create(JsonObject request) {
    Input input = new Input(request);
    input.caller();
    UUID organizationId = input.id("organizationId");
    String name = input.text("name", 1, 200);
    String billingEmail = input.email("billingEmail");
    String address = input.text("address", 1, 1000);
    String vatId = request.getValue("vatId") == null ? null : input.text("vatId", 1, 50);
    BigDecimal vatRate = request.getValue("vatRate") == null ? defaultVatRate : vatRate(input, request.getValue("vatRate"));
    return collaborators.operators().require(request.getValue("email"))
        .compose(operator -> input.validated())
        .compose(valid -> collaborators.organizations().exists(organizationId))
        .compose(exists -> {
          InvoiceAccount account = new InvoiceAccount(UUID.randomUUID(), organizationId, name, billingEmail, address, vatId, vatRate,
              Times.now(collaborators.clock()));
          return storage.read().invoiceAccounts().insert(account).map(inserted -> account.toJson());
        });
  }

  private static BigDecimal vatRate(Input input, Object value) {
    if (value instanceof String text && text.matches("[01](\\.\\d{1,4})?")) {
      BigDecimal rate = new BigDecimal(text);
      if (rate.compareTo(BigDecimal.ONE) <= 0) {
        return rate;
      }
    }
    return input.error("vatRate", "must be a decimal string fraction from 0 to 1 with up to 4 digits, like \"0.20\"");
  }
}
