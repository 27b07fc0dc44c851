package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is a 400 problem naming the field, and nothing is written half-way. */
class BadInputIT {

  private final TestApi api = TestApi.get();

  private JsonObject signUp(String email, Object password, Object name) {
    return new JsonObject().put("email", email).put("password", password).put("name", name);
  }

  @Test
  void malformedOrMissingBodies() {
    api.request("POST", "/api/v1/users").raw("{\"email\": ").send().expectInvalid("body");
    api.request("POST", "/api/v1/users").raw("[1, 2]").send().expectInvalid("body");
    api.request("POST", "/api/v1/users").raw("\"text\"").send().expectInvalid("body");
    api.request("POST", "/api/v1/users").send().expectInvalid("body");
    api.request("POST", "/api/v1/sessions").raw("not json").send().expectInvalid("body");
    // U+0000, which PostgreSQL text can't hold, is refused naming the field (deeper ones: ApiFuzzIT).
    api.request("POST", "/api/v1/users").raw("{\"email\":\"nul@example.com\",\"password\":\"long enough password\",\"name\":\"a\\u0000b\"}")
        .send().expectInvalid("name");
  }

  @Test
  void missingFieldsAreEachNamed() {
    api.post("/api/v1/users", null, new JsonObject()).expectInvalid("email");
    api.post("/api/v1/users", null, new JsonObject()).expectInvalid("password");
    api.post("/api/v1/users", null, new JsonObject()).expectInvalid("name");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", "a@example.com")).expectInvalid("password");
  }

  @Test
  void wrongTypesAreNamed() {
    api.post("/api/v1/users", null, signUp("a@example.com", 123456789012L, "Typed")).expectInvalid("password");
    api.post("/api/v1/users", null, signUp("a@example.com", "a long enough password", new JsonObject())).expectInvalid("name");
    api.post("/api/v1/sessions", null, new JsonObject().put("email", true).put("password", "x")).expectInvalid("email");
  }

  @Test
  void contentRulesAreNamed() {
    String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
    api.post("/api/v1/users", null, signUp("no-at-sign" + unique, "a long enough password", "Bad")).expectInvalid("email");
    api.post("/api/v1/users", null, signUp("x" + unique + "@example.com", "short", "Bad")).expectInvalid("password");
    api.post("/api/v1/users", null, signUp("x" + unique + "@example.com", "p".repeat(257), "Bad")).expectInvalid("password");
    api.post("/api/v1/users", null, signUp("x" + unique + "@example.com", "a long enough password", "n".repeat(201))).expectInvalid("name");
    api.post("/api/v1/users", null, signUp("x" + unique + "@example.com", "a long enough password", "   ")).expectInvalid("name");
    api.post("/api/v1/users", null, signUp("e".repeat(250) + "@example.com", "a long enough password", "Long")).expectInvalid("email");
    // None of those rejected sign-ups left a user behind.
    api.post("/api/v1/sessions", null, new JsonObject().put("email", "x" + unique + "@example.com").put("password", "a long enough password"))
        .expectProblem(401, "invalid_credentials");
  }

  @Test
  void badInputOnAuthenticatedRoutes() {
    TestUser user = api.verifiedEmail(api.newUser("Validator"));
    api.request("PATCH", "/api/v1/me").token(user.token()).json(new JsonObject().put("name", 42)).send().expectInvalid("name");
    api.request("PATCH", "/api/v1/me").token(user.token()).json(new JsonObject().put("name", "")).send().expectInvalid("name");
    api.request("PUT", "/api/v1/me/password").token(user.token())
        .json(new JsonObject().put("currentPassword", user.password()).put("newPassword", "short")).send().expectInvalid("newPassword");
    api.post("/api/v1/me/api-tokens", user.token(), new JsonObject()).expectInvalid("name");
    api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "t".repeat(101))).expectInvalid("name");
    api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "x").put("expiresAt", "tomorrow")).expectInvalid("expiresAt");
    api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "x").put("expiresAt", "2001-01-01T00:00:00Z"))
        .expectInvalid("expiresAt");
    assertThat(api.get("/api/v1/me/api-tokens", user.token()).expect(200).json().getJsonArray("items")).isEmpty();
  }

  @Test
  void badTokensAndUnknownRoutes() {
    api.get("/api/v1/me", null).expectProblem(401, "unauthenticated");
    api.get("/api/v1/me", "atr_not-a-real-token").expectProblem(401, "unauthenticated");
    api.request("GET", "/api/v1/me").header("Authorization", "Basic dXNlcjpwYXNz").send().expectProblem(401, "unauthenticated");
    api.get("/api/v1/no-such-route", null).expectProblem(404, "not_found");
    api.request("DELETE", "/api/v1/me/api-tokens/not-a-uuid").token(api.newUser("Probe").token()).send().expectProblem(404, "not_found");
  }

  @Test
  void anOversizedBodyIsRefused() {
    String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    api.request("POST", "/api/v1/users").raw(huge).send().expectProblem(413, "payload_too_large");
  }
}
