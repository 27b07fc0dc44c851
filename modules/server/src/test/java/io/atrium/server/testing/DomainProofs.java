package io.atrium.server.testing;

import io.atrium.platform.testing.Dnsmasq;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** Organization domains proven the way a customer proves them: the TXT record served by a real DNS server (dnsmasq). */
public final class DomainProofs {

  private final TestApi api;

  public DomainProofs(TestApi api) {
    this.api = api;
  }

  /** A domain nobody has claimed yet, under {@code .test}. */
  public static String freshDomain(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
  }

  public Reply add(TestUser admin, String orgId, String domain) {
    return api.post("/api/v1/organizations/" + orgId + "/domains", admin.token(), new JsonObject().put("domain", domain));
  }

  public Reply verify(TestUser admin, String orgId, String domain) {
    return api.post("/api/v1/organizations/" + orgId + "/domains/" + domain + "/verify", admin.token(), null);
  }

  /** Serves the TXT record the claim asks for. */
  public void publish(JsonObject claim) {
    Dnsmasq.get().addTxt(claim.getString("txtName"), claim.getString("txtValue"));
  }

  public void unpublish(String domain) {
    Dnsmasq.get().removeTxt("_atrium-challenge." + domain);
  }

  /** Adds the domain to the organization, serves its TXT record and verifies it: answers the verified domain. */
  public JsonObject prove(TestUser admin, String orgId, String domain) {
    publish(add(admin, orgId, domain).expect(201).json());
    return verify(admin, orgId, domain).expect(200).json();
  }

  /** The organization's domain as its admins list it, or null. */
  public JsonObject listed(TestUser admin, String orgId, String domain) {
    return api.get("/api/v1/organizations/" + orgId + "/domains", admin.token()).expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(d -> d.getString("domain").equals(domain)).findFirst().orElse(null);
  }
}
