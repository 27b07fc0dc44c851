package io.atrium.server.console;

import io.atrium.server.testing.Billing;
import io.atrium.server.testing.Browser;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The switcher, the dashboard's resources, and the members pages as people of different levels see them. */
class ConsoleWorkspacesBrowserIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);
  private final Billing billing = new Billing(api);

  @Test
  void switchingWorkspaceShowsTheOtherWorkspaceAndFollowsTheUser() {
    TestUser user = api.newUser("Switching Sue");
    String orgId = ownOrganization(user);
    String alpha = tenants.createWorkspace(orgId, user, "Alpha");
    String beta = tenants.createWorkspace(orgId, user, "Beta");
    server(user, alpha, "alpha-web");
    server(user, beta, "beta-db");
    api.request("PATCH", "/api/v1/me").token(user.token()).json(new JsonObject().put("currentWorkspaceId", alpha)).send().expect(200);

    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(user.token());
      browser.waitForText("#workspace-title", "Alpha");
      browser.waitForText("#running-resources", "alpha-web");

      new Select(browser.find("#workspace-switcher")).selectByValue(beta);
      browser.waitForText("#workspace-title", "Beta");
      assertThat(browser.waitForText("#running-resources", "beta-db")).doesNotContain("alpha-web").contains("1xCPU-1GB");
      // Saved with PATCH /me: any other browser of this user opens on Beta.
      assertThat(api.get("/api/v1/me", user.token()).expect(200).json().getString("currentWorkspaceId")).isEqualTo(beta);
      browser.screenshot("dashboard-switched");

      browser.click("#nav a[href='#/resources']");
      assertThat(browser.waitForText("#resources", "beta-db")).contains("running");
    }
  }

  @Test
  void everyPageFitsAPhoneWidth() {
    TestUser user = api.newUser("Phone Phil");
    tenants.createWorkspace(ownOrganization(user), user, "Pocket");
    try (Browser browser = Browser.open(api.base(), 390, 844)) {
      browser.signIn(user.token());
      for (String page : new String[] {"#/dashboard", "#/billing", "#/resources", "#/members", "#/organization", "#/webhooks"}) {
        browser.go("/" + page).find("#view h1");
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#view .muted"))
            .stream().noneMatch(e -> e.getText().equals("Loading…")));
        // Wide tables scroll inside their card; the page itself never scrolls sideways.
        assertThat((Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
            .as(page).isLessThanOrEqualTo(0L);
        // Routes that this server lacks (alerts, webhooks before their backends) leave no script error behind.
        assertThat(browser.scriptErrors()).as(page).isEmpty();
        assertThat(browser.driver.findElement(By.id("banner")).isDisplayed()).as(page).isFalse();
      }
      browser.go("/#/dashboard").find("#workspace-title");
      browser.screenshot("dashboard-phone");
    }
  }

  @Test
  void aViewerSeesNoInviteOrChangeButtonsAndAnOwnerDoes() {
    TestUser owner = api.newUser("Owner Olga");
    TestUser orgAdmin = api.newUser("Admin Anton");
    TestUser viewer = api.newUser("Viewer Vic");
    String orgId = ownOrganization(owner);
    String workspace = tenants.createWorkspace(orgId, owner, "Shared");
    tenants.joinOrganization(orgId, owner, orgAdmin, "admin");
    tenants.joinWorkspace(workspace, owner, viewer, "viewer");
    api.request("PATCH", "/api/v1/me").token(viewer.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);
    api.request("PATCH", "/api/v1/me").token(owner.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);

    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(viewer.token()).go("/#/members");
      browser.waitForText("#members", orgAdmin.email());
      assertThat(browser.find("#my-level").getText()).isEqualTo("viewer");
      // The org admin's access comes from the organization, and it says so.
      assertThat(browser.find("#members tr[data-user='" + orgAdmin.id() + "']").getText()).contains("inherited");
      assertThat(browser.present("#invite-form")).isFalse();
      assertThat(browser.present("#members .remove-member")).isFalse();
      assertThat(browser.present("#members select.level")).isFalse();
      assertThat(browser.find("#nav a[href='#/organization']").isDisplayed()).isTrue();
      assertThat(browser.driver.findElement(By.id("nav-webhooks")).isDisplayed()).as("webhooks are for org admins").isFalse();
      browser.go("/#/webhooks");
      browser.waitForText("#view", "Organization admins manage webhooks.");
      assertThat(browser.present("#webhook-form")).isFalse();

      browser.signIn(owner.token()).go("/#/members");
      browser.waitForText("#members", viewer.email());
      browser.find("#invite-form");
      assertThat(browser.find("#nav-webhooks").isDisplayed()).as("the org owner manages webhooks").isTrue();
      assertThat(browser.present("#members tr[data-user='" + viewer.id() + "'] .remove-member")).isTrue();
      assertThat(browser.present("#members tr[data-user='" + orgAdmin.id() + "'] .remove-member")).isFalse();
      String invitee = Tenants.freshEmail();
      browser.type("#invite-form input[name=email]", invitee).click("#invite-form button[type=submit]");
      browser.waitForText("#invitations", invitee);
    }
  }

  @Test
  void aBillingUserGetsTheBillingFormsAndNoServerActions() {
    TestUser owner = api.newUser("Owner Oda");
    TestUser biller = api.newUser("Biller Bo");
    String workspace = tenants.createWorkspace(ownOrganization(owner), owner, "Books");
    server(owner, workspace, "books-web");
    tenants.joinWorkspace(workspace, owner, biller, "billing");
    api.request("PATCH", "/api/v1/me").token(biller.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);
    api.request("PATCH", "/api/v1/me").token(owner.token()).json(new JsonObject().put("currentWorkspaceId", workspace)).send().expect(200);

    try (Browser browser = Browser.open(api.base())) {
      browser.signIn(biller.token()).go("/#/resources");
      assertThat(browser.waitForText("#resources", "books-web")).contains("running");
      assertThat(browser.present("#new-resource")).isFalse();
      assertThat(browser.present("#resources button")).isFalse();
      browser.go("/#/billing").find("#top-up-form");
      browser.find("#settings-form");
      browser.go("/#/members");
      browser.waitForText("#members", owner.email());
      assertThat(browser.find("#my-level").getText()).isEqualTo("billing");
      assertThat(browser.present("#invite-form")).isFalse();

      // An owner may hand billing out, beside member.
      browser.signIn(owner.token()).go("/#/members");
      browser.waitForText("#members", biller.email());
      assertThat(new Select(browser.find("#invite-form select[name=level]")).getOptions()).extracting(o -> o.getText())
          .containsExactly("viewer", "member", "billing", "admin", "owner");
    }
  }

  private String ownOrganization(TestUser user) {
    return api.get("/api/v1/me", user.token()).expect(200).json().getJsonArray("organizations").getJsonObject(0).getString("id");
  }

  /** A running server; where billing exists the workspace first gets a card and credits, as it then must. */
  private void server(TestUser user, String workspaceId, String name) {
    billing.fund(user.token(), workspaceId, "20.00");
    api.post("/api/v1/workspaces/" + workspaceId + "/resources", user.token(),
        new JsonObject().put("type", "server").put("name", name).put("plan", "1xCPU-1GB")).expect(201);
  }
}
