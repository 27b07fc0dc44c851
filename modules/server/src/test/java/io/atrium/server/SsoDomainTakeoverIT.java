package io.atrium.server;

import io.atrium.server.testing.DomainProofs;
import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.RedirectClient;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.SsoFlows.Org;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's SSO domain takeover, tried step by step as an attacker would: an organization of their own, SSO settings
 * claiming the victim's domain with their own provider, enforced. Every step fails: the domain can't be used
 * unverified, no existing account is linked, and nobody is locked out of password sign-in.
 */
class SsoDomainTakeoverIT {

  private static final TestApi api = TestApi.get();
  private static final OidcProvider provider = OidcProvider.get();
  private static final SsoFlows sso = new SsoFlows(api, provider);
  private static final DomainProofs domains = new DomainProofs(api);

  @BeforeEach
  void clockIsNow() {
    api.clock.set(Instant.now());
  }

  @Test
  void theTakeoverFailsAtEveryStep() {
    String victimDomain = DomainProofs.freshDomain("victim");
    String cfo = "cfo@" + victimDomain;
    String password = "the cfo's own password";
    String cfoId = api.post("/api/v1/users", null, new JsonObject().put("email", cfo).put("password", password).put("name", "CFO"))
        .expect(201).json().getString("id");

    // The attacker's organization, with SSO on a domain it did prove (its own), so it has a working provider.
    Org attacker = sso.organization("admin", true);
    JsonObject claim = sso.settings(attacker, "admin", true).put("emailDomains", new JsonArray().add(attacker.domain()).add(victimDomain));

    // 1. The victim's domain can't go into the SSO settings unverified, enforced or not.
    JsonObject refused = sso.configure(attacker, claim).expectProblem(409, "domain_unverified");
    assertThat(refused.getJsonArray("errors").encode()).contains(victimDomain);
    assertThat(api.get("/api/v1/organizations/" + attacker.id() + "/sso", attacker.owner().token()).expect(200).json()
        .getJsonArray("emailDomains")).containsExactly(attacker.domain());

    // 2. Claiming the domain is allowed, but it verifies only with the record in the victim's DNS, which the attacker can't write.
    domains.add(attacker.owner(), attacker.id(), victimDomain).expect(201);
    domains.verify(attacker.owner(), attacker.id(), victimDomain).expectProblem(409, "domain_unverified");
    sso.configure(attacker, claim).expectProblem(409, "domain_unverified");

    // 3. Even settings saved before domains had to be proven (put in the table as old releases did) cover nothing unverified.
    TestDatabase.query("INSERT INTO organization.sso_domains (domain, organization_id) VALUES ($1, $2::uuid)", victimDomain, attacker.id());
    api.request("GET", "/api/v1/sso/login?email=" + cfo).send().expectProblem(404, "not_found");

    // 4. The attacker's provider vouches for the victim's address: the callback refuses it and opens no session.
    long sessions = TestDatabase.sessions();
    provider.nextUser(attacker.issuer(), attacker.clientId(), cfo, "CFO");
    RedirectClient browser = new RedirectClient();
    HttpResponse<String> started = browser.get(api.base() + "/api/v1/sso/login?organization=" + attacker.id());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    HttpResponse<String> finished = browser.get(sso.authorize(browser, RedirectClient.location(started)), "application/json");
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(401);
    assertThat(new JsonObject(finished.body()).getString("code")).isEqualTo("sso_failed");
    assertThat(TestDatabase.sessions()).as("no session was opened").isEqualTo(sessions);

    // 5. The victim's account was not linked: not a member of the attacker's organization, and still signs in with the password.
    JsonObject session = api.post("/api/v1/sessions", null, new JsonObject().put("email", cfo).put("password", password)).expect(201).json();
    JsonObject me = api.get("/api/v1/me", session.getString("token")).expect(200).json();
    assertThat(me.getString("id")).isEqualTo(cfoId);
    assertThat(me.getJsonArray("organizations").stream().map(JsonObject.class::cast).map(o -> o.getString("id")))
        .doesNotContain(attacker.id());
    assertThat(TestDatabase.query("SELECT 1 FROM organization.memberships WHERE organization_id = $1::uuid AND user_id = $2::uuid",
        attacker.id(), cfoId)).isEmpty();

    // 6. When the victim's organization proves its domain, the attacker's claim can never be verified.
    TestUser victimAdmin = api.newUser("Victim Admin");
    String victimOrg = new Tenants(api).createOrganization(victimAdmin, "Victim " + UUID.randomUUID());
    domains.prove(victimAdmin, victimOrg, victimDomain);
    domains.verify(attacker.owner(), attacker.id(), victimDomain).expectProblem(409, "conflict");
    sso.configure(attacker, claim).expectProblem(409, "domain_unverified");
    api.request("GET", "/api/v1/sso/login?email=" + cfo).send().expectProblem(404, "not_found");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", cfo).put("password", password)).expect(201);
  }
}
