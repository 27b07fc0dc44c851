package io.atrium.billing;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts, payment methods, settings and top-ups over the event bus, with the real contexts around billing. */
class BillingAccountsIT extends BillingHarness {

  @Test
  void everyWorkspaceHasAnAccountEvenWhenTheEventWasLost() {
    JsonObject owner = user("Ann Account");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject account = ask(BillingAddresses.GET_ACCOUNT, in(owner, ws));
    assertThat(account).isEqualTo(new JsonObject().put("currency", "EUR").put("balance", "0.00").put("status", "active")
        .putNull("paymentMethod").putNull("lowBalanceThreshold").putNull("autoTopUp").putNull("budget").putNull("runwayDays"));
    pool.preparedQuery("DELETE FROM billing.accounts WHERE workspace_id = $1::uuid").execute(io.vertx.sqlclient.Tuple.of(ws.getString("id"))).await();
    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(owner, ws)).getString("currency")).isEqualTo("EUR");
    assertThat(rejection(BillingAddresses.GET_ACCOUNT, in(user("Stranger"), ws)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void cardsAndInvoiceAccountsOfTheSameOrganizationOnly() {
    JsonObject owner = user("Carl Card");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject visa = ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    assertThat(visa.getJsonObject("paymentMethod").getString("brand")).isEqualTo("visa");
    assertThat(visa.getJsonObject("paymentMethod").getString("last4")).isEqualTo("4242");
    JsonObject master = ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_mastercard"));
    assertThat(master.getJsonObject("paymentMethod").getString("last4")).isEqualTo("4444");
    Rejection expired = rejection(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_expired"));
    assertThat(expired.errors()).extracting(Rejection.FieldError::field).containsExactly("cardToken");
    assertThat(rejection(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "cash")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("type");
    assertThat(rejection(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws)).errors())
        .extracting(Rejection.FieldError::field).containsExactly("type");

    JsonObject other = user("Otto Other");
    JsonObject foreign = workspace(other, organization(other));
    String foreignAccount = billByInvoice(other, foreign);
    assertThat(rejection(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "invoice").put("invoiceAccountId", foreignAccount))
        .code()).isEqualTo(Codes.NOT_FOUND);
    String own = billByInvoice(owner, ws);
    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(owner, ws)).getJsonObject("paymentMethod"))
        .isEqualTo(new JsonObject().put("type", "invoice").put("invoiceAccountId", own));
  }

  @Test
  void settingsAreValidatedAndKeptUntilChanged() {
    JsonObject owner = user("Sue Settings");
    JsonObject ws = workspace(owner, organization(owner));
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    JsonObject auto = new JsonObject().put("threshold", "5.00").put("amount", "20.00");
    JsonObject set = ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("lowBalanceThreshold", "3.5").put("autoTopUp", auto));
    assertThat(set.getString("lowBalanceThreshold")).isEqualTo("3.50");
    assertThat(set.getJsonObject("autoTopUp")).isEqualTo(auto.copy().put("mode", "fixed").putNull("monthlyCap").putNull("disabledAt"));
    assertThat(ask(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).putNull("autoTopUp")).getString("lowBalanceThreshold")).isEqualTo("3.50");
    Rejection bad = rejection(BillingAddresses.CHANGE_SETTINGS, in(owner, ws)
        .put("autoTopUp", new JsonObject().put("threshold", "1.00").put("amount", "5000.01")));
    assertThat(bad.errors()).extracting(Rejection.FieldError::field).containsExactly("autoTopUp.amount");
    assertThat(rejection(BillingAddresses.CHANGE_SETTINGS, in(owner, ws).put("lowBalanceThreshold", "1.2345678")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("lowBalanceThreshold");
  }

  @Test
  void topUpsNeedACardAndAreIdempotent() {
    JsonObject owner = user("Tom TopUp");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject tenEuros = in(owner, ws).put("amount", "10.00").put("idempotencyKey", "key-1");
    assertThat(rejection(BillingAddresses.REQUEST_TOP_UP, tenEuros).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    assertThat(rejection(BillingAddresses.REQUEST_TOP_UP, in(owner, ws).put("amount", "9.99")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("amount");

    JsonObject first = ask(BillingAddresses.REQUEST_TOP_UP, tenEuros);
    assertThat(first.getString("status")).isEqualTo("pending");
    assertThat(first.getString("amount")).isEqualTo("10.00");
    assertThat(ask(BillingAddresses.REQUEST_TOP_UP, tenEuros)).isEqualTo(first);
    assertThat(rejection(BillingAddresses.REQUEST_TOP_UP, tenEuros.copy().put("amount", "11.00")).code()).isEqualTo(Codes.IDEMPOTENCY_KEY_REUSED);
    assertThat(count("SELECT count(*) FROM billing.top_ups WHERE workspace_id = $1::uuid", ws.getString("id"))).isEqualTo(1);
    assertThat(jobs(BillingJobs.TOP_UP, ws.getString("id"))).singleElement().satisfies(job -> {
      assertThat(job.getString("topUpId")).isEqualTo(first.getString("id"));
      assertThat(job.getLong("amount")).isEqualTo(10_000_000L);
      assertThat(job.getString("kind")).isEqualTo("manual");
    });
    JsonObject read = ask(BillingAddresses.GET_TOP_UP, in(owner, ws).put("topUpId", first.getString("id")));
    assertThat(read.getString("status")).isEqualTo("pending");
    assertThat(rejection(BillingAddresses.REQUEST_TOP_UP, in(owner, ws).put("amount", "10.00").put("idempotencyKey", "")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("Idempotency-Key");

    billByInvoice(owner, ws);
    assertThat(rejection(BillingAddresses.REQUEST_TOP_UP, in(owner, ws).put("amount", "10.00")).code()).isEqualTo(Codes.CONFLICT);
  }

  @Test
  void twoWorkspacesOfOneAdminShareNothing() {
    JsonObject admin = user("Ivy Isolation");
    String org = organization(admin);
    JsonObject one = workspace(admin, org);
    JsonObject two = workspace(admin, org);
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(admin, one).put("type", "card").put("cardToken", "tok_visa"));
    String topUp = ask(BillingAddresses.REQUEST_TOP_UP, in(admin, one).put("amount", "25.00").put("idempotencyKey", "same")).getString("id");
    assertThat(rejection(BillingAddresses.GET_TOP_UP, in(admin, two).put("topUpId", topUp)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(ask(BillingAddresses.GET_ACCOUNT, in(admin, two)).getValue("paymentMethod")).isNull();
    // the same key in another workspace is another key
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(admin, two).put("type", "card").put("cardToken", "tok_visa"));
    assertThat(ask(BillingAddresses.REQUEST_TOP_UP, in(admin, two).put("amount", "30.00").put("idempotencyKey", "same")).getString("id"))
        .isNotEqualTo(topUp);
    assertThat(jobs(BillingJobs.TOP_UP, two.getString("id"))).hasSize(1);
  }
}
