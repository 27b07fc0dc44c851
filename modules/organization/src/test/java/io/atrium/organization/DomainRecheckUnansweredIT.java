package io.atrium.organization;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A domain whose name servers don't answer can't starve the daily re-verification: its unanswered checks are recorded,
 * so it waits its turn behind the others (here one domain a turn), and after three days of nothing but such checks it
 * fails.
 */
class DomainRecheckUnansweredIT extends OrganizationHarness {

  private static final AtriumConfig RECHECK = TestServices.get().config().with(Map.of("dns.server", Dnsmasq.get().server(),
      "domains.recheck.pollMillis", 100, "domains.recheck.retryMillis", 100, "domains.recheck.batch", 1));

  @Test
  void aDomainDnsNeverAnswersForGoesBackInTheQueueAndFailsAfterThreeDays() {
    User owner = signUp("Una Unanswered");
    String organizationId = createOrganization(owner, "Unanswered");
    String dead = verified(owner, organizationId, "dead");
    clock.advance(Duration.ofMinutes(1)); // the dead one is the older, so first in the queue
    String moved = verified(owner, organizationId, "moved");
    Dnsmasq.get().removeTxt("_atrium-challenge." + dead);
    Dnsmasq.get().refuse(dead);
    Dnsmasq.get().removeTxt("_atrium-challenge." + moved); // changed hands: its new owner dropped our record

    String deployment = vertx.deployVerticle(new DomainRecheckVerticle(pool, RECHECK, clock)).await();
    try {
      clock.advance(Duration.ofHours(25));
      waitFor(() -> "failed".equals(domain(owner, organizationId, moved).getString("status")));
      JsonObject unanswered = domain(owner, organizationId, dead);
      assertThat(unanswered.getString("status")).as("one unanswered check proves nothing").isEqualTo("verified");
      assertThat(Instant.parse(unanswered.getString("checkedAt"))).as("the attempt counts as a check").isEqualTo(clock.instant());

      for (int day = 1; day <= 2; day++) {
        clock.advance(Duration.ofHours(24));
        waitFor(() -> Instant.parse(domain(owner, organizationId, dead).getString("checkedAt")).equals(clock.instant()));
        assertThat(domain(owner, organizationId, dead).getString("status")).as("day " + day).isEqualTo("verified");
      }
      clock.advance(Duration.ofHours(24));
      waitFor(() -> "failed".equals(domain(owner, organizationId, dead).getString("status")));
      JsonObject newest = ask(OrganizationAddresses.AUDIT_LOG, request(owner, organizationId)).getJsonArray("items").getJsonObject(0);
      assertThat(newest.getString("action")).isEqualTo("domain.failed");
      assertThat(newest.encode()).contains(dead).contains("no answer from DNS since");
    } finally {
      vertx.undeploy(deployment).await();
    }
  }

  private static String verified(User owner, String organizationId, String prefix) {
    String domain = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    JsonObject claim = ask(OrganizationAddresses.DOMAIN_ADD, request(owner, organizationId).put("domain", domain));
    Dnsmasq.get().addTxt(claim.getString("txtName"), claim.getString("txtValue"));
    assertThat(ask(OrganizationAddresses.DOMAIN_VERIFY, request(owner, organizationId).put("domain", domain)).getString("status"))
        .isEqualTo("verified");
    return domain;
  }

  private static JsonObject domain(User owner, String organizationId, String domain) {
    return ask(OrganizationAddresses.DOMAIN_LIST, request(owner, organizationId)).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(d -> d.getString("domain").equals(domain)).findFirst().orElseThrow();
  }
}
