package io.atrium.platform;

import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations create a missing database, and two processes migrating at once both succeed. */
@ExtendWith(VertxExtension.class)
class MigrationsIT {

  private final String database = "atrium_migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final AtriumConfig config = TestServices.get().config()
      .with(Map.of("pg.url", Reachable.withDatabase(TestServices.get().config().string("pg.url"), database)));

  @AfterEach
  void dropDatabase(Vertx vertx) {
    var admin = Database.connectOptions(config.string("pg.url")).setDatabase("postgres");
    PgConnection.connect(vertx, admin)
        .compose(conn -> conn.query("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").execute().eventually(conn::close))
        .await();
  }

  @Test
  void twoConcurrentRunsOnAMissingDatabaseBothSucceed(Vertx vertx) {
    List<Migrations.Changelog> changelogs = List.of(Outbox.CHANGELOG);
    Future.all(Migrations.apply(vertx, config, changelogs), Migrations.apply(vertx, config, changelogs)).await();

    var pool = Database.pool(vertx, config);
    try {
      long tables = pool.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'platform' AND table_name = 'outbox'")
          .execute().await().iterator().next().getLong(0);
      long applied = pool.query("SELECT count(*) FROM platform.databasechangelog").execute().await().iterator().next().getLong(0);
      assertThat(tables).isEqualTo(1);
      assertThat(applied).as("each change set recorded once").isEqualTo(
          pool.query("SELECT count(DISTINCT id) FROM platform.databasechangelog").execute().await().iterator().next().getLong(0));
    } finally {
      pool.close().await();
    }
  }
}
