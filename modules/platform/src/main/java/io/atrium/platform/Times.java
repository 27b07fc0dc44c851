package io.atrium.platform;

import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as PostgreSQL keeps them (microseconds) and as the contract writes them (RFC 3339 UTC). */
public final class Times {

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Times() {}

  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  public static OffsetDateTime toDb(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static Instant fromDb(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  /**
   * An RFC 3339 timestamp ({@code 2026-11-27T10:00:00Z}, any offset) as an instant PostgreSQL can store: years
   * 1970 to 9999. Anything else throws {@link java.time.format.DateTimeParseException}, never reaching SQL.
   */
  public static Instant parse(String text) {
    Instant instant = OffsetDateTime.parse(text).toInstant();
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new java.time.format.DateTimeParseException("must be between 1970 and 9999", text, 0);
    }
    return instant;
  }

  public static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
