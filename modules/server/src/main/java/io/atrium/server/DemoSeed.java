package io.atrium.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./atrium dev --demo}: a demo organization with 30 days of history, made only through the public API and
 * the billing worker, with the server's clock set back while it is made. Three workspaces (one prepaid by card,
 * two on an invoice account), members at every role and level and a pending invitation, running servers, hourly
 * consumption and metered usage with a daily shape, top-ups, a credit grant and last month's invoice.
 */
final class DemoSeed {

  static final String PASSWORD = "demo password 2026";
  static final String DOMAIN = "demo.example.com";
  static final String OPERATOR = "ops@" + DOMAIN;
  private static final int DAYS = 30;

  private final DemoApi api;
  private final DemoClock clock;
  private DemoApi.Operator operator;

  DemoSeed(DemoApi api, DemoClock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** The logins to print: role, then email. */
  static Map<String, String> logins() {
    return Map.of("organization owner", "owner@" + DOMAIN, "organization admin", "admin@" + DOMAIN,
        "workspace member", "member@" + DOMAIN, "workspace viewer", "viewer@" + DOMAIN, "platform operator", OPERATOR);
  }

  /** Seeds the demo (once per database) and says how to log in. */
  static String seedAndDescribe(int port, DemoClock clock) throws Exception {
    long started = System.nanoTime();
    // Hundreds of seeding requests and runs would bury the banner: their INFO lines are kept out while it runs.
    List<ch.qos.logback.classic.Logger> chatty = Stream.of("atrium.access", "io.atrium.billing", "io.atrium.worker")
        .map(name -> (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).toList();
    chatty.forEach(logger -> logger.setLevel(ch.qos.logback.classic.Level.WARN));
    DemoSeed seed = new DemoSeed(new DemoApi(port), clock);
    boolean seeded;
    try {
      seeded = seed.seed();
    } finally {
      chatty.forEach(logger -> logger.setLevel(null));
    }
    StringBuilder banner = new StringBuilder(seeded
        ? String.format("  Demo:       seeded in %d s: Demo Cloud Ltd, 30 days of history, last month's invoice%n", (System.nanoTime() - started) / 1_000_000_000)
        : String.format("  Demo:       already seeded in this database%n"));
    logins().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(login ->
        banner.append(String.format("              %-24s %s%n", login.getValue(), login.getKey())));
    banner.append(String.format("              password for all:        %s%n", PASSWORD));
    if (seed.operator != null) {
      banner.append(String.format("              the operator's two-factor key %s (for an authenticator app), or the recovery code %s%n",
          seed.operator.secret(), seed.operator.recoveryCode()));
    }
    return banner.toString();
  }

  /** Seeds once; false when the demo organization is already there (a second start on the same database). */
  boolean seed() throws Exception {
    if (api.signsIn("owner@" + DOMAIN, PASSWORD)) {
      return false;
    }
    Instant start = Instant.now().minus(DAYS, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    operator = api.operator(OPERATOR, "Oskar Operator"); // at the real time: its two-factor code is the real one
    clock.travelTo(start);
    People people = people(operator.token());
    Workspaces spaces = workspaces(people);
    for (Instant hour = start; hour.plus(1, ChronoUnit.HOURS).isBefore(Instant.now()); hour = hour.plus(1, ChronoUnit.HOURS)) {
      clock.travelTo(hour.plus(61, ChronoUnit.MINUTES)); // the hour has ended
      api.call("POST", "/admin/consumption-runs", people.operator, new JsonObject().put("hour", hour.toString()), 202);
      if (hour.atZone(ZoneOffset.UTC).getHour() == 23) {
        usageOfDay(people, spaces, hour.truncatedTo(ChronoUnit.DAYS));
      }
      if (hour.equals(start.plus(14, ChronoUnit.DAYS))) {
        api.topUp(people.owner, spaces.production, "60.00");
      }
    }
    clock.backToNow();
    String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    api.call("POST", "/admin/invoice-runs", people.operator, new JsonObject().put("period", lastMonth), 202, "demo-invoices-" + lastMonth);
    api.awaitInvoice(people.owner, spaces.staging);
    return true;
  }

  private record People(String owner, String admin, String member, String viewer, String operator) {}

  private record Workspaces(String organization, String production, String staging, String analytics) {}

  private People people(String operator) throws Exception {
    String owner = api.signUp("owner@" + DOMAIN, "Olivia Owner");
    String admin = api.signUp("admin@" + DOMAIN, "Adam Admin");
    String member = api.signUp("member@" + DOMAIN, "Mia Member");
    String viewer = api.signUp("viewer@" + DOMAIN, "Victor Viewer");
    return new People(owner, admin, member, viewer, operator);
  }

  private Workspaces workspaces(People people) throws Exception {
    String org = api.call("POST", "/organizations", people.owner, new JsonObject().put("name", "Demo Cloud Ltd"), 201).getString("id");
    api.invite(people.owner, "/organizations/" + org + "/invitations", new JsonObject().put("email", "admin@" + DOMAIN).put("role", "admin"),
        people.admin);
    String production = api.workspace(people.owner, org, "Production");
    String staging = api.workspace(people.owner, org, "Staging");
    String analytics = api.workspace(people.owner, org, "Analytics");
    api.invite(people.owner, "/workspaces/" + production + "/invitations",
        new JsonObject().put("email", "member@" + DOMAIN).put("accessLevel", "member"), people.member);
    api.invite(people.owner, "/workspaces/" + production + "/invitations",
        new JsonObject().put("email", "viewer@" + DOMAIN).put("accessLevel", "viewer"), people.viewer);
    api.call("POST", "/workspaces/" + staging + "/invitations", people.owner,
        new JsonObject().put("email", "new.hire@" + DOMAIN).put("accessLevel", "member"), 201); // left pending

    api.call("PUT", "/workspaces/" + production + "/billing/payment-method", people.owner,
        new JsonObject().put("type", "card").put("cardToken", "tok_visa"), 200);
    api.topUp(people.owner, production, "100.00");
    api.call("POST", "/admin/workspaces/" + production + "/credit-grants", people.operator,
        new JsonObject().put("amount", "25.00").put("reason", "Welcome credit"), 202, "demo-welcome-credit");
    String account = api.call("POST", "/admin/organizations/" + org + "/invoice-accounts", people.operator, new JsonObject()
        .put("name", "Demo Cloud Ltd").put("billingEmail", "billing@" + DOMAIN).put("address", "1 Demo Street, 00100 Helsinki")
        .put("vatId", "FI12345678").put("vatRate", "0.255"), 201).getString("id");
    for (String invoiced : List.of(staging, analytics)) {
      api.call("PUT", "/workspaces/" + invoiced + "/billing/payment-method", people.owner,
          new JsonObject().put("type", "invoice").put("invoiceAccountId", account), 200);
    }
    for (String[] server : new String[][] {{production, "web-1", "1xCPU-2GB"}, {production, "db-1", "2xCPU-4GB"},
        {staging, "web-staging", "1xCPU-1GB"}, {analytics, "etl-1", "4xCPU-8GB"}}) {
      api.call("POST", "/workspaces/" + server[0] + "/resources", people.owner,
          new JsonObject().put("type", "server").put("name", server[1]).put("plan", server[2]), 201);
    }
    return new Workspaces(org, production, staging, analytics);
  }

  /** A day of metered usage per workspace: storage that grows slowly, egress that peaks in the afternoon. */
  private void usageOfDay(People people, Workspaces spaces, Instant day) throws Exception {
    int dayIndex = (int) ChronoUnit.DAYS.between(Instant.now().minus(DAYS, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS), day);
    Map<String, Double> scale = Map.of(spaces.production, 1.0, spaces.staging, 0.3, spaces.analytics, 2.5);
    for (Map.Entry<String, Double> workspace : scale.entrySet()) {
      JsonArray events = new JsonArray();
      for (int hour = 0; hour < 24; hour++) {
        Instant at = day.plus(hour, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES);
        double daily = Math.max(0, Math.sin(Math.PI * (hour - 6) / 14.0)); // 0 at night, highest mid-afternoon
        String storage = String.format(java.util.Locale.ROOT, "%.1f", workspace.getValue() * (400 + 5 * dayIndex));
        String egress = String.format(java.util.Locale.ROOT, "%.2f", workspace.getValue() * (0.1 + 1.6 * daily));
        events.add(event(workspace.getKey(), at, "object-storage-gb-hour", storage));
        events.add(event(workspace.getKey(), at, "egress-gb", egress));
      }
      api.call("POST", "/workspaces/" + workspace.getKey() + "/usage", people.owner, new JsonObject().put("events", events), 202,
          "demo-usage-" + workspace.getKey() + "-" + day);
    }
  }

  private static JsonObject event(String workspace, Instant at, String meter, String quantity) {
    return new JsonObject().put("id", "demo-" + meter + "-" + at).put("meter", meter).put("quantity", quantity)
        .put("occurredAt", at.toString());
  }
}
