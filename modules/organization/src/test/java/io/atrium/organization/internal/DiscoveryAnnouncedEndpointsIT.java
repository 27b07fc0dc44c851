package io.atrium.organization.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Dns;
import io.atrium.platform.PublicAddresses;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.Rejections;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a discovery document announces is checked before any of it is used: an issuer on a public host that announces
 * its token endpoint or key set on a private one is refused, naming that endpoint (names resolved by dnsmasq). An
 * issuer on a public host can't be served from this machine, so this checks the document as discovery received it.
 */
class DiscoveryAnnouncedEndpointsIT {

  private static final String ZONE = "announced-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  private static Vertx vertx;
  private static Discovery discovery;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Dnsmasq dnsmasq = Dnsmasq.get();
    dnsmasq.addAddress("idp." + ZONE, "93.184.216.34");
    dnsmasq.addAddress("internal." + ZONE, "192.168.10.5");
    Dns dns = Dns.fromConfig(vertx, AtriumConfig.load(Map.of()).with(Map.of("dns.server", dnsmasq.server())));
    discovery = new Discovery(vertx, new PublicAddresses(dns, false));
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

  private static void assertRefused(JsonObject document, String endpoint, String reason) {
    Rejection rejection = Rejections.rejectionOf(discovery.announcedArePublic(document));
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
    assertThat(rejection.detail()).contains(endpoint).contains(reason);
  }
}
