package io.atrium.server;

import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.SsoFlows.Org;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Organizations", SSO row: settings kept by admins, checked by discovery, the secret never shown. */
class SsoSettingsIT {

  private static final TestApi api = TestApi.get();
  private static final OidcProvider provider = OidcProvider.get();
  private static final SsoFlows sso = new SsoFlows(api, provider);
  private static final Tenants tenants = new Tenants(api);

  @Test
  void getShowsTheSettingsAndTheCallbackButNeverTheSecretWhichIsNotStoredInPlainText() {
    Org org = sso.organization("member", true);
    JsonObject shown = api.get("/api/v1/organizations/" + org.id() + "/sso", org.owner().token()).expect(200).json();
    assertThat(shown).isEqualTo(new JsonObject().put("issuer", org.issuer()).put("clientId", org.clientId())
        .put("emailDomains", new JsonArray().add(org.domain())).put("defaultRole", "member").put("enforced", true)
        .put("callbackUrl", api.base() + "/api/v1/sso/callback"));
    assertThat(shown.encode()).doesNotContain(SsoFlows.CLIENT_SECRET);

    List<Row> stored = TestDatabase.query("SELECT * FROM organization.sso_configurations WHERE organization_id = $1::uuid", org.id());
    assertThat(stored).hasSize(1);
    byte[] encrypted = stored.get(0).getBuffer("client_secret_encrypted").getBytes();
    assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain(SsoFlows.CLIENT_SECRET);
    for (int column = 0; column < stored.get(0).size(); column++) {
      assertThat(String.valueOf(stored.get(0).getValue(column))).doesNotContain(SsoFlows.CLIENT_SECRET);
    }
    List<Row> audit = TestDatabase.query("SELECT details::text AS d FROM organization.audit_log WHERE organization_id = $1::uuid", org.id());
    assertThat(audit).extracting(row -> row.getString("d")).noneMatch(details -> details.contains(SsoFlows.CLIENT_SECRET));
  }

  @Test
  void anIssuerWhoseDiscoveryFailsIsRefusedNamingTheIssuer() {
    Org org = sso.organization("member", false);
    JsonObject settings = sso.settings(org, "member", false).put("issuer", "http://127.0.0.1:9/nothing-listens-here");
    sso.configure(org, settings).expectInvalid("issuer");
    sso.configure(org, sso.settings(org, "member", false).put("issuer", "http://example.com/plain-http")).expectInvalid("issuer");
    JsonObject unknownIssuer = sso.settings(org, "member", false).put("issuer", provider.issuer("x") + "/../../no/such");
    assertThat(sso.configure(org, unknownIssuer).status()).isEqualTo(400);
  }

  @Test
  void badSettingsAreRefusedFieldByField() {
    Org org = sso.organization("member", false);
    sso.configure(org, sso.settings(org, "owner", false)).expectInvalid("defaultRole");
    sso.configure(org, sso.settings(org, "member", false).put("emailDomains", new JsonArray())).expectInvalid("emailDomains");
    sso.configure(org, sso.settings(org, "member", false).put("emailDomains", new JsonArray().add("not a domain"))).expectInvalid("emailDomains");
    sso.configure(org, sso.settings(org, "member", false).put("emailDomains", "example.com")).expectInvalid("emailDomains");
  }

  @Test
  void aDomainAnotherOrganizationVerifiedIsNotOneOfOurs() {
    Org first = sso.organization("member", false);
    Org second = sso.organization("member", false);
    JsonObject taken = sso.settings(second, "member", false).put("emailDomains", new JsonArray().add(second.domain()).add(first.domain().toUpperCase()));
    JsonObject problem = sso.configure(second, taken).expectProblem(409, "domain_unverified");
    assertThat(problem.getJsonArray("errors").encode()).contains("emailDomains").contains(first.domain()).doesNotContain(second.domain());
    assertThat(api.get("/api/v1/organizations/" + second.id() + "/sso", second.owner().token()).expect(200).json()
        .getJsonArray("emailDomains")).containsExactly(second.domain());
  }

  @Test
  void onlyAdminsSeeOrChangeIt() {
    Org org = sso.organization("member", false);
    TestUser member = api.newUser("Member");
    TestUser admin = api.newUser("Admin");
    TestUser stranger = api.newUser("Stranger");
    tenants.joinOrganization(org.id(), org.owner(), member, "member");
    tenants.joinOrganization(org.id(), org.owner(), admin, "admin");
    String path = "/api/v1/organizations/" + org.id() + "/sso";

    api.get(path, admin.token()).expect(200);
    api.get(path, member.token()).expectProblem(403, "insufficient_access");
    api.get(path, stranger.token()).expectProblem(404, "not_found");
    api.request("PUT", path).token(member.token()).json(sso.settings(org, "member", false)).send().expectProblem(403, "insufficient_access");
    api.request("DELETE", path).token(stranger.token()).send().expectProblem(404, "not_found");

    api.request("DELETE", path).token(admin.token()).send().expect(204);
    api.get(path, admin.token()).expectProblem(404, "not_found");
    api.request("DELETE", path).token(admin.token()).send().expectProblem(404, "not_found");
    List<String> actions = api.get("/api/v1/organizations/" + org.id() + "/audit-log", admin.token()).expect(200).json()
        .getJsonArray("items").stream().map(JsonObject.class::cast).map(e -> e.getString("action")).toList();
    assertThat(actions).contains("sso.configured", "sso.deleted");
  }
}
