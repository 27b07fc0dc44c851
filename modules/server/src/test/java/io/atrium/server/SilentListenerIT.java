package io.atrium.server;

import io.atrium.platform.Database;
import io.atrium.platform.testing.TcpProxy;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API process whose {@code LISTEN} connection goes silent without ever closing (here: a proxy that stops
 * forwarding, as a NAT that forgot the connection would) notices it by its heartbeat, and from then on refuses a
 * revoked session, well before the cache's own 30-second bound.
 */
@Timeout(120)
class SilentListenerIT {

  private static final TestApi api = TestApi.get();
  private static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRevocationMissedByASilentListenerIsHonouredOnceTheHeartbeatNoticesIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    String pgUrl = TestServices.get().config().string("pg.url");
    PgConnectOptions db = Database.connectOptions(pgUrl);
    TcpProxy proxy = new TcpProxy(vertx, db.getHost(), db.getPort());
    proxy.open().await();
    int before = listeners();
    try (SecondApiProcess process = new SecondApiProcess(Map.of("smtp.host", "127.0.0.1", "smtp.port", api.mail.port(),
        "pg.listenUrl", proxy.rewrite(pgUrl)))) {
      Eventually.holds(Duration.ofSeconds(10), "the process listens through the proxy", () -> listeners() > before);
      TestUser user = api.newUser("Silenced");
      assertThat(me(process.base, user.token())).isEqualTo(200);
      assertThat(me(process.base, user.token())).isEqualTo(200);

      proxy.freeze();
      api.request("DELETE", "/api/v1/sessions/current").token(user.token()).send().expect(204);
      assertThat(me(process.base, user.token())).as("still served from its cache: the notification never reached it").isEqualTo(200);
      long start = System.nanoTime();
      Eventually.holds(Duration.ofSeconds(12), "the revoked session refused once the listener is found silent",
          () -> me(process.base, user.token()) == 401);
      System.out.printf("[silent listener] revoked session refused after %.1f s (cache bound: 30 s)%n", (System.nanoTime() - start) / 1e9);
      assertThat(process.log()).contains("No heartbeat echo on atrium_invalidate");

      // It listens again on a new connection, and a revocation then reaches it by notification.
      Eventually.holds(Duration.ofSeconds(10), "the process listens again", () -> process.log().contains("Listening on atrium_invalidate")
          && process.log().lastIndexOf("Listening on") > process.log().lastIndexOf("No heartbeat echo"));
      TestUser again = api.newUser("Heard again");
      assertThat(me(process.base, again.token())).isEqualTo(200);
      assertThat(me(process.base, again.token())).isEqualTo(200);
      api.request("DELETE", "/api/v1/sessions/current").token(again.token()).send().expect(204);
      Eventually.holds(Duration.ofSeconds(1), "a revocation after the reconnect refused by notification", () -> me(process.base, again.token()) == 401);
    } finally {
      proxy.cut().await();
      vertx.close().await();
    }
  }

  private static int listeners() {
    return TestDatabase.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%atrium_invalidate%'").size();
  }

  private static int me(URI base, String token) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/me")).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(15)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
