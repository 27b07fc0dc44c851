package io.atrium.organization;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.Dnsmasq;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims on public mail domains made before they were refused (SSO domains migrated as pending claims) can't be
 * proven, even with the TXT record served; one that somehow got verified fails at its next re-check.
 */
class PublicMailDomainClaimsIT extends OrganizationHarness {

  private static final String INSERT = """
      INSERT INTO organization.domains (organization_id, domain, status, txt_value, created_at, verified_at, checked_at)
      VALUES ($1, $2, $3, $4, $5, $5, $5)""";

  @Test
  void aLegacyPendingClaimOnAPublicMailDomainIsNeverVerified() {
    User owner = signUp("Gail Legacy");
    String organizationId = createOrganization(owner, "Legacy gmail");
    servedLegacyClaim(organizationId, "gmail.com", "pending");

    Rejection rejection = rejection(OrganizationAddresses.DOMAIN_VERIFY, request(owner, organizationId).put("domain", "gmail.com"));
    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("domain");
    assertThat(status(owner, organizationId, "gmail.com")).isEqualTo("pending");
  }

  @Test
  void aVerifiedPublicMailDomainFailsAtItsNextRecheck() {
    User owner = signUp("Yahya Legacy");
    String organizationId = createOrganization(owner, "Legacy yahoo");
    servedLegacyClaim(organizationId, "yahoo.com", "verified");
    AtriumConfig recheck = TestServices.get().config().with(Map.of(
        "dns.server", Dnsmasq.get().server(), "domains.recheck.pollMillis", 100, "domains.recheck.retryMillis", 100));
    String deployment = vertx.deployVerticle(new DomainRecheckVerticle(pool, recheck, clock)).await();
    try {
      clock.advance(Duration.ofHours(25));
      waitFor(() -> "failed".equals(status(owner, organizationId, "yahoo.com")));
    } finally {
      vertx.undeploy(deployment).await();
    }
  }

  /** A claim as a migration left it (written straight to the table), with its TXT record served. */
  private static void servedLegacyClaim(String organizationId, String domain, String status) {
    String value = "atrium-domain-verification=legacy-" + UUID.randomUUID();
    pool.preparedQuery(INSERT).execute(Tuple.of(UUID.fromString(organizationId), domain, status, value,
        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))).await();
    Dnsmasq.get().addTxt("_atrium-challenge." + domain, value);
  }

  private static String status(User owner, String organizationId, String domain) {
    return ask(OrganizationAddresses.DOMAIN_LIST, request(owner, organizationId)).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(d -> d.getString("domain").equals(domain)).findFirst().orElseThrow().getString("status");
  }
}
