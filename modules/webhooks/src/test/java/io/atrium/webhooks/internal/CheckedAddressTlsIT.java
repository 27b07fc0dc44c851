package io.atrium.webhooks.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JksOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery over TLS goes to the address the public-host check gave, not to one the name resolves to again, and TLS
 * still speaks for the URL's host name: its SNI is the name and the certificate must be the name's. Here the check
 * gives 127.0.0.1 for a name under {@code .invalid}, which no resolver answers, so only the checked address can be
 * reached (in production the check refuses this machine's addresses; {@code WebhookSendAddressesIT} shows that).
 */
class CheckedAddressTlsIT {

  private static final String NAME = "hooks.atrium.invalid";
  private static MigratedWebhooks database;
  private static Vertx vertx;
  private static Pool pool;
  private static AtriumConfig config;
  @TempDir
  static Path keys;

  @BeforeAll
  static void migrate() {
    database = MigratedWebhooks.open("webhook_tls");
    vertx = database.vertx();
    pool = database.pool();
    config = database.config();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void theDeliveryConnectsToTheCheckedAddressAndVerifiesTheUrlsHostName() throws Exception {
    Path ours = keyPair("ours", NAME);
    Path another = keyPair("another", "another.atrium.invalid");
    Path trusted = keys.resolve("trusted.p12");
    trust(ours, "ours", trusted);
    trust(another, "another", trusted);
    Queue<String> sniSeen = new ConcurrentLinkedQueue<>();
    HttpServer right = server(ours, sniSeen);
    HttpServer wrong = server(another, sniSeen);

    SigningSecrets secrets = WebhookEndpoints.secrets(config);
    UUID toRight = endpoint(secrets, "https://" + NAME + ":" + right.actualPort() + "/hook");
    UUID toWrong = endpoint(secrets, "https://" + NAME + ":" + wrong.actualPort() + "/hook");
    UUID rightDelivery = delivery(toRight);
    UUID wrongDelivery = delivery(toWrong);
    List<String> checked = new java.util.concurrent.CopyOnWriteArrayList<>();
    DeliverySettings settings = DeliverySettings.from(config);
    var storage = WebhookTables.postgres(pool);
    Dispatcher dispatcher = new Dispatcher(vertx, storage, Clock.systemUTC(), secrets,
        new Outcomes(storage, new BusOrganizationLookups(vertx), settings.retryDelays(), settings.disableAfter()), settings,
        host -> {
          checked.add(host);
          return Future.succeededFuture(InetAddress.getLoopbackAddress());
        },
        Dispatcher.clientOptions(settings).setTrustOptions(new JksOptions().setPath(trusted.toString()).setPassword("changeit")));
    try {
      dispatcher.sweep();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!(attempts(rightDelivery) == 1 && attempts(wrongDelivery) == 1)) {
        assertThat(Instant.now()).as("both attempts recorded within 30 s").isBefore(deadline);
        Thread.sleep(100);
      }
    } finally {
      dispatcher.stop();
    }

    Row delivered = row(rightDelivery);
    assertThat(delivered.getString("status")).isEqualTo("succeeded");
    assertThat(delivered.getInteger("last_status_code")).isEqualTo(200);
    assertThat(checked).containsOnly(NAME);
    assertThat(sniSeen).as("the server name the TLS client indicated").containsOnly(NAME);
    Row refused = row(wrongDelivery);
    assertThat(refused.getString("status")).as("a certificate for another name is refused; retried later").isEqualTo("pending");
    assertThat(refused.getValue("last_status_code")).isNull();
    right.close().await();
    wrong.close().await();
  }

  /** A PKCS#12 key store with a self-signed certificate for {@code name} (keytool of the running JDK). */
  private static Path keyPair(String alias, String name) throws Exception {
    Path store = keys.resolve(alias + ".p12");
    keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=dns:" + name,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
    return store;
  }

  private static void trust(Path store, String alias, Path trusted) throws Exception {
    Path cert = keys.resolve(alias + ".crt");
    keytool("-exportcert", "-alias", alias, "-keystore", store.toString(), "-storepass", "changeit", "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12", "-keystore", trusted.toString(),
        "-storepass", "changeit");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("keytool " + String.join(" ", args) + ": " + output).isZero();
  }

  private static HttpServer server(Path store, Queue<String> sniSeen) {
    return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(new JksOptions().setPath(store.toString()).setPassword("changeit")))
        .requestHandler(request -> {
          sniSeen.add(String.valueOf(request.connection().indicatedServerName()));
          request.body().onComplete(body -> request.response().setStatusCode(200).end());
        })
        .listen(0, "127.0.0.1").await();
  }

  private static UUID endpoint(SigningSecrets secrets, String url) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO webhooks.endpoints (id, organization_id, url, events, workspace_ids, secret, enabled, created_at, updated_at)"
            + " VALUES ($1, $2, $3, '{webhook.test}', '{}', $4, true, now(), now())")
        .execute(Tuple.of(id, UUID.randomUUID(), url, io.vertx.core.buffer.Buffer.buffer(secrets.seal(secrets.generate(), id)))).await();
    return id;
  }

  private static UUID delivery(UUID endpoint) {
    UUID event = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    pool.preparedQuery("INSERT INTO webhooks.events (id, organization_id, type, body, created_at) VALUES ($1, $2, 'webhook.test', '{}', $3)")
        .execute(Tuple.of(event, UUID.randomUUID(), Times.toDb(now))).await();
    pool.preparedQuery("INSERT INTO webhooks.deliveries (id, endpoint_id, event_id, status, next_attempt_at, created_at) VALUES ($1, $2, $3, 'pending', $4, $4)")
        .execute(Tuple.of(id, endpoint, event, Times.toDb(now.minusSeconds(1)))).await();
    return id;
  }

  private static Row row(UUID delivery) {
    return pool.preparedQuery("SELECT status, attempts, last_status_code FROM webhooks.deliveries WHERE id = $1").execute(Tuple.of(delivery)).await()
        .iterator().next();
  }

  private static int attempts(UUID delivery) {
    return row(delivery).getInteger("attempts");
  }
}
