package io.atrium.platform;

import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.Rejections;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Dns} and {@link PublicAddresses} against a real DNS server (dnsmasq) that serves what the test writes. */
class DnsAndPublicAddressesIT {

  private static final Dnsmasq dnsmasq = Dnsmasq.get();
  private static final String ZONE = "dns-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  private static Vertx vertx;
  private static Dns dns;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    dns = Dns.fromConfig(vertx, AtriumConfig.load(Map.of()).with(Map.of("dns.server", dnsmasq.server())));
    dnsmasq.addTxt("_atrium-challenge." + ZONE, "atrium-domain-verification=one");
    dnsmasq.addTxt("_atrium-challenge." + ZONE, "unrelated text");
    dnsmasq.addAddress("public." + ZONE, "93.184.216.34");
    dnsmasq.addAddress("private." + ZONE, "10.20.30.40");
    dnsmasq.addAddress("mixed." + ZONE, "93.184.216.34");
    dnsmasq.addAddress("mixed." + ZONE, "192.168.1.10");
    dnsmasq.addAddress("metadata." + ZONE, "169.254.169.254");
    dnsmasq.addAddress("loop6." + ZONE, "::1");
    dnsmasq.addCname("cdn." + ZONE, "public." + ZONE);
    dnsmasq.addCname("login." + ZONE, "cdn." + ZONE);
    dnsmasq.addCname("internal." + ZONE, "private." + ZONE);
    dnsmasq.addTxt("_atrium-challenge.hosted." + ZONE, "atrium-domain-verification=hosted");
    dnsmasq.addCname("_atrium-challenge.customer." + ZONE, "_atrium-challenge.hosted." + ZONE);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void txtRecordsAreServedAndAMissingNameIsEmptyNotAFailure() {
    assertThat(dns.txt("_atrium-challenge." + ZONE).await()).containsExactlyInAnyOrder("atrium-domain-verification=one", "unrelated text");
    assertThat(dns.txt("_atrium-challenge.nothing." + ZONE).await()).isEmpty();
    assertThat(dns.addresses("public." + ZONE).await()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
  }

  @Test
  void recordsBehindCnamesAreFollowed() {
    assertThat(dns.addresses("login." + ZONE).await()).as("login -> cdn -> public")
        .extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
    assertThat(dns.txt("_atrium-challenge.customer." + ZONE).await()).containsExactly("atrium-domain-verification=hosted");
    PublicAddresses addresses = new PublicAddresses(dns, false);
    addresses.require("issuer", "the issuer", "https://login." + ZONE + "/tenant/v2.0").await();
    assertRefused(addresses, "https://internal." + ZONE + "/", "10.20.30.40");
  }

  @Test
  void aNameDnsCannotCarryFailsAtOnceInsteadOfHanging() {
    String longLabel = "a".repeat(64) + "." + ZONE;
    assertThatThrownBy(() -> within2s(dns.txt(longLabel))).hasMessageContaining("not a name DNS can look up");
    assertThatThrownBy(() -> within2s(dns.addresses(longLabel))).hasMessageContaining("not a name DNS can look up");
    var refused = new PublicAddresses(dns, false).require("issuer", "the issuer", "https://" + longLabel + "/");
    assertThatThrownBy(() -> within2s(refused)).hasMessageContaining("could not be resolved");
    assertThat(Rejections.rejectionOf(refused).errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
  }

  /** The answer, or a failure once 2 s have passed without one (a lookup that never answers must not hang the test). */
  private static <T> T within2s(io.vertx.core.Future<T> answer) throws Exception {
    try {
      return answer.toCompletionStage().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Test
  void aResolverThatDoesNotAnswerFailsInsteadOfSayingTheRecordIsGone() {
    Dns nobody = Dns.fromConfig(vertx, AtriumConfig.load(Map.of()).with(Map.of("dns.server", "127.0.0.1:9")));
    var answer = nobody.txt("_atrium-challenge." + ZONE);
    assertThatThrownBy(answer::await).as("no resolver: a failure, never an empty answer").isNotNull();
  }

  @Test
  void onlyHostsWithOnlyPublicAddressesPass() {
    PublicAddresses addresses = new PublicAddresses(dns, false);
    addresses.require("issuer", "the issuer", "https://public." + ZONE + "/realm").await();
    addresses.require("issuer", "the issuer", "https://93.184.216.34/").await();
    assertRefused(addresses, "https://private." + ZONE + "/realm", "10.20.30.40");
    assertRefused(addresses, "https://mixed." + ZONE + "/", "192.168.1.10");
    assertRefused(addresses, "https://metadata." + ZONE + "/latest", "link-local");
    assertRefused(addresses, "https://loop6." + ZONE + "/", "loopback");
    assertRefused(addresses, "https://nothing." + ZONE + "/", "has no address");
    assertRefused(addresses, "https://localhost:8443/", "localhost");
    assertRefused(addresses, "https://127.0.0.1/", "loopback");
    assertRefused(addresses, "https://[::ffff:10.0.0.1]/", "private");
    assertRefused(addresses, "https://100.64.0.1/", "private or reserved");
    assertRefused(addresses, "https://[fd00::1]/", "private");
  }

  @Test
  void theDevelopmentSwitchLetsLocalHostsThrough() {
    PublicAddresses allowing = new PublicAddresses(dns, true);
    allowing.require("issuer", "the issuer", "https://private." + ZONE + "/").await();
    allowing.require("url", "the webhook URL", "http://127.0.0.1:8080/hook").await();
  }

  private static void assertRefused(PublicAddresses addresses, String url, String reason) {
    Rejection rejection = Rejections.rejectionOf(addresses.require("issuer", "the issuer", url));
    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
    assertThat(rejection.detail()).as(url).contains(reason).contains("ATRIUM_SSO_ALLOW_LOCAL_ISSUERS=true");
  }
}
