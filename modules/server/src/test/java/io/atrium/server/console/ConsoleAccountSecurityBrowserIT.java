package io.atrium.server.console;

import io.atrium.server.testing.Browser;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Totp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's banner and verification page, "Forgot password", and two-factor sign-in with its QR code. */
class ConsoleAccountSecurityBrowserIT {

  private final TestApi api = TestApi.get();

  @Test
  void theBannerStaysUntilTheMailLinkVerifies() {
    TestUser user = api.newUser("Banner Bea");
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/").signIn(user.token());
      assertThat(browser.waitForText("#verify-banner", user.email())).contains("verify");
      browser.click("#resend-verification");
      browser.waitForText("#verify-banner", "Sent");
      String token = api.mail.tokenAfter(user.email(), 1, "atr_ver_");

      browser.go("/verify-email?token=" + token);
      browser.waitForText("#verified", "verified");
      assertThat(browser.driver.getCurrentUrl()).doesNotContain(token);
      browser.go("/#/dashboard").reload();
      browser.find("#account-link");
      assertThat(browser.present("#verify-banner")).isFalse();
    }
    assertThat(api.get("/api/v1/me", user.token()).json().getBoolean("emailVerified")).isTrue();
  }

  @Test
  void forgotPasswordMailsALinkThatSetsANewOne() {
    TestUser user = api.newUser("Forgetful Fred");
    int seen = api.mail.to(user.email()).size();
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/#/login").click("#forgot-password");
      browser.type("#forgot-form input[name=email]", user.email()).click("#forgot-form button[type=submit]");
      browser.waitForText("#reset-sent", user.email());
      String token = api.mail.tokenAfter(user.email(), seen, "atr_pwr_");

      browser.go("/reset-password?token=" + token);
      browser.type("#reset-form input[name=newPassword]", "my new console password").click("#reset-form button[type=submit]");
      browser.waitForText("#reset-done", "signed out everywhere");
    }
    api.get("/api/v1/me", user.token()).expect(401);
    api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", "my new console password")).expect(201);
  }

  @Test
  void twoFactorSignInIsSetUpWithAQrCodeAndAsksForACodeAtLogin() {
    TestUser user = api.verifiedEmail(api.newUser("Careful Cleo")); // enrolment needs a verified email
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/").signIn(user.token());
      browser.click("#account-link").click("#mfa-start");
      browser.find("#mfa-qr svg");
      String secret = browser.find("#mfa-secret").getText();
      browser.screenshot("two-factor-enrolment");
      browser.type("#mfa-confirm-form input[name=code]", Totp.at(secret, api.clock.instant()))
          .click("#mfa-confirm-form button[type=submit]");
      assertThat(browser.find("#recovery-codes").findElements(org.openqa.selenium.By.tagName("li"))).hasSize(10);

      browser.click("#logout").find("#login-form");
      browser.type("#login-form input[name=email]", user.email()).type("#login-form input[name=password]", user.password())
          .click("#login-form button[type=submit]");
      long step = api.clock.instant().getEpochSecond() / 30;
      browser.type("#mfa-form input[name=code]", Totp.forStep(secret, step + 1)).click("#mfa-form button[type=submit]");
      browser.find("#account-link");
    }
  }
}
