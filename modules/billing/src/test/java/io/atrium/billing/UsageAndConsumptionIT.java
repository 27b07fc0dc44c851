package io.atrium.billing;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage ingest, the 402 admission checks and hourly consumption runs, over the event bus. */
class UsageAndConsumptionIT extends BillingHarness {

  @Test
  void usageCountsDuplicatesInsideAndAcrossRequestsAndPricesPerMeter() {
    JsonObject owner = user("Uma Usage");
    JsonObject ws = workspace(owner, organization(owner));
    String now = clock.instant().toString();
    JsonArray events = new JsonArray()
        .add(event("a", "egress-gb", "2.5", now))
        .add(event("b", "object-storage-gb-hour", 1000, now))
        .add(event("a", "egress-gb", "2.5", now));
    assertThat(ask(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", events)))
        .isEqualTo(new JsonObject().put("accepted", 2).put("duplicates", 1));
    assertThat(ask(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", new JsonArray().add(event("b", "egress-gb", "1", now))
        .add(event("c", "egress-gb", "0.000001", now))))).isEqualTo(new JsonObject().put("accepted", 1).put("duplicates", 1));
    List<JsonObject> jobs = jobs(BillingJobs.USAGE, ws.getString("id"));
    assertThat(jobs).hasSize(2);
    // 2.5 GB at 0.01 EUR and 1000 GB-hours at 0.00003 EUR, in micro-units
    assertThat(jobs.get(0).getJsonObject("byMeter")).isEqualTo(new JsonObject().put("egress-gb", 25_000L).put("object-storage-gb-hour", 30_000L));
    // 0.000001 GB costs 0.01 micro-units: rounded up to one, so splitting usage into tiny events is never free
    assertThat(jobs.get(1).getJsonObject("byMeter")).isEqualTo(new JsonObject().put("egress-gb", 1L));
    // nothing new: no job
    assertThat(ask(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", events)).getInteger("accepted")).isZero();
    assertThat(jobs(BillingJobs.USAGE, ws.getString("id"))).hasSize(2);
  }

  @Test
  void theUsageJobSumsPerMeterAndHourAndIsDatedByTheLatestEventAsTheContractWritesInstants() {
    JsonObject owner = user("Hugo Hours");
    JsonObject ws = workspace(owner, organization(owner));
    Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    Instant micros = hour.plusNanos(123_456_000);
    Instant millis = hour.plus(Duration.ofHours(1)).plusMillis(1_500);
    Instant whole = hour.plus(Duration.ofHours(1)).plusSeconds(7);
    // one request per latest event: fraction of 6 digits, of 3, none (as Instant.toString writes them)
    for (List<Instant> batch : List.of(List.of(whole, micros), List.of(hour, millis), List.of(whole))) {
      JsonArray events = new JsonArray();
      batch.forEach(at -> events.add(event(at + "-" + batch.size() + "-" + events.size(), "egress-gb", "1", at.toString())));
      ask(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", events));
    }
    ask(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", new JsonArray().add(event("m", "egress-gb", "2", micros.toString()))
        .add(event("n", "object-storage-gb-hour", "1000", micros.toString())).add(event("o", "egress-gb", "0.5", hour.toString()))));
    List<JsonObject> jobs = jobs(BillingJobs.USAGE, ws.getString("id"));
    assertThat(jobs).extracting(job -> job.getString("occurredAt"))
        .containsExactly(whole.toString(), millis.toString(), whole.toString(), micros.toString());
    assertThat(micros.toString()).endsWith(".123456Z");
    assertThat(millis.toString()).endsWith(".500Z");
    // 1 GB of egress is 10,000 micro-units; 1000 GB-hours of storage 30,000
    assertThat(jobs.get(0).getJsonObject("byHour")).isEqualTo(new JsonObject()
        .put(hour.toString(), new JsonObject().put("egress-gb", 10_000L))
        .put(hour.plus(Duration.ofHours(1)).toString(), new JsonObject().put("egress-gb", 10_000L)));
    assertThat(jobs.get(3).getJsonObject("byMeter")).isEqualTo(new JsonObject().put("egress-gb", 25_000L).put("object-storage-gb-hour", 30_000L));
    assertThat(jobs.get(3).getJsonObject("byHour")).isEqualTo(new JsonObject()
        .put(hour.toString(), new JsonObject().put("egress-gb", 25_000L).put("object-storage-gb-hour", 30_000L)));
    assertThat(jobs).allSatisfy(job -> assertThat(job.getString("currency")).isEqualTo(ws.getString("currency")));
  }

  @Test
  void badEventsAreNamedAndBatchesAreBounded() {
    JsonObject owner = user("Bea Bad");
    JsonObject ws = workspace(owner, organization(owner));
    String now = clock.instant().toString();
    JsonArray events = new JsonArray()
        .add(event("ok", "egress-gb", "1", now))
        .add(event("", "egress-gb", "1", now))
        .add(event("x", "gpu-hours", "1", now))
        .add(event("y", "egress-gb", "-1", now))
        .add(event("z", "egress-gb", "1.0000001", now))
        .add(event("w", "egress-gb", "1", clock.instant().plus(Duration.ofMinutes(6)).toString()))
        .add(event("v", "egress-gb", "1", "yesterday"));
    Rejection rejection = rejection(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", events));
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("events[1].id", "events[2].meter",
        "events[3].quantity", "events[4].quantity", "events[5].occurredAt", "events[6].occurredAt");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(event("e" + i, "egress-gb", "1", now));
    }
    assertThat(rejection(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", tooMany)).errors())
        .extracting(Rejection.FieldError::field).containsExactly("events");
    assertThat(count("SELECT count(*) FROM billing.usage_events WHERE workspace_id = $1::uuid", ws.getString("id"))).isZero();
    tooMany.remove(1000);
    assertThat(ask(BillingAddresses.REPORT_USAGE, in(owner, ws).put("events", tooMany)).getInteger("accepted")).isEqualTo(1000);
  }

  @Test
  void resourcesNeedAPaymentMethodAndPrepaidOnesCredits() {
    JsonObject owner = user("Ada AdmitResource");
    JsonObject ws = workspace(owner, organization(owner));
    JsonObject server = in(owner, ws).put("type", "server").put("name", "web").put("plan", "1xCPU-1GB");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, server).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
    ask(BillingAddresses.SET_PAYMENT_METHOD, in(owner, ws).put("type", "card").put("cardToken", "tok_visa"));
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, server).code()).isEqualTo(Codes.INSUFFICIENT_CREDITS);
    ledger(ws, 7_000L, "active"); // exactly one hour of 1xCPU-1GB, as the worker would have written it
    assertThat(ask(WorkspaceAddresses.CREATE_RESOURCE, server).getString("state")).isEqualTo("running");
    ledger(ws, 50_000_000L, "suspended");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, server).code()).isEqualTo(Codes.INSUFFICIENT_CREDITS);
    billByInvoice(owner, ws);
    assertThat(ask(WorkspaceAddresses.CREATE_RESOURCE, server).getString("state")).isEqualTo("running");
    // a workspace with money on it cannot be deleted
    ledger(ws, 1L, "active");
    assertThat(rejection(WorkspaceAddresses.DELETE, in(owner, ws)).code()).isEqualTo(Codes.CONFLICT);
  }

  @Test
  void aConsumptionRunChargesEveryResourceThatRanOnceItsHourStarted() {
    JsonObject owner = user("Cole Consumption");
    JsonObject ws = workspace(owner, organization(owner));
    billByInvoice(owner, ws);
    Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
    JsonObject kept = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "a").put("plan", "1xCPU-1GB"));
    JsonObject stopped = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "b").put("plan", "2xCPU-4GB"));
    clock.advance(Duration.ofMinutes(1));
    ask(WorkspaceAddresses.STOP_RESOURCE, in(owner, ws).put("resourceId", stopped.getString("id")));
    clock.advance(Duration.ofHours(1));
    ask(WorkspaceAddresses.DELETE_RESOURCE, in(owner, ws).put("resourceId", kept.getString("id")));

    Rejection future = rejection(BillingAddresses.RUN_CONSUMPTION, operator().put("hour", clock.instant().truncatedTo(ChronoUnit.HOURS)
        .plus(1, ChronoUnit.HOURS).toString()));
    assertThat(future.errors()).extracting(Rejection.FieldError::field).containsExactly("hour");
    assertThat(rejection(BillingAddresses.RUN_CONSUMPTION, as(owner).put("email", owner.getString("email")).put("hour", hour.toString()))
        .code()).isEqualTo(Codes.FORBIDDEN);

    assertThat(ask(BillingAddresses.RUN_CONSUMPTION, operator().put("hour", hour.toString())).getInteger("jobs")).isGreaterThanOrEqualTo(2);
    List<JsonObject> first = jobs(BillingJobs.CONSUMPTION, ws.getString("id"));
    assertThat(first).extracting(job -> job.getString("resourceId")).containsExactlyInAnyOrder(kept.getString("id"), stopped.getString("id"));
    assertThat(first).extracting(job -> job.getLong("amount")).containsExactlyInAnyOrder(7_000L, 20_800L);
    // the next hour: only the resource still running until its deletion
    ask(BillingAddresses.RUN_CONSUMPTION, operator().put("hour", hour.plus(1, ChronoUnit.HOURS).toString()));
    assertThat(jobs(BillingJobs.CONSUMPTION, ws.getString("id"))).hasSize(3);
    // the same hour again: the same (resource, hour) sources, which the ledger applies once
    ask(BillingAddresses.RUN_CONSUMPTION, operator().put("hour", hour.toString()));
    List<JsonObject> all = jobs(BillingJobs.CONSUMPTION, ws.getString("id"));
    assertThat(all.stream().map(job -> job.getString("resourceId") + "@" + job.getString("hour")).distinct()).hasSize(3);
    assertThat(count("SELECT jobs FROM billing.consumption_runs WHERE hour = $1", Times.toDb(hour))).isGreaterThanOrEqualTo(2);
  }

  private static JsonObject event(String id, String meter, Object quantity, String occurredAt) {
    return new JsonObject().put("id", id).put("meter", meter).put("quantity", quantity).put("occurredAt", occurredAt);
  }

  /** Writes the worker's ledger row for the workspace, as its batch would. */
  private static void ledger(JsonObject ws, long balance, String status) {
    pool.preparedQuery("""
            INSERT INTO billing.ledgers (workspace_id, currency, balance, last_hash, status, updated_at) VALUES ($1::uuid, 'EUR', $2, '\\x00', $3, now())
            ON CONFLICT (workspace_id) DO UPDATE SET balance = EXCLUDED.balance, status = EXCLUDED.status""")
        .execute(Tuple.of(ws.getString("id"), balance, status)).await();
  }

}
