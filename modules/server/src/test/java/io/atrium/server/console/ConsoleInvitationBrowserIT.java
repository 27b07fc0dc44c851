package io.atrium.server.console;

import io.atrium.server.testing.Browser;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The link in the invitation mail: log in with the invited address, then accept; another address sees why not. */
class ConsoleInvitationBrowserIT {

  private final TestApi api = TestApi.get();
  private final Tenants tenants = new Tenants(api);

  @Test
  void theMailLinkAsksForTheRightLoginThenAccepts() {
    TestUser owner = api.newUser("Inviting Ines");
    TestUser invitee = api.newUser("Invited Ivo");
    TestUser someoneElse = api.newUser("Other Otto");
    String orgId = api.get("/api/v1/me", owner.token()).json().getJsonArray("organizations").getJsonObject(0).getString("id");
    String workspace = tenants.createWorkspace(orgId, owner, "Invited Into");
    int seen = api.mail.to(invitee.email()).size();
    api.post("/api/v1/workspaces/" + workspace + "/invitations", owner.token(),
        new JsonObject().put("email", invitee.email()).put("accessLevel", "billing")).expect(201);
    String token = api.mail.tokenAfter(invitee.email(), seen);

    try (Browser browser = Browser.open(api.base())) {
      browser.go("/invitations/accept?token=" + token);
      String details = browser.waitForText("#invitation-details", "Invited Into");
      assertThat(details).contains("Inviting Ines").contains("with billing access");
      browser.click("#invitation-login");
      assertThat(browser.driver.getCurrentUrl()).doesNotContain(token);
      browser.waitForText("#view .note", "the invitation was sent to");

      logIn(browser, someoneElse);
      browser.click("#accept-invitation");
      assertThat(browser.find("#invitation .problem").getText()).isNotBlank();

      browser.click("#logout");
      logIn(browser, invitee);
      browser.click("#accept-invitation");
      browser.waitForText("#workspace-title", "Invited Into");

      browser.go("/invitations/accept?token=" + token);
      browser.waitForText("#invitation-status", "accepted");
    }
    assertThat(api.get("/api/v1/workspaces/" + workspace + "/members", owner.token()).json().encode()).contains(invitee.email());
  }

  private static void logIn(Browser browser, TestUser user) {
    browser.type("#login-form input[name=email]", user.email()).type("#login-form input[name=password]", user.password())
        .click("#login-form button[type=submit]");
    browser.find("#invitation");
  }
}
