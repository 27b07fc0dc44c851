package io.atrium.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A throwaway PostgreSQL (zonky binaries, trust auth, user postgres) for dev runs and tests. */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on a free port; zonky picks the port and extracts binaries under the temp dir. The caller
   * closes it: zonky's own exit hook would stop it while the process's clients still run, and they would log
   * every lost connection on the way out.
   */
  public static EmbeddedPostgresServer start() {
    long started = System.nanoTime();
    try {
      // zonky logs the piped output of initdb, pg_ctl and the server at INFO (never to stdout).
      // Their stdout is dozens of progress lines per start, so it is dropped; stderr, where
      // initdb and pg_ctl report failures, still reaches the log. Clients see query errors anyway.
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
          .setRegisterShutdownHook(false)
          .start();
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
      LOG.info("Embedded PostgreSQL started at {} in {} ms",
          server.url(), (System.nanoTime() - started) / 1_000_000);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  public String url() {
    return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
