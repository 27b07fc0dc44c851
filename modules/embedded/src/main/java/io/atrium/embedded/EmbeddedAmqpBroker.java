package io.atrium.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory AMQP 0-9-1 broker (Apache Qpid Broker-J) for dev runs and tests when no RabbitMQ
 * answers. It is not RabbitMQ: no quorum queues, and its server property "product" says so.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);
  private static final String INITIAL_CONFIG = "qpid-initial-config.json";
  // Qpid logs every connection, channel and consumer at INFO ("operational" logs); a dev broker
  // needs none of that. Qpid reads this switch from system properties once, while it starts.
  private static final String STATUS_UPDATES = "qpid.broker_status_updates";
  // Qpid boots with JVM-wide state (system properties, a URL handler); one boot at a time.
  private static final Object STARTUP_LOCK = new Object();

  private final SystemLauncher launcher;
  private final Path workDir;
  private final int port;

  private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDir, int port) {
    this.launcher = launcher;
    this.workDir = workDir;
    this.port = port;
  }

  /** Starts the broker on a free port of 127.0.0.1 with user guest/guest and the default vhost "/". */
  public static EmbeddedAmqpBroker start() {
    long started = System.nanoTime();
    Path workDir = createWorkDir();
    AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
    SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
      @Override
      public void onContainerResolve(SystemConfig<?> config) {
        systemConfig.set(config);
      }
    });
    try {
      synchronized (STARTUP_LOCK) {
        startQuietly(launcher, systemAttributes(workDir));
      }
      EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker(launcher, workDir, boundAmqpPort(systemConfig.get()));
      withoutOwnExitHook(systemConfig.get());
      LOG.info("Embedded AMQP broker (Qpid Broker-J) started at {} in {} ms",
          broker.url(), (System.nanoTime() - started) / 1_000_000);
      return broker;
    } catch (Exception e) {
      IllegalStateException failure = new IllegalStateException("embedded AMQP broker did not start", e);
      try {
        launcher.shutdown();
      } catch (RuntimeException shutdownFailure) {
        failure.addSuppressed(shutdownFailure);
      }
      deleteRecursively(workDir);
      throw failure;
    }
  }

  /**
   * The vhost is "/": Qpid strips the leading slash of a 0-9-1 vhost name, and the port's
   * defaultAlias maps the empty name to the default (Memory) virtual host node.
   */
  public String url() {
    return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
  }

  @Override
  public void close() {
    try {
      launcher.shutdown();
    } finally {
      deleteRecursively(workDir);
    }
  }

  /** Starts with operational logging off, unless whoever runs the JVM asked for it with -D. */
  private static void startQuietly(SystemLauncher launcher, Map<String, Object> attributes) throws Exception {
    if (System.getProperty(STATUS_UPDATES) != null) {
      launcher.startup(attributes);
      return;
    }
    System.setProperty(STATUS_UPDATES, "false");
    try {
      launcher.startup(attributes);
    } finally {
      System.clearProperty(STATUS_UPDATES);
    }
  }

  private static Map<String, Object> systemAttributes(Path workDir) {
    URL initialConfig = EmbeddedAmqpBroker.class.getResource(INITIAL_CONFIG);
    if (initialConfig == null) {
      throw new IllegalStateException(INITIAL_CONFIG + " is missing from the classpath");
    }
    // Context values, not system properties, so two brokers in one JVM keep their own dirs.
    Map<String, String> context = new HashMap<>();
    context.put("qpid.work_dir", workDir.toString());
    context.put("qpid.amqp_port", "0"); // the OS picks a free port; we read the bound one back

    Map<String, Object> attributes = new HashMap<>();
    attributes.put(SystemConfig.TYPE, "Memory");
    attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toExternalForm());
    attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
    attributes.put(SystemConfig.CONTEXT, context);
    return attributes;
  }

  private static int boundAmqpPort(SystemConfig<?> systemConfig) {
    if (systemConfig == null) {
      throw new IllegalStateException("Qpid started without resolving its broker");
    }
    Broker<?> broker = (Broker<?>) systemConfig.getContainer();
    return broker.getChildren(Port.class).stream()
        .filter(AmqpPort.class::isInstance)
        .mapToInt(Port::getBoundPort)
        .filter(bound -> bound > 0)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Qpid has no bound AMQP port"));
  }

  /**
   * Qpid closes itself at JVM exit through a hook of its own, at the same time as the process's clients, which
   * then log every lost connection. Its owner closes it instead, after them. Qpid offers no switch for this, so
   * the hook is taken back by reflection; if that ever fails, the broker still stops, only less quietly.
   */
  private static void withoutOwnExitHook(SystemConfig<?> systemConfig) {
    try {
      Object broker = systemConfig.getContainer();
      java.lang.reflect.Field hook = declaredField(broker.getClass(), "_shutdownHook");
      hook.setAccessible(true);
      if (hook.get(broker) instanceof Thread thread) {
        Runtime.getRuntime().removeShutdownHook(thread);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("Qpid's exit hook stays: {}", e.toString());
    }
  }

  private static java.lang.reflect.Field declaredField(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException notHere) {
        // look further up
      }
    }
    throw new NoSuchFieldException(name + " in " + type.getName() + " or its superclasses");
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("atrium-qpid-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work dir for the embedded AMQP broker", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (Files.notExists(dir)) {
      return; // already closed
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete the embedded AMQP broker's work dir {}", dir, e);
    }
  }
}
