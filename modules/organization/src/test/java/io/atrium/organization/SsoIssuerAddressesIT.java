package io.atrium.organization;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.Dnsmasq;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSO discovery can't be pointed at private networks: with the default configuration (no
 * {@code sso.allowLocalIssuers}) an issuer whose name resolves, through a real DNS server, to a private, loopback or
 * link-local address is refused before anything is fetched, naming the field and the switch that allows it.
 */
class SsoIssuerAddressesIT extends OrganizationHarness {

  private static final String ZONE = "issuers-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  private static User admin;
  private static String organizationId;

  @BeforeAll
  static void organizationWithAVerifiedDomain() {
    admin = signUp("Ivy Issuer");
    organizationId = createOrganization(admin, "Issuers");
    JsonObject claim = ask(OrganizationAddresses.DOMAIN_ADD, request(admin, organizationId).put("domain", ZONE));
    Dnsmasq.get().addTxt(claim.getString("txtName"), claim.getString("txtValue"));
    assertThat(ask(OrganizationAddresses.DOMAIN_VERIFY, request(admin, organizationId).put("domain", ZONE)).getString("status"))
        .isEqualTo("verified");
    Dnsmasq.get().addAddress("idp." + ZONE, "10.9.8.7");
    Dnsmasq.get().addAddress("metadata." + ZONE, "169.254.169.254");
  }

  @Test
  void anIssuerOnAPrivateNetworkIsRefusedNamingTheSwitch() {
    assertRefused("https://idp." + ZONE + "/realms/corp", "10.9.8.7");
    assertRefused("https://metadata." + ZONE + "/latest", "link-local");
    assertRefused("https://nowhere." + ZONE, "has no address");
    assertRefused("http://127.0.0.1:8080/realms/dev", "127.0.0.1");
    assertRefused("https://localhost/realms/dev", "localhost");
    assertThat(rejection(OrganizationAddresses.SSO_GET, request(admin, organizationId)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void anIssuerHostDnsCannotCarryIsRefusedAtOnceNamingTheLimit() {
    String longLabel = "https://" + "a".repeat(64) + "." + ZONE + "/realm";
    Rejection rejection = rejection(OrganizationAddresses.SSO_PUT, request(admin, organizationId).put("issuer", longLabel)
        .put("clientId", "client").put("clientSecret", "secret").put("emailDomains", new JsonArray().add(ZONE))
        .put("defaultRole", "member").put("enforced", false));
    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
    assertThat(rejection.detail()).contains("label of 64 characters, at most 63");
  }

  private static void assertRefused(String issuer, String reason) {
    Rejection rejection = rejection(OrganizationAddresses.SSO_PUT, request(admin, organizationId).put("issuer", issuer)
        .put("clientId", "client").put("clientSecret", "secret").put("emailDomains", new JsonArray().add(ZONE))
        .put("defaultRole", "member").put("enforced", true));
    assertThat(rejection.code()).as(issuer).isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection.errors()).extracting(Rejection.FieldError::field).containsExactly("issuer");
    assertThat(rejection.detail()).as(issuer).contains(reason).contains("ATRIUM_SSO_ALLOW_LOCAL_ISSUERS=true");
  }
}
