package io.atrium.server;

import io.atrium.server.testing.Reply;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Billing" over HTTP: payment methods, top-ups with Idempotency-Key, usage reports, 402s on resources, isolation. */
class BillingApiIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void paymentMethodsShowTheCardAndRefuseExpiredOnesAndForeignInvoiceAccounts() {
    TestUser owner = api.newUser("Penny Payer");
    String org = tenants.createOrganization(owner, "Payers");
    String ws = tenants.createWorkspace(org, owner, "Main");
    JsonObject billing = api.get(path(ws, "/billing"), owner.token()).expect(200).json();
    assertThat(billing.getString("balance")).isEqualTo("0.00");
    assertThat(billing.getString("status")).isEqualTo("active");
    assertThat(billing.getValue("paymentMethod")).isNull();

    JsonObject card = put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "card").put("cardToken", "tok_mastercard"))
        .expect(200).json().getJsonObject("paymentMethod");
    assertThat(card.getString("brand")).isEqualTo("mastercard");
    assertThat(card.getString("last4")).isEqualTo("4444");
    put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "card").put("cardToken", "tok_expired")).expectInvalid("cardToken");
    put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "paypal")).expectInvalid("type");

    TestUser other = api.newUser("Oscar Other");
    String otherOrg = tenants.createOrganization(other, "Others");
    String foreignAccount = tenants.billByInvoice(otherOrg, tenants.createWorkspace(otherOrg, other, "Theirs"), other);
    put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "invoice").put("invoiceAccountId", foreignAccount))
        .expectProblem(404, "not_found");
  }

  @Test
  void topUpsAreAcceptedOncePerKeyAndNeedACard() {
    TestUser owner = api.newUser("Terry TopUp");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Top"), owner, "Main");
    topUp(owner, ws, "10.00", null).expectProblem(402, "payment_method_required");
    put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "card").put("cardToken", "tok_visa")).expect(200);
    topUp(owner, ws, "5000.01", null).expectInvalid("amount");
    topUp(owner, ws, "10.00", "k".repeat(256)).expectInvalid("Idempotency-Key");

    JsonObject first = topUp(owner, ws, "20.00", "order-1").expect(202).json();
    assertThat(first.getString("status")).isEqualTo("pending");
    assertThat(first.getString("amount")).isEqualTo("20.00");
    assertThat(topUp(owner, ws, "20.00", "order-1").expect(202).json()).isEqualTo(first);
    topUp(owner, ws, "21.00", "order-1").expectProblem(422, "idempotency_key_reused");
    // The worker may already have charged it: pending or succeeded, never a second top-up for the repeated key.
    assertThat(api.get(path(ws, "/billing/top-ups/" + first.getString("id")), owner.token()).expect(200).json().getString("status"))
        .isIn("pending", "succeeded");
  }

  @Test
  void usageReportsCountDuplicatesAndNameBadEvents() {
    TestUser owner = api.newUser("Ursula Usage");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Usage"), owner, "Main");
    String now = api.clock.instant().toString();
    JsonArray events = new JsonArray().add(event("e1", "egress-gb", "1.5", now)).add(event("e2", "egress-gb", 2, now))
        .add(event("e1", "egress-gb", "1.5", now));
    assertThat(api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", events)).expect(202).json())
        .isEqualTo(new JsonObject().put("accepted", 2).put("duplicates", 1));
    assertThat(api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", events)).expect(202).json())
        .isEqualTo(new JsonObject().put("accepted", 0).put("duplicates", 3));
    api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", new JsonArray()
        .add(event("ok", "egress-gb", "1", now)).add(event("bad", "no-such-meter", "1", now)))).expectInvalid("events[1].meter");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(event("n" + i, "egress-gb", "1", now));
    }
    api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", tooMany)).expectInvalid("events");
    api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", "many")).expectInvalid("events");
  }

  @Test
  void usageIsChartedByWhenItHappenedWithinAWindowOf35Days() {
    TestUser owner = api.newUser("Olaf Occurred");
    String org = tenants.createOrganization(owner, "Occurred");
    String ws = tenants.createWorkspace(org, owner, "Main");
    tenants.billByInvoice(org, ws, owner);
    java.time.Instant now = api.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String threeDaysAgo = now.minus(java.time.Duration.ofDays(3)).toString();
    api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", new JsonArray()
        .add(event("old", "egress-gb", "2", threeDaysAgo)).add(event("new", "egress-gb", "1", now.toString())))).expect(202);
    String day = now.minus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.DAYS).toString();
    io.atrium.server.testing.Eventually.holds(java.time.Duration.ofSeconds(20), "the usage reached the ledger", () ->
        api.get(path(ws, "/billing/usage?granularity=day"), owner.token()).expect(200).json().getString("total").equals("0.03"));
    JsonArray buckets = api.get(path(ws, "/billing/usage?granularity=day"), owner.token()).expect(200).json().getJsonArray("buckets");
    JsonObject then = buckets.stream().map(JsonObject.class::cast).filter(b -> b.getString("start").equals(day)).findFirst().orElseThrow();
    assertThat(then.getString("amount")).isEqualTo("0.02");
    JsonObject entry = api.get(path(ws, "/billing/log?type=usage"), owner.token()).expect(200).json().getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("occurredAt")).startsWith(now.toString().substring(0, 16)); // dated by the batch's latest event

    api.post(path(ws, "/usage"), owner.token(), new JsonObject().put("events", new JsonArray()
        .add(event("ancient", "egress-gb", "1", now.minus(java.time.Duration.ofDays(36)).toString())))).expectInvalid("events[0].occurredAt");
  }

  @Test
  void resourcesNeedAPaymentMethodAndCreditsUnlessInvoiced() {
    TestUser owner = api.newUser("Rita Resource");
    String org = tenants.createOrganization(owner, "Servers");
    String ws = tenants.createWorkspace(org, owner, "Main");
    JsonObject server = new JsonObject().put("type", "server").put("name", "web").put("plan", "1xCPU-1GB");
    api.post(path(ws, "/resources"), owner.token(), server).expectProblem(402, "payment_method_required");
    put(owner, path(ws, "/billing/payment-method"), new JsonObject().put("type", "card").put("cardToken", "tok_visa")).expect(200);
    api.post(path(ws, "/resources"), owner.token(), server).expectProblem(402, "insufficient_credits");
    tenants.billByInvoice(org, ws, owner);
    api.post(path(ws, "/resources"), owner.token(), server).expect(201);
  }

  @Test
  void twoWorkspacesOfOneAdminShowNothingOfEachOther() {
    TestUser admin = api.newUser("Iris Isolated");
    String org = tenants.createOrganization(admin, "Twins");
    String one = tenants.createWorkspace(org, admin, "One");
    String two = tenants.createWorkspace(org, admin, "Two");
    put(admin, path(one, "/billing/payment-method"), new JsonObject().put("type", "card").put("cardToken", "tok_visa")).expect(200);
    String topUp = topUp(admin, one, "15.00", "shared-key").expect(202).json().getString("id");
    api.get(path(two, "/billing/top-ups/" + topUp), admin.token()).expectProblem(404, "not_found");
    api.get(path(two, "/billing/top-ups/" + UUID.randomUUID()), admin.token()).expectProblem(404, "not_found");
    assertThat(api.get(path(two, "/billing"), admin.token()).expect(200).json().getValue("paymentMethod")).isNull();
    topUp(admin, two, "15.00", "shared-key").expectProblem(402, "payment_method_required");
    api.get(path(one, "/billing/log?type=refund"), admin.token()).expectInvalid("type");
    api.get(path(one, "/billing/log?from=yesterday"), admin.token()).expectInvalid("from");
    assertThat(api.get(path(two, "/billing/log"), admin.token()).expect(200).json().getJsonArray("items")).isEmpty();
    JsonObject usage = api.get(path(two, "/billing/usage?granularity=hour"), admin.token()).expect(200).json();
    assertThat(usage.getString("total")).isEqualTo("0.00");
    api.get(path(two, "/billing/usage?granularity=week"), admin.token()).expectInvalid("granularity");
  }

  private Reply topUp(TestUser user, String ws, String amount, String key) {
    var request = api.request("POST", path(ws, "/billing/top-ups")).token(user.token()).json(new JsonObject().put("amount", amount));
    return key == null ? request.send() : request.header("Idempotency-Key", key).send();
  }

  private Reply put(TestUser user, String path, JsonObject body) {
    return api.request("PUT", path).token(user.token()).json(body).send();
  }

  private static String path(String ws, String rest) {
    return "/api/v1/workspaces/" + ws + rest;
  }

  private static JsonObject event(String id, String meter, Object quantity, String occurredAt) {
    return new JsonObject().put("id", id).put("meter", meter).put("quantity", quantity).put("occurredAt", occurredAt);
  }
}
