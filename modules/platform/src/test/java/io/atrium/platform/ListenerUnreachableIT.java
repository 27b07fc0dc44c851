package io.atrium.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code LISTEN} that never comes up: caches bypassed, and one warning after a few tries rather than none or one per try. */
@Timeout(60)
class ListenerUnreachableIT {

  @Test
  void aListenThatNeverComesUpIsWarnedAboutOnceAfterAFewTries() throws Exception {
    ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
    AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        events.add(event);
      }
    };
    Logger logger = (Logger) LoggerFactory.getLogger(Invalidations.class);
    Level level = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    Vertx vertx = Vertx.vertx();
    try {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      AtriumConfig config = TestServices.get().config();
      Database.ensureExists(vertx, config.string("pg.url")).await();
      Invalidations invalidations = Invalidations.listening(
          config.with(Map.of("pg.listenUrl", "postgresql://postgres@127.0.0.1:" + closedPort + "/atrium")), Database.pool(vertx, config));
      NotifiedCache<String, String> cache = new NotifiedCache<>(invalidations, 10, Duration.ofMinutes(1), Clock.systemUTC());
      vertx.deployVerticle(invalidations).await();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (attempts(events).size() < 8) {
        assertThat(System.nanoTime()).as("eight tries to LISTEN").isLessThan(deadline);
        Thread.sleep(100);
      }
      List<ILoggingEvent> warnings = attempts(events).stream().filter(event -> event.getLevel() == Level.WARN).toList();
      assertThat(warnings).as("one warning in the first 30 s").hasSize(1);
      assertThat(warnings.get(0).getFormattedMessage()).contains("after 3 tries").contains("caches bypassed");
      assertThat(attempts(events).subList(0, 2)).as("the first tries, quietly").allMatch(event -> event.getLevel() == Level.DEBUG);
      AtomicInteger loads = new AtomicInteger();
      cache.get("k", () -> Future.succeededFuture("loaded " + loads.incrementAndGet()), value -> null).await();
      cache.get("k", () -> Future.succeededFuture("loaded " + loads.incrementAndGet()), value -> null).await();
      assertThat(loads).as("the cache bypassed").hasValue(2);
    } finally {
      vertx.close().await();
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
  }

  private static List<ILoggingEvent> attempts(ConcurrentLinkedQueue<ILoggingEvent> events) {
    return events.stream().filter(event -> event.getFormattedMessage().contains("not established")).toList();
  }
}
