package io.atrium.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped logging configurations: the access log is written off the caller's thread, and none of it is lost at a stop. */
class AsyncAccessLogTest {

  private static final int LINES = 5_000;

  @Test
  void everyQueuedAccessLineIsWrittenWhenLoggingStops() throws Exception {
    for (String configuration : new String[] {"/logback.xml", "/logback-json.xml"}) {
      LoggerContext logging = new LoggerContext(); // not the tests' own: the one each process loads
      logging.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's provider does for the process's context
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(logging);
      configurator.doConfigure(AsyncAccessLogTest.class.getResource(configuration));
      Logger access = logging.getLogger("atrium.access");
      assertThat(access.getAppender("access")).as(configuration).isInstanceOf(AsyncAppender.class);
      // The queue's console appender writes here instead of to standard output.
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      @SuppressWarnings("unchecked")
      var console = (OutputStreamAppender<ILoggingEvent>) ((AsyncAppender) access.getAppender("access")).getAppender("access-console");
      console.setOutputStream(written);
      for (int i = 0; i < LINES; i++) {
        access.info("request-{} GET /api/v1/me 200 1ms", i);
      }
      logging.stop(); // what Launch's shutdown hook does last
      // The JSON encoder writes the message's pattern, so the lines are counted by logger name.
      assertThat(written.toString(UTF_8).lines().filter(line -> line.contains("atrium.access"))).as(configuration).hasSize(LINES);
    }
  }
}
