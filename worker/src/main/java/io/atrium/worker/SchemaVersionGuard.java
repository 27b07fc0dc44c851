package io.atrium.worker;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a worker from applying jobs against a billing schema newer than it knows: a newer release's migration can change
 * what the ledger must write (a worker that predates payer stamps would write debits no invoice bills). The worker's own
 * billing changelog (on its classpath) names every changeset it knows; any other id in {@code billing.databasechangelog}
 * means a newer version migrated the database, and this worker must be stopped (docs/operations.md, "Upgrades").
 */
public final class SchemaVersionGuard {

  static final String CHANGELOG = "db/billing/changelog.yaml";
  private static final Pattern CHANGESET_ID = Pattern.compile("^\\s*-\\s*changeSet:\\s*\\R\\s*id:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
  private static final String APPLIED = "SELECT id FROM billing.databasechangelog";

  private final Set<String> known;

  public SchemaVersionGuard() {
    this(knownChangesets());
  }

  /** A guard that knows {@code known}: an older worker's, for tests. */
  SchemaVersionGuard(Set<String> known) {
    this.known = Set.copyOf(known);
  }

  /** Fails, naming them, when the database has billing changesets this worker does not know. */
  public Future<Void> check(Pool pool) {
    return pool.query(APPLIED).execute().compose(rows -> {
      Set<String> unknown = new TreeSet<>();
      rows.forEach(row -> {
        if (!known.contains(row.getString("id"))) {
          unknown.add(row.getString("id"));
        }
      });
      return unknown.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(new IllegalStateException("the database's billing schema was migrated by a newer version ("
              + String.join(", ", unknown) + "): this worker must not apply jobs; stop it and run the new version"));
    });
  }

  static Set<String> knownChangesets() {
    try (InputStream in = SchemaVersionGuard.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
      if (in == null) {
        throw new IllegalStateException(CHANGELOG + " is not on the worker's classpath");
      }
      Matcher ids = CHANGESET_ID.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Set<String> known = new TreeSet<>();
      while (ids.find()) {
        known.add(ids.group(1));
      }
      return Set.copyOf(known);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
