package io.atrium.identity;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a signed-in user does with their own account: profile, password and API tokens. */
class AccountSettingsIT extends IdentityHarness {

  @Test
  void updateMeRenames() {
    String userId = signUp(uniqueEmail(), "Old name").getString("id");
    JsonObject me = ask(IdentityAddresses.UPDATE_ME, new JsonObject().put("userId", userId).put("name", "  New name "));
    assertThat(me.getString("name")).isEqualTo("New name");

    assertThat(rejection(IdentityAddresses.UPDATE_ME, new JsonObject().put("userId", userId).put("name", " ")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("name");
    assertThat(ask(IdentityAddresses.ME, new JsonObject().put("userId", userId)).getString("name")).isEqualTo("New name");
  }

  @Test
  void changingThePasswordEndsOtherSessionsButNotThisOneNorApiTokens() {
    String email = uniqueEmail();
    String userId = verifiedSignUp(email, "Careful").getString("id");
    String current = signIn(email, PASSWORD).getString("token");
    String other = signIn(email, PASSWORD).getString("token");
    String apiToken = createApiToken(userId, "ci").getString("token");
    String currentId = authenticate(current).getString("tokenId");
    JsonObject change = new JsonObject().put("userId", userId).put("tokenId", currentId);

    Rejection wrong = rejection(IdentityAddresses.CHANGE_PASSWORD, change.copy().put("currentPassword", "not it at all").put("newPassword", "a brand new password"));
    assertThat(wrong.code()).isEqualTo(Codes.INVALID_CREDENTIALS);
    assertThat(wrong.errors()).extracting(Rejection.FieldError::field).containsExactly("currentPassword");
    assertThat(rejection(IdentityAddresses.CHANGE_PASSWORD, change.copy().put("currentPassword", PASSWORD).put("newPassword", "short")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("newPassword");

    ask(IdentityAddresses.CHANGE_PASSWORD, change.copy().put("currentPassword", PASSWORD).put("newPassword", "a brand new password"));

    assertThat(authenticate(current).getString("userId")).isEqualTo(userId);
    assertThat(authenticate(apiToken).getString("kind")).isEqualTo("api");
    assertThat(rejection(IdentityAddresses.AUTHENTICATE, new JsonObject().put("token", other)).code()).isEqualTo(Codes.UNAUTHENTICATED);
    assertThat(rejection(IdentityAddresses.SIGN_IN, signInRequest(email, PASSWORD)).code()).isEqualTo(Codes.INVALID_CREDENTIALS);
    assertThat(signIn(email, "a brand new password").getString("token")).startsWith("atr_");
  }

  @Test
  void apiTokensAreCreatedListedWithoutSecretsAndRevokedByTheirOwnerOnly() {
    String userId = verifiedSignUp(uniqueEmail(), "Scripter").getString("id");
    String strangerId = signUp(uniqueEmail(), "Stranger").getString("id");
    String expiresAt = clock.instant().plus(Duration.ofDays(30)).toString();
    JsonObject created = ask(IdentityAddresses.CREATE_API_TOKEN,
        new JsonObject().put("userId", userId).put("name", "deploy").put("expiresAt", expiresAt));
    assertThat(created.getString("token")).startsWith("atr_");
    assertThat(created.getString("expiresAt")).isEqualTo(expiresAt);
    assertThat(authenticate(created.getString("token")).getString("kind")).isEqualTo("api");

    JsonObject listed = list(userId, null, 50);
    assertThat(listed.getJsonArray("items")).hasSize(1);
    assertThat(listed.getJsonArray("items").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("id", "name", "createdAt", "expiresAt", "lastUsedAt");
    assertThat(listed.getJsonArray("items").getJsonObject(0).getString("lastUsedAt")).isEqualTo(clock.instant().toString());
    assertThat(listed.getString("nextCursor")).isNull();

    JsonObject revoke = new JsonObject().put("tokenId", created.getString("id"));
    assertThat(rejection(IdentityAddresses.REVOKE_API_TOKEN, revoke.copy().put("userId", strangerId)).code()).isEqualTo(Codes.NOT_FOUND);
    ask(IdentityAddresses.REVOKE_API_TOKEN, revoke.copy().put("userId", userId));
    assertThat(rejection(IdentityAddresses.AUTHENTICATE, new JsonObject().put("token", created.getString("token"))).code())
        .isEqualTo(Codes.UNAUTHENTICATED);
    assertThat(list(userId, null, 50).getJsonArray("items")).isEmpty();
    assertThat(rejection(IdentityAddresses.REVOKE_API_TOKEN, revoke.copy().put("userId", userId)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void apiTokenInputIsValidated() {
    String userId = verifiedSignUp(uniqueEmail(), "Careless").getString("id");
    JsonObject request = new JsonObject().put("userId", userId).put("name", "ok");
    assertThat(invalidFields(IdentityAddresses.CREATE_API_TOKEN, request.copy().put("name", "n".repeat(101)))).containsExactly("name");
    assertThat(invalidFields(IdentityAddresses.CREATE_API_TOKEN, request.copy().put("expiresAt", "tomorrow"))).containsExactly("expiresAt");
    assertThat(invalidFields(IdentityAddresses.CREATE_API_TOKEN, request.copy().put("expiresAt", clock.instant().minusSeconds(1).toString())))
        .containsExactly("expiresAt");
    assertThat(ask(IdentityAddresses.CREATE_API_TOKEN, request.copy().putNull("expiresAt")).getString("expiresAt")).isNull();
    assertThat(invalidFields(IdentityAddresses.LIST_API_TOKENS, new JsonObject().put("userId", userId).put("limit", 201))).containsExactly("limit");
    assertThat(invalidFields(IdentityAddresses.LIST_API_TOKENS, new JsonObject().put("userId", userId).put("cursor", "garbage!"))).containsExactly("cursor");
  }

  @Test
  void apiTokenListsPageWithCursors() {
    String userId = verifiedSignUp(uniqueEmail(), "Many tokens").getString("id");
    List<String> createdNewestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      createdNewestFirst.add(0, createApiToken(userId, "token " + i).getString("id"));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = list(userId, cursor, 2);
      page.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("id")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(createdNewestFirst);
  }

  private static JsonObject createApiToken(String userId, String name) {
    return ask(IdentityAddresses.CREATE_API_TOKEN, new JsonObject().put("userId", userId).put("name", name));
  }

  private static JsonObject list(String userId, String cursor, int limit) {
    return ask(IdentityAddresses.LIST_API_TOKENS, new JsonObject().put("userId", userId).put("cursor", cursor).put("limit", limit));
  }

  private static List<String> invalidFields(String address, JsonObject request) {
    Rejection rejection = rejection(address, request);
    assertThat(rejection.code()).isEqualTo(Codes.VALIDATION_FAILED);
    return rejection.errors().stream().map(Rejection.FieldError::field).toList();
  }
}
