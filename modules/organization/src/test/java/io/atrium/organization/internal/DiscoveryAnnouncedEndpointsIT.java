package io.atrium.organization.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Dns;
import io.atrium.platform.PublicAddresses;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.Rejections;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a discovery document announces is checked before any of it is used: an issuer on a public host that announces
 * its token endpoint or key set on a private one is refused, naming that endpoint (names resolved by dnsmasq). The
 * document is checked as discovery received it, and {@link Discovery#discover} end to end against an issuer served on
 * this machine (its own check lets it through; the announced endpoints get the real one), where an issuer that drips
 * its document is also cut off at the deadline.
 */
class DiscoveryAnnouncedEndpointsIT {

  private static final String ZONE = "announced-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final AtomicReference<JsonObject> served = new AtomicReference<>();
  private static final CountDownLatch dripClosed = new CountDownLatch(1);
  private static Vertx vertx;
  private static Discovery discovery;
  private static Discovery endToEnd;
  private static HttpServer issuerServer;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Dnsmasq dnsmasq = Dnsmasq.get();
    dnsmasq.addAddress("idp." + ZONE, "93.184.216.34");
    dnsmasq.addAddress("internal." + ZONE, "192.168.10.5");
    Dns dns = Dns.fromConfig(vertx, AtriumConfig.load(Map.of()).with(Map.of("dns.server", dnsmasq.server())));
    discovery = new Discovery(vertx, new PublicAddresses(dns, false));
    endToEnd = new Discovery(vertx, new PublicAddresses(dns, true), new PublicAddresses(dns, false), DEADLINE);
    issuerServer = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().startsWith("/drip/")) {
        request.response().setChunked(true).putHeader("Content-Type", "application/json").write("{");
        long timer = vertx.setPeriodic(100, id -> request.response().write(" "));
        request.connection().closeHandler(v -> {
          vertx.cancelTimer(timer);
          dripClosed.countDown();
        });
      } else {
        request.response().putHeader("Content-Type", "application/json").end(served.get().encode());
      }
    }).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static JsonObject document() {
    String base = "https://idp." + ZONE;
    return new JsonObject().put("issuer", base).put("authorization_endpoint", base + "/authorize").put("token_endpoint", base + "/token")
        .put("jwks_uri", base + "/keys").put("userinfo_endpoint", base + "/userinfo");
  }

  @Test
  void publicEndpointsPass() {
    discovery.announcedArePublic(document()).await();
  }

  @Test
  void aPrivateTokenEndpointOrKeySetIsRefusedNamingIt() {
    assertRefused(document().put("token_endpoint", "https://internal." + ZONE + "/token"), "token_endpoint", "192.168.10.5");
    assertRefused(document().put("jwks_uri", "https://169.254.169.254/keys"), "jwks_uri", "link-local");
    assertRefused(document().put("authorization_endpoint", "https://localhost/authorize"), "authorization_endpoint", "localhost");
    assertRefused(document().put("introspection_endpoint", "https://internal." + ZONE + "/introspect"), "introspection_endpoint", "192.168");
    assertRefused(document().put("jwks_uri", "http://idp." + ZONE + "/keys"), "jwks_uri", "https");
  }

  @Test
  void discoverGivesTheProviderOfADocumentWithPublicEndpoints() throws Exception {
    served.set(servedDocument());
    assertThat(within(discover(localIssuer()), 5)).isNotNull();
  }

  @Test
  void discoverRefusesADocumentAnnouncingAPrivateEndpointNamingIt() {
    served.set(servedDocument().put("token_endpoint", "https://internal." + ZONE + "/token"));
    Rejection rejection = Rejections.rejectionOf(discover(localIssuer()));
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
    assertThat(rejection.detail()).contains("token_endpoint").contains("192.168.10.5");
  }

  @Test
  void anIssuerDrippingItsDocumentIsCutOffAtTheDeadline() throws Exception {
    long started = System.nanoTime();
    assertThatThrownBy(() -> within(discover("http://127.0.0.1:" + issuerServer.actualPort() + "/drip/realm"), 5))
        .hasMessageContaining("did not complete within 1000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(dripClosed.await(2, TimeUnit.SECONDS)).as("the connection is dropped, not left dripping").isTrue();
  }

  private static String localIssuer() {
    return "http://127.0.0.1:" + issuerServer.actualPort() + "/realm";
  }

  /** Endpoints all on a public host and no key set, so building the provider fetches nothing more. */
  private static JsonObject servedDocument() {
    return document().put("issuer", localIssuer()).putNull("jwks_uri");
  }

  private static Future<OAuth2Auth> discover(String issuer) {
    return endToEnd.discover(new OAuth2Options().setSite(issuer).setClientId("client").setClientSecret("secret"));
  }

  private static <T> T within(Future<T> answer, int seconds) throws Exception {
    try {
      return answer.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void assertRefused(JsonObject document, String endpoint, String reason) {
    Rejection rejection = Rejections.rejectionOf(discovery.announcedArePublic(document));
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
    assertThat(rejection.detail()).contains(endpoint).contains(reason);
  }
}
