package io.atrium.organization;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily re-verification runs in one process of many (a PostgreSQL advisory lock), another takes over when it
 * stops, and the turn that runs is driven by the injected clock: a verified domain whose record is gone turns failed.
 */
class DomainRecheckLockIT extends OrganizationHarness {

  private static final AtriumConfig RECHECK = TestServices.get().config().with(Map.of(
      "dns.server", Dnsmasq.get().server(), "domains.recheck.pollMillis", 100, "domains.recheck.retryMillis", 100));

  @Test
  void oneInstanceRechecksAndAnotherTakesOverWhenItStops() {
    User owner = signUp("Rita Recheck");
    String organizationId = createOrganization(owner, "Recheck");
    String domain = "recheck-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    JsonObject claim = ask(OrganizationAddresses.DOMAIN_ADD, request(owner, organizationId).put("domain", domain));
    Dnsmasq.get().addTxt(claim.getString("txtName"), claim.getString("txtValue"));
    ask(OrganizationAddresses.DOMAIN_VERIFY, request(owner, organizationId).put("domain", domain));

    DomainRecheckVerticle one = new DomainRecheckVerticle(pool, RECHECK, clock);
    DomainRecheckVerticle two = new DomainRecheckVerticle(pool, RECHECK, clock);
    String oneId = vertx.deployVerticle(one).await();
    String twoId = vertx.deployVerticle(two).await();
    waitFor(() -> one.rechecks() || two.rechecks());
    sleep(500); // several retry periods: the other one must still not hold it
    assertThat(one.rechecks() ^ two.rechecks()).as("exactly one rechecks").isTrue();
    DomainRecheckVerticle holder = one.rechecks() ? one : two;
    DomainRecheckVerticle other = holder == one ? two : one;
    vertx.undeploy(holder == one ? oneId : twoId).await();
    waitFor(other::rechecks);

    // The survivor re-checks by the injected clock: nothing is due until a day has passed on it.
    Dnsmasq.get().removeTxt(claim.getString("txtName"));
    sleep(500);
    assertThat(status(owner, organizationId, domain)).isEqualTo("verified");
    clock.advance(Duration.ofHours(25));
    waitFor(() -> "failed".equals(status(owner, organizationId, domain)));
    vertx.undeploy(holder == one ? twoId : oneId).await();
  }

  private static String status(User owner, String organizationId, String domain) {
    return ask(OrganizationAddresses.DOMAIN_LIST, request(owner, organizationId)).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(d -> d.getString("domain").equals(domain)).findFirst().orElseThrow().getString("status");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
