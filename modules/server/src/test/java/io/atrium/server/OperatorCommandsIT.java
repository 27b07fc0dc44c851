package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Database;
import io.atrium.platform.DeadLetters;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./atrium dead-letters} and {@code ./atrium outbox} as an operator runs them, against the test database. */
class OperatorCommandsIT {

  private final AtriumConfig config = TestServices.get().config();
  private final Map<String, String> environment = Map.of("ATRIUM_PG_URL", config.string("pg.url"),
      "ATRIUM_AMQP_URL", config.string("amqp.url"), "ATRIUM_AMQP_PREFIX", config.string("amqp.prefix"));

  @Test
  void dead_letters_list_says_what_and_why_but_never_the_payload() throws Exception {
    String id = UUID.randomUUID().toString();
    String cardReference = "card_ref_" + UUID.randomUUID();
    Vertx vertx = Vertx.vertx();
    Migrations.apply(vertx, config, List.of(Outbox.CHANGELOG)).await();
    Pool pool = Database.pool(vertx, config);
    try {
      DeadLetters.park(pool, new DeadLetters.DeadLetter(id, "billing", "p1", "billing.top-up",
          "{\"cardReference\":\"" + cardReference + "\"}", "the provider refused the card", 5, Instant.now())).await();
    } finally {
      pool.close().await();
      vertx.close().await();
    }

    try (AtriumProcess list = AtriumProcess.start(environment, "dead-letters", "list")) {
      assertThat(list.exitWithin(60)).as(list.tail()).isZero();
      assertThat(list.output()).contains(id).contains("billing.top-up").contains("the provider refused the card")
          .doesNotContain(cardReference);
    }
  }

  @Test
  void replay_takes_either_all_or_ids_and_says_so() throws Exception {
    for (String[] command : new String[][] {{"dead-letters", "replay"}, {"outbox", "replay", "--all", UUID.randomUUID().toString()}}) {
      try (AtriumProcess replay = AtriumProcess.start(environment, command)) {
        assertThat(replay.exitWithin(60)).as(String.join(" ", command)).isEqualTo(2);
        assertThat(replay.output()).contains("give either --all or one or more ids");
      }
    }
  }
}
