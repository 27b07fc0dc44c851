package io.atrium.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./atrium <command>} as its own process, on the test classpath (so nothing is built), output to a file. */
public final class AtriumProcess implements AutoCloseable {

  private final Process process;
  private final Path output;

  private AtriumProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static AtriumProcess start(Map<String, String> environment, String... command) throws IOException {
    Path output = Files.createTempFile("atrium-process", ".log");
    List<String> line = new java.util.ArrayList<>(List.of("java", "-Xmx384m", "-cp", classpath(), "io.atrium.server.Atrium"));
    line.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    return new AtriumProcess(builder.start(), output);
  }

  /**
   * What every test's {@code ./atrium} needs: its API and management ports (free ones), the run's database and broker
   * prefix, and fixed test keys (the API refuses to start without them). Mutable: a test adds its own settings.
   */
  public static Map<String, String> environment(io.atrium.platform.AtriumConfig config, int port) {
    String key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    return new java.util.HashMap<>(Map.of(
        "ATRIUM_HTTP_PORT", String.valueOf(port),
        "ATRIUM_PUBLIC_URL", "http://127.0.0.1:" + port,
        "ATRIUM_MANAGEMENT_PORT", String.valueOf(freePort()),
        "ATRIUM_PG_URL", config.string("pg.url"),
        "ATRIUM_AMQP_URL", config.string("amqp.url"),
        "ATRIUM_AMQP_PREFIX", config.string("amqp.prefix"),
        "ATRIUM_SSO_SECRET_KEY", key,
        "ATRIUM_MFA_SECRET_KEY", key,
        "ATRIUM_OUTBOX_SECRET_KEY", key));
  }

  /** The test JVM's own classpath, which holds every module. */
  public static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits until {@code /health/ready} answers 200 on the port, failing with the output if the process ends or 120 s pass. */
  public void awaitReady(int port) throws InterruptedException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    // Bounded: a request that is never answered is tried again on a new connection rather than waited on for ever.
    var ready = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(java.time.Duration.ofSeconds(5)).build();
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("atrium exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        if (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("atrium did not become ready in 120 s:\n" + tail());
  }

  /** Waits until the output holds {@code text}, failing with the output if the process ends or the time runs out. */
  public void awaitOutput(String text, java.time.Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("atrium never printed \"" + text + "\":\n" + tail());
      }
      Thread.sleep(250);
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits for the process to end; its exit status, or -1 if it still runs after the timeout. */
  public int exitWithin(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** The last lines of the output, for failure messages. */
  public String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** kill -9: the process gets no chance to finish anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
