package io.atrium.server;

import io.atrium.platform.testing.Dnsmasq;
import io.atrium.server.testing.DomainProofs;
import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.Reply;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.SsoFlows.Org;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Organizations", domain rows: domains proven by a TXT record that a real DNS server (dnsmasq) serves. */
class DomainsIT {

  private static final TestApi api = TestApi.get();
  private static final DomainProofs domains = new DomainProofs(api);
  private static final Tenants tenants = new Tenants(api);
  private static final SsoFlows sso = new SsoFlows(api, OidcProvider.get());

  @BeforeEach
  void clockIsNow() {
    api.clock.set(Instant.now());
  }

  @Test
  void aDomainVerifiesOnlyOnceItsTxtRecordIsServed() {
    TestUser owner = api.newUser("Dora Domain");
    String orgId = tenants.createOrganization(owner, "Domains");
    String domain = DomainProofs.freshDomain("acme");

    JsonObject claim = domains.add(owner, orgId, domain.toUpperCase()).expect(201).json();
    assertThat(claim.getString("domain")).isEqualTo(domain);
    assertThat(claim.getString("status")).isEqualTo("pending");
    assertThat(claim.getString("txtName")).isEqualTo("_atrium-challenge." + domain);
    assertThat(claim.getString("txtValue")).startsWith("atrium-domain-verification=").hasSizeGreaterThan(40);
    assertThat(claim.getValue("verifiedAt")).isNull();
    assertThat(claim.containsKey("verifiedAt")).isTrue();

    JsonObject nothing = domains.verify(owner, orgId, domain).expectProblem(409, "domain_unverified");
    assertThat(nothing.getString("detail")).contains("no TXT record").contains(claim.getString("txtName")).contains(claim.getString("txtValue"));
    Dnsmasq.get().addTxt(claim.getString("txtName"), "atrium-domain-verification=someone-elses-value");
    JsonObject wrong = domains.verify(owner, orgId, domain).expectProblem(409, "domain_unverified");
    assertThat(wrong.getString("detail")).contains("none holds the expected value").contains("someone-elses-value");
    assertThat(domains.listed(owner, orgId, domain).getString("status")).isEqualTo("pending");

    domains.publish(claim);
    JsonObject verified = domains.verify(owner, orgId, domain).expect(200).json();
    assertThat(verified.getString("status")).isEqualTo("verified");
    assertThat(verified.getString("verifiedAt")).isNotNull();
    assertThat(domains.listed(owner, orgId, domain).getString("status")).isEqualTo("verified");
    List<String> actions = api.get("/api/v1/organizations/" + orgId + "/audit-log", owner.token()).expect(200).json()
        .getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> e.getString("action")).toList();
    assertThat(actions).contains("domain.added", "domain.verified");
  }

  @Test
  void twoOrganizationsRacingForOneDomainOnlyTheOneWithTheRecordWins() throws Exception {
    TestUser alice = api.newUser("Alice Racer");
    TestUser bob = api.newUser("Bob Racer");
    String aliceOrg = tenants.createOrganization(alice, "Alice's");
    String bobOrg = tenants.createOrganization(bob, "Bob's");
    String domain = DomainProofs.freshDomain("contested");
    JsonObject aliceClaim = domains.add(alice, aliceOrg, domain).expect(201).json();
    JsonObject bobClaim = domains.add(bob, bobOrg, domain).expect(201).json();
    assertThat(aliceClaim.getString("txtValue")).isNotEqualTo(bobClaim.getString("txtValue"));
    domains.publish(bobClaim);

    CompletableFuture<Reply> aliceTries = CompletableFuture.supplyAsync(() -> domains.verify(alice, aliceOrg, domain));
    CompletableFuture<Reply> bobTries = CompletableFuture.supplyAsync(() -> domains.verify(bob, bobOrg, domain));
    bobTries.get().expect(200);
    // Alice's record is not served: refused as unverified, or, when Bob's verification committed first, as taken.
    Reply alice409 = aliceTries.get();
    assertThat(alice409.status()).isEqualTo(409);
    assertThat(alice409.json().getString("code")).isIn("domain_unverified", "conflict");

    // Once one organization holds it verified, nobody else can claim or verify it, even with its own record served.
    domains.publish(aliceClaim);
    domains.verify(alice, aliceOrg, domain).expectProblem(409, "conflict");
    TestUser carol = api.newUser("Carol Late");
    domains.add(carol, tenants.createOrganization(carol, "Carol's"), domain).expectProblem(409, "conflict");
    assertThat(domains.listed(alice, aliceOrg, domain).getString("status")).isEqualTo("pending");
    assertThat(domains.listed(bob, bobOrg, domain).getString("status")).isEqualTo("verified");
  }

  @Test
  void reVerificationWithTheRecordGoneMakesTheDomainFailedAndStopsEnforcement() {
    Org org = sso.organization("member", true);
    String email = org.email("staff");
    String password = "a password of the staff";
    api.post("/api/v1/users", null, new JsonObject().put("email", email).put("password", password).put("name", "Staff")).expect(201);
    JsonObject signIn = new JsonObject().put("email", email).put("password", password);
    api.post("/api/v1/sessions", null, signIn).expectProblem(401, "sso_required");

    // A day later with the record still there: checked again, still verified. (Sessions last a day: sign in again.)
    String checkedAt = domains.listed(org.owner(), org.id(), org.domain()).getString("checkedAt");
    api.clock.set(Instant.now().plus(Duration.ofHours(25)));
    TestUser owner = signedInAgain(org.owner());
    Eventually.holds(Duration.ofSeconds(10), "the daily re-verification ran",
        () -> !checkedAt.equals(domains.listed(owner, org.id(), org.domain()).getString("checkedAt")));
    assertThat(domains.listed(owner, org.id(), org.domain()).getString("status")).isEqualTo("verified");
    api.post("/api/v1/sessions", null, signIn).expectProblem(401, "sso_required");

    domains.unpublish(org.domain());
    api.clock.set(Instant.now().plus(Duration.ofHours(50)));
    TestUser later = signedInAgain(org.owner());
    Eventually.holds(Duration.ofSeconds(10), "the domain is failed",
        () -> "failed".equals(domains.listed(later, org.id(), org.domain()).getString("status")));
    api.post("/api/v1/sessions", null, signIn).expect(201);
    api.request("GET", "/api/v1/sso/login?email=" + email).send().expectProblem(404, "not_found");
    List<String> actions = api.get("/api/v1/organizations/" + org.id() + "/audit-log", later.token()).expect(200).json()
        .getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> e.getString("action")).toList();
    assertThat(actions).contains("domain.failed");
    api.clock.set(Instant.now());
  }

  private static TestUser signedInAgain(TestUser user) {
    String token = api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", user.password()))
        .expect(201).json().getString("token");
    return new TestUser(user.id(), user.email(), user.password(), user.name(), token);
  }

  @Test
  void badClaimsAreRefused() {
    TestUser owner = api.newUser("Bad Claims");
    String orgId = tenants.createOrganization(owner, "Bad claims");
    domains.add(owner, orgId, "gmail.com").expectInvalid("domain");
    domains.add(owner, orgId, "Mail.GMAIL.com").expectInvalid("domain");
    domains.add(owner, orgId, "not a domain").expectInvalid("domain");
    domains.add(owner, orgId, "x".repeat(300) + ".test").expectInvalid("domain");
    domains.add(owner, orgId, "localhost").expectInvalid("domain");
    api.post("/api/v1/organizations/" + orgId + "/domains", owner.token(), new JsonObject().put("domain", 42)).expectInvalid("domain");
    api.post("/api/v1/organizations/" + orgId + "/domains", owner.token(), new JsonObject()).expectInvalid("domain");
    api.request("POST", "/api/v1/organizations/" + orgId + "/domains").token(owner.token()).raw("{\"domain\":").send().expectInvalid("body");
    assertThat(api.get("/api/v1/organizations/" + orgId + "/domains", owner.token()).expect(200).json().getJsonArray("items")).isEmpty();

    String domain = DomainProofs.freshDomain("twice");
    domains.add(owner, orgId, domain).expect(201);
    domains.add(owner, orgId, domain).expectProblem(409, "conflict");
    domains.verify(owner, orgId, "not_a..domain").expectProblem(404, "not_found");
    domains.verify(owner, orgId, DomainProofs.freshDomain("never-added")).expectProblem(404, "not_found");
    api.request("DELETE", "/api/v1/organizations/" + orgId + "/domains/" + DomainProofs.freshDomain("never-added")).token(owner.token())
        .send().expectProblem(404, "not_found");
    api.get("/api/v1/organizations/" + orgId + "/domains?limit=0", owner.token()).expectInvalid("limit");
    api.get("/api/v1/organizations/" + orgId + "/domains?cursor=nonsense", owner.token()).expectInvalid("cursor");
  }

  @Test
  void aClaimMustLeaveRoomForItsChallengeRecordInDns() {
    TestUser owner = api.newUser("Long Names");
    String orgId = tenants.createOrganization(owner, "Long names");
    String longest = nameOfLength(235, DomainProofs.freshDomain("long"));
    JsonObject claim = domains.add(owner, orgId, longest).expect(201).json();
    assertThat(claim.getString("txtName")).hasSize(253);
    assertThat(domains.verify(owner, orgId, longest).expectProblem(409, "domain_unverified").getString("detail"))
        .as("DNS was asked and answered").contains("no TXT record was found");

    JsonObject tooLong = api.post("/api/v1/organizations/" + orgId + "/domains", owner.token(),
        new JsonObject().put("domain", nameOfLength(236, DomainProofs.freshDomain("long")))).expectProblem(400, "validation_failed");
    assertThat(tooLong.encode()).contains("\"domain\"").contains("at most 235").contains("_atrium-challenge.");
    JsonObject longLabel = api.post("/api/v1/organizations/" + orgId + "/domains", owner.token(),
        new JsonObject().put("domain", "a".repeat(64) + "." + DomainProofs.freshDomain("label"))).expectProblem(400, "validation_failed");
    assertThat(longLabel.encode()).contains("\"domain\"").contains("label of 64 characters, at most 63");
  }

  /** A name of exactly {@code length} characters: labels of at most 63 in front of {@code zone}. */
  private static String nameOfLength(int length, String zone) {
    StringBuilder name = new StringBuilder(zone);
    while (name.length() < length) {
      int label = Math.min(63, length - name.length() - 1);
      name.insert(0, "a".repeat(label) + ".");
    }
    return name.toString();
  }

  @Test
  void aDomainTheSsoSettingsNameCannotBeRemovedUntilTheyNoLongerDo() {
    Org org = sso.organization("member", false);
    String path = "/api/v1/organizations/" + org.id() + "/domains/" + org.domain();
    api.request("DELETE", path).token(org.owner().token()).send().expectProblem(409, "conflict");
    api.request("DELETE", "/api/v1/organizations/" + org.id() + "/sso").token(org.owner().token()).send().expect(204);
    api.request("DELETE", path).token(org.owner().token()).send().expect(204);
    assertThat(domains.listed(org.owner(), org.id(), org.domain())).isNull();
  }

  @Test
  void domainsArePagedByName() {
    TestUser owner = api.newUser("Pager");
    String orgId = tenants.createOrganization(owner, "Pages");
    for (String name : List.of("b", "a", "c")) {
      domains.add(owner, orgId, name + "-" + orgId.substring(0, 8) + ".test").expect(201);
    }
    JsonObject first = api.get("/api/v1/organizations/" + orgId + "/domains?limit=2", owner.token()).expect(200).json();
    assertThat(first.getJsonArray("items").stream().map(JsonObject.class::cast).map(d -> d.getString("domain").substring(0, 1)))
        .containsExactly("a", "b");
    JsonObject second = api.get("/api/v1/organizations/" + orgId + "/domains?limit=2&cursor=" + first.getString("nextCursor"), owner.token())
        .expect(200).json();
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getValue("nextCursor")).isNull();
  }
}
