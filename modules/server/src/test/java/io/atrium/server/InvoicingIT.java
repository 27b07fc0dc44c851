package io.atrium.server;

import io.atrium.platform.Database;
import io.atrium.platform.Money;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.Billing;
import io.atrium.server.testing.Invoicing;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.atrium.worker.LedgerVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.atrium.server.testing.Invoicing.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** An invoicing organization's month: consumption and usage of three workspaces on one invoice, a prepaid one beside them. */
class InvoicingIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);
  private final Invoicing invoicing = new Invoicing(api);

  @Test
  void oneInvoicePerAccountAndMonthBillsExactlyTheInvoicedDebits() throws Exception {
    TestUser owner = api.newUser("Ivy Invoiced");
    String org = tenants.createOrganization(owner, "Invoiced Org");
    String period = invoicing.lastMonth().toString();
    String billingEmail = "ap-" + UUID.randomUUID() + "@example.com";
    Instant now = api.clock.instant();
    Instant start = invoicing.inLastMonth(10);
    List<String> invoiced;
    String prepaid;
    api.clock.set(start);
    try {
      invoiced = List.of(tenants.createWorkspace(org, owner, "A"), tenants.createWorkspace(org, owner, "B"),
          tenants.createWorkspace(org, owner, "C"));
      prepaid = tenants.createWorkspace(org, owner, "Prepaid");
      String account = api.post("/api/v1/admin/organizations/" + org + "/invoice-accounts", api.operator().token(), new JsonObject()
          .put("name", "Invoiced Org AP").put("billingEmail", billingEmail).put("address", "1 Ledger Lane\n10115 Berlin")
          .put("vatId", "DE123456789").put("vatRate", "0.20")).expect(201).json().getString("id");
      for (String ws : invoiced) {
        api.request("PUT", "/api/v1/workspaces/" + ws + "/billing/payment-method").token(owner.token())
            .json(new JsonObject().put("type", "invoice").put("invoiceAccountId", account)).send().expect(200);
      }
      new Billing(api).fund(owner.token(), prepaid, "20.00");
      for (String ws : List.of(invoiced.get(0), invoiced.get(1), prepaid)) {
        api.post("/api/v1/workspaces/" + ws + "/resources", owner.token(), new JsonObject().put("type", "server").put("name", "web")
            .put("plan", "1xCPU-1GB")).expect(201);
      }
      api.clock.set(start.plus(3, ChronoUnit.HOURS));
      for (int h = 0; h < 3; h++) {
        api.post("/api/v1/admin/consumption-runs", api.operator().token(),
            new JsonObject().put("hour", start.plus(h, ChronoUnit.HOURS).toString())).expect(202);
      }
      for (String ws : List.of(invoiced.get(0), invoiced.get(2), prepaid)) {
        api.post("/api/v1/workspaces/" + ws + "/usage", owner.token(), new JsonObject().put("events", new JsonArray().add(new JsonObject()
            .put("id", "e-" + UUID.randomUUID()).put("meter", "egress-gb").put("quantity", "12.5")
            .put("occurredAt", api.clock.instant().toString())))).expect(202);
      }
    } finally {
      api.clock.set(now);
    }
    waitFor(() -> entries(owner, invoiced.get(0), "consumption") == 3 && entries(owner, invoiced.get(1), "consumption") == 3
        && entries(owner, invoiced.get(0), "usage") == 1 && entries(owner, invoiced.get(2), "usage") == 1);

    String runKey = UUID.randomUUID().toString();
    JsonObject run = api.request("POST", "/api/v1/admin/invoice-runs").token(api.operator().token()).header("Idempotency-Key", runKey)
        .json(new JsonObject().put("period", period)).send().expect(202).json();
    assertThat(run.getString("period")).isEqualTo(period);
    assertThat(run.getString("status")).isEqualTo("queued");
    String invoiceId = invoicing.waitForInvoice(invoiced.get(0), owner.token()).getString("id");
    JsonObject invoice = api.get("/api/v1/invoices/" + invoiceId, owner.token()).expect(200).json();

    // One invoice, three line groups, the prepaid workspace not on it, totals equal to the debits of last month.
    Set<String> groups = lines(invoice).stream().map(l -> l.getString("workspaceId")).collect(Collectors.toSet());
    assertThat(groups).containsExactlyInAnyOrderElementsOf(invoiced).doesNotContain(prepaid);
    long debits = invoiced.stream().mapToLong(ws -> debitsIn(owner, ws, period)).sum();
    assertThat(Money.parse(invoice.getString("subtotal"))).isEqualTo(debits).isPositive();
    long vat = Money.parse(invoice.getString("vat"));
    assertThat(vat).isEqualTo((debits * 2 + 5) / 10);
    assertThat(Money.parse(invoice.getString("total"))).isEqualTo(debits + vat);
    assertThat(invoice.getString("number")).matches("ATR-\\d{4}-\\d{6}");
    assertThat(invoice.getString("status")).isEqualTo("issued");
    for (String ws : invoiced) {
      waitFor(() -> entries(owner, ws, "invoice") == 1);
      long settled = Money.parse(log(owner, ws, "invoice").getJsonObject(0).getString("amount"));
      assertThat(settled).isEqualTo(debitsIn(owner, ws, period));
    }
    assertThat(api.get("/api/v1/workspaces/" + prepaid + "/invoices", owner.token()).expect(200).json().getJsonArray("items")).isEmpty();
    waitFor(() -> api.mail.to(billingEmail).stream().anyMatch(m -> subject(m).equals("Invoice " + invoice.getString("number")
        + " for " + period)));

    // Again, by a new run and by a repeated request: nothing new.
    invoicing.run(period);
    api.request("POST", "/api/v1/admin/invoice-runs").token(api.operator().token()).header("Idempotency-Key", runKey)
        .json(new JsonObject().put("period", period)).send().expect(202);
    Thread.sleep(3000);
    for (String ws : invoiced) {
      assertThat(api.get("/api/v1/workspaces/" + ws + "/invoices", owner.token()).expect(200).json().getJsonArray("items")).hasSize(1);
      assertThat(entries(owner, ws, "invoice")).isEqualTo(1);
    }
    assertThat(api.get("/api/v1/invoices/" + invoiceId, owner.token()).expect(200).json()).isEqualTo(invoice);
    assertThat(verifyLedgers()).isEmpty();

    // The PDF opens and says the number and the total.
    byte[] pdf = pdf(invoiceId, owner.token());
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "invoice-" + invoice.getString("number") + ".pdf"), pdf);
    try (var document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains(invoice.getString("number")).contains(Money.format(Money.parse(invoice.getString("total")), 2))
          .contains("Invoiced Org AP").contains(period);
    }

    // A workspace admin sees their lines only; a stranger's workspace admin nothing.
    TestUser wsAdmin = api.newUser("Walt Only B");
    tenants.joinOrganization(org, owner, wsAdmin, "member");
    tenants.joinWorkspace(invoiced.get(1), owner, wsAdmin, "admin");
    JsonObject partial = api.get("/api/v1/invoices/" + invoiceId, wsAdmin.token()).expect(200).json();
    assertThat(lines(partial)).allSatisfy(l -> assertThat(l.getString("workspaceId")).isEqualTo(invoiced.get(1)));
    assertThat(Money.parse(partial.getString("subtotal"))).isEqualTo(debitsIn(owner, invoiced.get(1), period));
    TestUser stranger = api.newUser("Sid Stranger");
    String strangerWs = tenants.createWorkspace(tenants.createOrganization(stranger, "Elsewhere"), stranger, "Mine");
    api.get("/api/v1/invoices/" + invoiceId, stranger.token()).expectProblem(404, "not_found");
    assertThat(pdfStatus(invoiceId, stranger.token())).isEqualTo(404);
    api.get("/api/v1/workspaces/" + strangerWs + "/invoices", stranger.token()).expect(200);
  }

  @Test
  void aCardDebtFollowsTheWorkspaceOntoItsInvoiceAccountAndIsBilledOnce() {
    TestUser owner = api.newUser("Cora CardDebt");
    String org = tenants.createOrganization(owner, "Card Debt Org");
    String ws = tenants.createWorkspace(org, owner, "Was Prepaid");
    String base = "/api/v1/workspaces/" + ws;
    api.operator(); // signed in now: a session begun last month would have expired by the run
    Instant now = api.clock.instant();
    Instant switched = invoicing.inLastMonth(11); // both read before the clock moves: "last month" is the clock's
    api.clock.set(invoicing.inLastMonth(9));
    try {
      api.request("PUT", base + "/billing/payment-method").token(owner.token())
          .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")).send().expect(200);
      api.post(base + "/usage", owner.token(), new JsonObject().put("events", new JsonArray().add(new JsonObject()
          .put("id", "e-" + UUID.randomUUID()).put("meter", "egress-gb").put("quantity", "250")
          .put("occurredAt", api.clock.instant().toString())))).expect(202);
      waitFor(() -> entries(owner, ws, "usage") == 1);
      assertThat(Money.parse(balance(owner, ws))).isEqualTo(-2_500_000L);
      api.clock.set(switched);
      tenants.billByInvoice(org, ws, owner);
    } finally {
      api.clock.set(now);
    }
    waitFor(() -> carriedDebts(ws) == 2_500_000L); // the worker carries the card time's debt to the account
    invoicing.run(invoicing.lastMonth().toString());
    JsonObject invoice = api.get("/api/v1/invoices/" + invoicing.waitForInvoice(ws, owner.token()).getString("id"), owner.token())
        .expect(200).json();
    assertThat(lines(invoice)).extracting(l -> l.getString("description") + " " + Money.parse(l.getString("amount")))
        .containsExactly("Balance carried over from card payments 2500000");
    waitFor(() -> entries(owner, ws, "invoice") == 1);
    assertThat(Money.parse(balance(owner, ws))).as("the invoice's settlement paid the card debt").isZero();

    invoicing.run(invoicing.lastMonth().toString());
    assertThat(api.get(base + "/invoices", owner.token()).expect(200).json().getJsonArray("items")).hasSize(1);
    assertThat(verifyLedgers()).isEmpty();
  }

  private String balance(TestUser user, String ws) {
    return api.get("/api/v1/workspaces/" + ws + "/billing", user.token()).expect(200).json().getString("balance");
  }

  @Test
  void racingRunsNumberInvoicesWithoutGapsOrDuplicates() {
    TestUser owner = api.newUser("Rita Racing");
    String[] workspaces = new String[4];
    for (int i = 0; i < workspaces.length; i++) {
      String org = tenants.createOrganization(owner, "Racing " + i);
      workspaces[i] = tenants.createWorkspace(org, owner, "W" + i);
      tenants.billByInvoice(org, workspaces[i], owner);
    }
    for (String ws : workspaces) {
      invoicing.chargeLastMonth(ws, owner);
    }
    // Two runs of last month and one of the month before at once: every account's job races the others for numbers.
    List<Thread> runs = List.of(invoicing.lastMonth().toString(), invoicing.lastMonth().toString(),
        invoicing.lastMonth().minusMonths(1).toString()).stream().map(p -> {
          Thread thread = new Thread(() -> invoicing.run(p));
          thread.start();
          return thread;
        }).toList();
    runs.forEach(t -> {
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    for (String ws : workspaces) {
      invoicing.waitForInvoice(ws, owner.token());
    }
    List<String> numbers = numbers();
    assertThat(numbers).doesNotHaveDuplicates();
    for (String year : numbers.stream().map(n -> n.substring(4, 8)).collect(Collectors.toSet())) {
      List<Integer> sequence = numbers.stream().filter(n -> n.substring(4, 8).equals(year)).map(n -> Integer.parseInt(n.substring(9)))
          .sorted().toList();
      assertThat(sequence).as("numbers of %s", year).isEqualTo(java.util.stream.IntStream.rangeClosed(1, sequence.size()).boxed().toList());
    }
  }

  @Test
  void badPeriodsAndUnknownInvoices() {
    TestUser owner = api.newUser("Bea BadInput");
    for (String bad : List.of("2026-13", "2026-1", "last month", "")) {
      api.post("/api/v1/admin/invoice-runs", api.operator().token(), new JsonObject().put("period", bad)).expectInvalid("period");
    }
    api.post("/api/v1/admin/invoice-runs", api.operator().token(), new JsonObject()).expectInvalid("period");
    String thisMonth = invoicing.lastMonth().plusMonths(1).toString();
    api.post("/api/v1/admin/invoice-runs", api.operator().token(), new JsonObject().put("period", thisMonth)).expectInvalid("period");
    api.post("/api/v1/admin/invoice-runs", owner.token(), new JsonObject().put("period", "2020-01")).expectProblem(403, "forbidden");
    api.get("/api/v1/invoices/" + UUID.randomUUID(), owner.token()).expectProblem(404, "not_found");
    api.get("/api/v1/invoices/not-an-id", owner.token()).expect(404);
    assertThat(pdfStatus(UUID.randomUUID().toString(), owner.token())).isEqualTo(404);
  }

  private int entries(TestUser user, String ws, String type) {
    return log(user, ws, type).size();
  }

  private JsonArray log(TestUser user, String ws, String type) {
    return api.get("/api/v1/workspaces/" + ws + "/billing/log?limit=200&type=" + type, user.token()).expect(200).json().getJsonArray("items");
  }

  /** The workspace's consumption and usage debits that occurred in the period, as a positive sum. */
  private long debitsIn(TestUser user, String ws, String period) {
    return api.get("/api/v1/workspaces/" + ws + "/billing/log?limit=200", user.token()).expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(e -> Set.of("consumption", "usage").contains(e.getString("type")) && e.getString("occurredAt").startsWith(period))
        .mapToLong(e -> -Money.parse(e.getString("amount"))).sum();
  }

  private static List<JsonObject> lines(JsonObject invoice) {
    return invoice.getJsonArray("lines").stream().map(JsonObject.class::cast).toList();
  }

  private static String subject(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] pdf(String invoiceId, String token) throws Exception {
    HttpResponse<byte[]> response = fetchPdf(invoiceId, token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
    return response.body();
  }

  private int pdfStatus(String invoiceId, String token) {
    try {
      return fetchPdf(invoiceId, token).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> fetchPdf(String invoiceId, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(api.base().resolve("/api/v1/invoices/" + invoiceId + ".pdf"))
        .header("Authorization", "Bearer " + token).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static List<LedgerVerifier.Problem> verifyLedgers() {
    Vertx vertx = Vertx.vertx();
    var pool = Database.pool(vertx, TestServices.get().config());
    try {
      return LedgerVerifier.verify(pool).await();
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }

  /** What the worker carried for the workspace ({@code billing.carried_debts}: no API shows it but the invoice). */
  private static long carriedDebts(String ws) {
    Vertx vertx = Vertx.vertx();
    var pool = Database.pool(vertx, TestServices.get().config());
    try {
      return pool.preparedQuery("SELECT coalesce(sum(amount), 0)::bigint FROM billing.carried_debts WHERE workspace_id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(ws))).await().iterator().next().getLong(0);
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }

  private static List<String> numbers() {
    Vertx vertx = Vertx.vertx();
    var pool = Database.pool(vertx, TestServices.get().config());
    try {
      List<String> numbers = new java.util.ArrayList<>();
      pool.query("SELECT number FROM billing.invoices").execute().await().forEach(row -> numbers.add(row.getString("number")));
      return numbers;
    } finally {
      pool.close().await();
      vertx.close().await();
    }
  }
}
