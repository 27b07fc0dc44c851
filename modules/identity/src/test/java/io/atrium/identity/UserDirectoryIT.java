package io.atrium.identity;

import io.atrium.platform.Codes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What other contexts ask identity: users by ids and by email, and email verification. */
class UserDirectoryIT extends IdentityHarness {

  @Test
  void looksUpUsersInBulkWithoutSecrets() {
    JsonObject ada = signUp(uniqueEmail(), "Ada");
    JsonObject alan = signUp(uniqueEmail(), "Alan");
    JsonObject found = ask(IdentityAddresses.USERS_BY_IDS, new JsonObject().put("ids",
        new JsonArray().add(ada.getString("id")).add(alan.getString("id")).add(UUID.randomUUID().toString())));
    assertThat(found.getJsonArray("items")).hasSize(2);
    assertThat(found.encode()).doesNotContain("argon2").contains(ada.getString("email"), "Alan");
    assertThat(rejection(IdentityAddresses.USERS_BY_IDS, new JsonObject().put("ids", new JsonArray().add("nope"))).code())
        .isEqualTo(Codes.VALIDATION_FAILED);
  }

  @Test
  void findsAUserByEmailInAnyCase() {
    String email = uniqueEmail();
    JsonObject user = signUp(email, "Grace");
    assertThat(ask(IdentityAddresses.USER_BY_EMAIL, new JsonObject().put("email", email.toUpperCase())).getString("id"))
        .isEqualTo(user.getString("id"));
    assertThat(rejection(IdentityAddresses.USER_BY_EMAIL, new JsonObject().put("email", uniqueEmail())).code())
        .isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void marksAnEmailVerified() {
    String id = signUp(uniqueEmail(), "Verified").getString("id");
    ask(IdentityAddresses.MARK_EMAIL_VERIFIED, new JsonObject().put("userId", id));
    assertThat(ask(IdentityAddresses.ME, new JsonObject().put("userId", id)).getBoolean("emailVerified")).isTrue();
  }
}
