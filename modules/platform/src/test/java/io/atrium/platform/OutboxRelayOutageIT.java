package io.atrium.platform;

import io.atrium.platform.testing.MessagingFixture;
import io.atrium.platform.testing.TcpProxy;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.atrium.platform.testing.MessagingFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The relay between a proxy and the broker: broker down at start, then gone mid-run; nothing is lost. */
@ExtendWith(VertxExtension.class)
class OutboxRelayOutageIT {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void the_relay_loses_nothing_while_the_broker_is_away(Vertx vertx) throws Exception {
    AtriumConfig config = TestServices.get().config();
    URI broker = URI.create(config.string("amqp.url"));
    TcpProxy proxy = new TcpProxy(vertx, broker.getHost(), broker.getPort() > 0 ? broker.getPort() : 5672);
    String hostAndPort = broker.getRawAuthority().substring(broker.getRawAuthority().lastIndexOf('@') + 1);
    AtriumConfig viaProxy = config.with(Map.of(
        "amqp.url", config.string("amqp.url").replace(hostAndPort, "127.0.0.1:" + proxy.port()),
        "outbox.pollMillis", 100,
        "outbox.maxBackoffMillis", 1000));

    try (MessagingFixture fixture = MessagingFixture.start(vertx, config)) {
      fixture.probe().consume(fixture.topology().partitionQueues(Topology.BILLING_JOBS));
      vertx.deployVerticle(new OutboxRelay(viaProxy)).await();

      List<OutboxMessage> whileDown = fixture.billingJobs(20, "test.down-at-start");
      fixture.append(whileDown);
      Thread.sleep(1500);
      assertThat(fixture.probe().messageIds()).isEmpty();
      assertThat(fixture.outboxSize()).isEqualTo(whileDown.size());

      proxy.open().await();
      fixture.probe().awaitMessageIds(ids(whileDown), Duration.ofSeconds(15));

      proxy.cut().await();
      List<OutboxMessage> whileCut = fixture.billingJobs(20, "test.mid-run");
      fixture.append(whileCut);
      Thread.sleep(1500);
      assertThat(fixture.probe().messageIds()).doesNotContainAnyElementsOf(ids(whileCut));

      proxy.open().await();
      fixture.probe().awaitMessageIds(ids(whileCut), Duration.ofSeconds(15));
      fixture.awaitOutboxDrained(Duration.ofSeconds(20));
      assertThat(fixture.outboxSize()).isZero();

      for (String id : vertx.deploymentIDs()) {
        vertx.undeploy(id).await();
      }
      proxy.cut().await();
    }
  }
}
