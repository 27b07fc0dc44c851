package io.atrium.billing.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** An operator makes an organization an invoicing customer; the organization must exist ({@code not_found}). */
final class InvoiceAccountCreation {

  private final Context context;

  InvoiceAccountCreation(Context context) {
    this.context = context;
  }

  Future<JsonObject> create(JsonObject request) {
    Input input = new Input(request);
    input.caller();
    UUID organizationId = input.id("organizationId");
    String name = input.text("name", 1, 200);
    String billingEmail = input.email("billingEmail");
    String address = input.text("address", 1, 1000);
    String vatId = request.getValue("vatId") == null ? null : input.text("vatId", 1, 50);
    return context.operators().require(request.getValue("email"))
        .compose(operator -> input.validated())
        .compose(valid -> context.organizations().exists(organizationId))
        .compose(exists -> {
          InvoiceAccount account = new InvoiceAccount(UUID.randomUUID(), organizationId, name, billingEmail, address, vatId,
              Times.now(context.clock()));
          return context.invoiceAccounts().insert(context.pool(), account).map(inserted -> account.toJson());
        });
  }
}
