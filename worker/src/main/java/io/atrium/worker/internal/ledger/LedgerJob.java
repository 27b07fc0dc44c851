package io.atrium.worker.internal.ledger;

import io.atrium.platform.Times;
import io.atrium.billing.BillingJobs;
import io.atrium.worker.Job;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A billing job's payload (BillingJobs), checked and typed. Parsing throws IllegalArgumentException for
 * a payload the ledger cannot apply: such a job fails on every delivery and ends in the dead-letter queue.
 */
public sealed interface LedgerJob {

  UUID workspaceId();

  String currency();

  /** The entry's source id: what makes the job apply once per workspace, ever. */
  String sourceId();

  record TopUp(UUID topUpId, UUID workspaceId, String currency, long amount, String cardReference, String kind) implements LedgerJob {
    public String sourceId() {
      return "top-up:" + topUpId;
    }
  }

  record CreditGrant(UUID grantId, UUID workspaceId, String currency, long amount, String reason, Instant expiresAt) implements LedgerJob {
    public String sourceId() {
      return "credit-grant:" + grantId;
    }
  }

  record Consumption(UUID workspaceId, String currency, String resourceId, String plan, Instant hour, long amount) implements LedgerJob {
    public String sourceId() {
      return "consumption:" + resourceId + ":" + hour;
    }
  }

  /**
   * {@code byMeter} is sorted by meter, so descriptions and usage rows come out the same every time. {@code byHour}
   * holds the same amounts by the hour the events occurred (empty for jobs queued before it existed: then all at
   * {@code occurredAt}).
   */
  record Usage(UUID batchId, UUID workspaceId, String currency, Instant occurredAt, Map<String, Long> byMeter,
               Map<Instant, Map<String, Long>> byHour) implements LedgerJob {
    public String sourceId() {
      return "usage:" + batchId;
    }

    public long total() {
      return byMeter.values().stream().reduce(0L, Math::addExact);
    }
  }

  /** A workspace's share of an issued invoice: a credit that settles the debits the invoice bills. */
  record Invoice(UUID invoiceId, UUID workspaceId, String currency, long amount, String number, String period) implements LedgerJob {
    public String sourceId() {
      return "invoice:" + invoiceId;
    }
  }

  /** The spend settings changed or a month began: the rules run again, no entry is written (BillingJobs.REEVALUATE). */
  record Reevaluate(UUID workspaceId) implements LedgerJob {
    public String currency() {
      return null;
    }

    public String sourceId() {
      return "reevaluate";
    }
  }

  static LedgerJob parse(Job job) {
    JsonObject p = job.payload();
    try {
      UUID workspace = uuid(p, "workspaceId");
      if (BillingJobs.REEVALUATE.equals(job.type())) {
        return new Reevaluate(workspace);
      }
      String currency = required(p, "currency");
      if (!currency.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
      }
      return switch (job.type()) {
        case BillingJobs.TOP_UP -> new TopUp(uuid(p, "topUpId"), workspace, currency, positive(p, "amount"),
            required(p, "cardReference"), p.getString("kind", "manual"));
        case BillingJobs.CREDIT_GRANT -> new CreditGrant(uuid(p, "grantId"), workspace, currency, positive(p, "amount"),
            p.getString("reason", ""), p.getString("expiresAt") == null ? null : instant(p, "expiresAt"));
        case BillingJobs.CONSUMPTION -> new Consumption(workspace, currency, required(p, "resourceId"), required(p, "plan"),
            instant(p, "hour"), positive(p, "amount"));
        case BillingJobs.USAGE -> usage(p, workspace, currency);
        case BillingJobs.INVOICE -> new Invoice(uuid(p, "invoiceId"), workspace, currency, positive(p, "amount"), required(p, "number"),
            required(p, "period"));
        default -> throw new IllegalArgumentException("not a ledger job type");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("job " + job.id() + " of type " + job.type() + " has a bad payload: " + e.getMessage(), e);
    }
  }

  private static Usage usage(JsonObject p, UUID workspace, String currency) {
    Map<String, Long> byMeter = meters(Objects.requireNonNull(p.getJsonObject("byMeter"), "byMeter is missing"), "byMeter");
    Map<Instant, Map<String, Long>> byHour = new TreeMap<>();
    JsonObject hours = p.getJsonObject("byHour", new JsonObject());
    for (String hour : hours.fieldNames()) {
      byHour.put(Instant.parse(hour), meters(hours.getJsonObject(hour), "byHour." + hour));
    }
    long hourly = byHour.values().stream().flatMap(m -> m.values().stream()).reduce(0L, Math::addExact);
    long total = byMeter.values().stream().reduce(0L, Math::addExact);
    if (!byHour.isEmpty() && hourly != total) {
      throw new IllegalArgumentException("byHour adds up to " + hourly + ", byMeter to " + total);
    }
    return new Usage(uuid(p, "batchId"), workspace, currency, instant(p, "occurredAt"), byMeter, byHour);
  }

  private static Map<String, Long> meters(JsonObject byMeter, String field) {
    Map<String, Long> amounts = new TreeMap<>();
    for (String meter : byMeter.fieldNames()) {
      long amount = byMeter.getLong(meter);
      if (amount < 0) {
        throw new IllegalArgumentException(field + "." + meter + " is negative");
      }
      amounts.put(meter, amount);
    }
    if (amounts.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    amounts.values().stream().reduce(0L, Math::addExact); // an overflowing total is poison, never a credit
    return amounts;
  }

  private static String required(JsonObject p, String field) {
    return Objects.requireNonNull(p.getString(field), field + " is missing");
  }

  private static UUID uuid(JsonObject p, String field) {
    return UUID.fromString(required(p, field));
  }

  private static Instant instant(JsonObject p, String field) {
    return Times.parse(required(p, field)).truncatedTo(ChronoUnit.MICROS);
  }

  private static long positive(JsonObject p, String field) {
    Long value = Objects.requireNonNull(p.getLong(field), field + " is missing");
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
    return value;
  }
}
