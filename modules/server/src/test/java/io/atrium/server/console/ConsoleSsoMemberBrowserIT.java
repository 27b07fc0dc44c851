package io.atrium.server.console;

import io.atrium.server.testing.Browser;
import io.atrium.server.testing.OidcProvider;
import io.atrium.server.testing.SsoFlows;
import io.atrium.server.testing.TestApi;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** A member who came in by SSO, with no workspace and no right to create one, is told whom to ask, not offered a dead end. */
class ConsoleSsoMemberBrowserIT {

  private final TestApi api = TestApi.get();
  private final SsoFlows sso = new SsoFlows(api, OidcProvider.get());

  @Test
  void anSsoMemberWithoutAWorkspaceIsNotOfferedToCreateOne() {
    // Token times are checked against Atrium's clock (which other tests move) and the real one: keep them together.
    api.clock.set(java.time.Instant.now());
    SsoFlows.Org org = sso.organization("member", false);
    JsonObject session = sso.signIn(org, org.email("sam"), "Sam Sso");
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/#/login");
      browser.script("localStorage.setItem('atrium.session', JSON.stringify({token: arguments[0], expiresAt: arguments[1]}))",
          session.getString("token"), session.getString("expiresAt"));
      browser.go("/#/dashboard").reload();
      assertThat(browser.waitForText("#ask-for-workspace", "Ask an admin")).contains("Ask an admin");
      assertThat(browser.driver.findElements(By.id("create-first-workspace"))).isEmpty();
    }
  }
}
