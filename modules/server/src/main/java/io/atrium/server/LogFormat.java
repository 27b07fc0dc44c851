package io.atrium.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.atrium.platform.AtriumConfig;
import org.slf4j.LoggerFactory;

/** {@code log.format} ({@code ATRIUM_LOG_FORMAT}): {@code text} (logback.xml) or {@code json} (logback-json.xml). */
final class LogFormat {

  private LogFormat() {}

  /** Switches to JSON lines when asked; refuses an unknown format with a line that names the variable. */
  static void apply(AtriumConfig config) {
    String format = config.string("log.format") == null ? "text" : config.string("log.format").trim().toLowerCase();
    switch (format) {
      case "", "text" -> { }
      case "json" -> reconfigure("/logback-json.xml");
      default -> throw new StartupRefused(AtriumConfig.envName("log.format") + "=" + format + ": must be text or json");
    }
  }

  private static void reconfigure(String resource) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(LogFormat.class.getResource(resource));
    } catch (Exception e) {
      throw new IllegalStateException("cannot configure logging from " + resource, e);
    }
  }
}
