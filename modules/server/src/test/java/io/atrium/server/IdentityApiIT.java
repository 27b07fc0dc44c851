package io.atrium.server;

import io.atrium.server.testing.Reply;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Identity", end to end over HTTP against real PostgreSQL. */
class IdentityApiIT {

  private final TestApi api = TestApi.get();

  @Test
  void signUpCreatesTheUserAndTheirOwnOrganization() {
    String email = "Ada." + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    Reply created = api.post("/api/v1/users", null, new JsonObject()
        .put("email", email).put("password", "a long enough password").put("name", "Ada Lovelace")).expect(201);
    assertThat(created.json().getString("id")).isNotBlank();
    assertThat(created.json().getString("email")).isEqualToIgnoringCase(email);
    assertThat(created.json().getBoolean("emailVerified")).isFalse();
    assertThat(created.json().containsKey("passwordHash")).isFalse();
    assertThat(created.body()).doesNotContain("argon2");

    String token = api.post("/api/v1/sessions", null, new JsonObject()
        .put("email", email.toUpperCase()).put("password", "a long enough password")).expect(201).json().getString("token");
    JsonObject me = api.get("/api/v1/me", token).expect(200).json();
    assertThat(me.getString("name")).isEqualTo("Ada Lovelace");
    assertThat(me.getValue("currentWorkspaceId")).isNull();
    assertThat(me.getJsonArray("workspaces")).isEmpty();
    assertThat(me.getJsonArray("organizations")).hasSize(1);
    JsonObject organization = me.getJsonArray("organizations").getJsonObject(0);
    assertThat(organization.getString("name")).isEqualTo("Ada Lovelace's organization");
    assertThat(organization.getString("role")).isEqualTo("owner");
  }

  @Test
  void aDuplicateEmailInAnotherCaseIsAConflict() {
    TestUser user = api.newUser("Grace");
    api.post("/api/v1/users", null, new JsonObject()
            .put("email", user.email().toUpperCase()).put("password", "another long password").put("name", "Imposter"))
        .expectProblem(409, "conflict");
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    TestUser user = api.newUser("Alan");
    Reply wrongPassword = api.post("/api/v1/sessions", null,
        new JsonObject().put("email", user.email()).put("password", "not the password at all"));
    Reply unknownEmail = api.post("/api/v1/sessions", null,
        new JsonObject().put("email", "nobody-" + UUID.randomUUID() + "@example.com").put("password", "not the password at all"));
    JsonObject first = wrongPassword.expectProblem(401, "invalid_credentials");
    JsonObject second = unknownEmail.expectProblem(401, "invalid_credentials");
    assertThat(first).isEqualTo(second);
  }

  @Test
  void repeatedFailuresForOneEmailAreRateLimitedWithRetryAfter() {
    TestUser user = api.newUser("Mallory");
    JsonObject wrong = new JsonObject().put("email", user.email()).put("password", "definitely wrong password");
    Reply last = null;
    for (int i = 0; i < 10 && (last == null || last.status() != 429); i++) {
      last = api.post("/api/v1/sessions", null, wrong);
    }
    last.expectProblem(429, "rate_limited");
    assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
    // Even the right password waits out the window.
    api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", user.password()))
        .expectProblem(429, "rate_limited");
  }

  @Test
  void signingOutEndsTheTokenAtOnce() {
    TestUser user = api.newUser("Barbara");
    api.get("/api/v1/me", user.token()).expect(200);
    api.request("DELETE", "/api/v1/sessions/current").token(user.token()).send().expect(204);
    api.get("/api/v1/me", user.token()).expectProblem(401, "unauthenticated");
  }

  @Test
  void changingThePasswordEndsOtherSessionsButNotThisOne() {
    TestUser user = api.newUser("Edsger");
    String other = api.post("/api/v1/sessions", null,
        new JsonObject().put("email", user.email()).put("password", user.password())).expect(201).json().getString("token");
    api.request("PUT", "/api/v1/me/password").token(user.token())
        .json(new JsonObject().put("currentPassword", "wrong current password").put("newPassword", "a brand new password"))
        .send().expectProblem(401, "invalid_credentials");
    api.request("PUT", "/api/v1/me/password").token(user.token())
        .json(new JsonObject().put("currentPassword", user.password()).put("newPassword", "a brand new password"))
        .send().expect(204);
    api.get("/api/v1/me", user.token()).expect(200);
    api.get("/api/v1/me", other).expectProblem(401, "unauthenticated");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", user.password()))
        .expectProblem(401, "invalid_credentials");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", user.email()).put("password", "a brand new password"))
        .expect(201);
  }

  @Test
  void patchMeRenamesAndRefusesWorkspacesTheUserCannotAccess() {
    TestUser user = api.newUser("Katherine");
    JsonObject renamed = api.request("PATCH", "/api/v1/me").token(user.token())
        .json(new JsonObject().put("name", "Katherine Johnson")).send().expect(200).json();
    assertThat(renamed.getString("name")).isEqualTo("Katherine Johnson");
    api.request("PATCH", "/api/v1/me").token(user.token())
        .json(new JsonObject().put("currentWorkspaceId", UUID.randomUUID().toString())).send().expectProblem(404, "not_found");
    api.request("PATCH", "/api/v1/me").token(user.token())
        .json(new JsonObject().put("currentWorkspaceId", "not-a-uuid")).send().expectInvalid("currentWorkspaceId");
  }

  @Test
  void apiTokensAreShownOnceListedWithoutSecretsAndRevocable() {
    TestUser user = api.verifiedEmail(api.newUser("Linus"));
    JsonObject created = api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "ci")).expect(201).json();
    String secret = created.getString("token");
    assertThat(secret).isNotBlank();
    api.get("/api/v1/me", secret).expect(200);

    Reply list = api.get("/api/v1/me/api-tokens", user.token()).expect(200);
    assertThat(list.body()).doesNotContain(secret);
    assertThat(list.json().getJsonArray("items")).hasSize(1);
    assertThat(list.json().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("ci");
    assertThat(list.json().containsKey("nextCursor")).isTrue();

    TestUser stranger = api.newUser("Eve");
    api.request("DELETE", "/api/v1/me/api-tokens/" + created.getString("id")).token(stranger.token()).send()
        .expectProblem(404, "not_found");
    api.get("/api/v1/me", secret).expect(200);
    api.request("DELETE", "/api/v1/me/api-tokens/" + created.getString("id")).token(user.token()).send().expect(204);
    api.get("/api/v1/me", secret).expectProblem(401, "unauthenticated");
  }

  @Test
  void apiTokenListsArePaged() {
    TestUser user = api.verifiedEmail(api.newUser("Pager"));
    for (int i = 0; i < 3; i++) {
      api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "token " + i)).expect(201);
    }
    JsonObject first = api.get("/api/v1/me/api-tokens?limit=2", user.token()).expect(200).json();
    assertThat(first.getJsonArray("items")).hasSize(2);
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonObject second = api.get("/api/v1/me/api-tokens?limit=2&cursor=" + cursor, user.token()).expect(200).json();
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getValue("nextCursor")).isNull();
    api.get("/api/v1/me/api-tokens?limit=0", user.token()).expectInvalid("limit");
    api.get("/api/v1/me/api-tokens?limit=abc", user.token()).expectInvalid("limit");
    api.get("/api/v1/me/api-tokens?cursor=garbage!", user.token()).expectInvalid("cursor");
  }

  @Test
  void anExpiredApiTokenIsRefused() {
    TestUser user = api.verifiedEmail(api.newUser("Short"));
    String expiresAt = api.clock.instant().plusSeconds(3600).toString();
    String secret = api.post("/api/v1/me/api-tokens", user.token(),
        new JsonObject().put("name", "short-lived").put("expiresAt", expiresAt)).expect(201).json().getString("token");
    api.get("/api/v1/me", secret).expect(200);
    api.clock.advance(java.time.Duration.ofHours(2));
    try {
      api.get("/api/v1/me", secret).expectProblem(401, "unauthenticated");
    } finally {
      api.clock.advance(java.time.Duration.ofHours(-2));
    }
  }
}
