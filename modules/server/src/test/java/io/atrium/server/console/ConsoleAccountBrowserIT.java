package io.atrium.server.console;

import io.atrium.server.testing.Browser;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up, first workspace, logout and login through the console; a failed login shows the problem's detail; API docs. */
class ConsoleAccountBrowserIT {

  private final TestApi api = TestApi.get();

  @Test
  void signUpCreateAWorkspaceLogOutAndLogInAgain() {
    String email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "a long enough password 42";
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/").find("#login-form");
      browser.click("a[href='#/signup']");
      browser.type("#signup-form input[name=name]", "Clara Console").type("#signup-form input[name=email]", email)
          .type("#signup-form input[name=password]", password).click("#signup-form button[type=submit]");

      browser.find("#no-workspace");
      browser.click("#create-first-workspace");
      browser.type("#new-workspace-form input[name=name]", "Staging").click("#new-workspace-form button[type=submit]");
      assertThat(browser.waitForText("#workspace-title", "Staging")).contains("Clara Console's organization");
      assertThat(browser.find("#workspace-switcher").getText()).contains("Staging");

      browser.click("#logout").find("#login-form");
      assertThat(browser.script("return localStorage.getItem('atrium.session')")).isNull();
      browser.type("#login-form input[name=email]", email).type("#login-form input[name=password]", password)
          .click("#login-form button[type=submit]");
      browser.waitForText("#workspace-title", "Staging");
    }
  }

  @Test
  void aWrongPasswordShowsTheProblemDetail() {
    TestUser user = api.newUser("Wrong Password");
    String detail = api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", "not the password at all"))
        .expectProblem(401, "invalid_credentials").getString("detail");
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/#/login").type("#login-form input[name=email]", user.email())
          .type("#login-form input[name=password]", "still not the password").click("#login-form button[type=submit]");
      assertThat(browser.waitForText("#login-form .problem", detail)).isEqualTo(detail);
    }
  }

  @Test
  void apiDocsShowTheOpenApiDocumentInSwaggerUi() {
    try (Browser browser = Browser.open(api.base())) {
      browser.go("/api/docs");
      assertThat(browser.waitForText(".swagger-ui .info .title", "Atrium API")).contains("Atrium API");
      browser.find(".swagger-ui .opblock-tag");
    }
  }
}
