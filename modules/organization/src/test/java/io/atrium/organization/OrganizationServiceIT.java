package io.atrium.organization;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Codes;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.Rejection;
import io.atrium.platform.testing.Rejections;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class OrganizationServiceIT {

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    AtriumConfig config = TestServices.get().config();
    Migrations.apply(vertx, config, List.of(OrganizationVerticle.CHANGELOG)).await();
    pool = Database.pool(vertx, config);
    vertx.deployVerticle(new OrganizationVerticle(pool, Clock.systemUTC())).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void createMakesTheCreatorOwnerAndListsByName() {
    String userId = UUID.randomUUID().toString();
    JsonObject zeta = ask(OrganizationAddresses.CREATE, new JsonObject().put("ownerId", userId).put("name", "  Zeta "));
    ask(OrganizationAddresses.CREATE, new JsonObject().put("ownerId", userId).put("name", "Alpha"));

    assertThat(zeta.getString("name")).isEqualTo("Zeta");
    assertThat(zeta.getString("createdAt")).endsWith("Z");
    JsonObject memberships = ask(OrganizationAddresses.MEMBERSHIPS_OF_USER, new JsonObject().put("userId", userId));
    assertThat(memberships.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("Alpha", "Zeta");
    assertThat(memberships.getJsonArray("items").getJsonObject(1))
        .isEqualTo(new JsonObject().put("id", zeta.getString("id")).put("name", "Zeta").put("role", "owner"));
  }

  @Test
  void rejectsBlankOrLongNamesAndBadOwners() {
    String userId = UUID.randomUUID().toString();
    assertThat(rejection(OrganizationAddresses.CREATE, new JsonObject().put("ownerId", userId).put("name", "  ")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("name");
    assertThat(rejection(OrganizationAddresses.CREATE, new JsonObject().put("ownerId", userId).put("name", "x".repeat(201))).code())
        .isEqualTo(Codes.VALIDATION_FAILED);
    assertThat(rejection(OrganizationAddresses.CREATE, new JsonObject().put("ownerId", "nope").put("name", "A")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("ownerId");
  }

  private static JsonObject ask(String address, JsonObject body) {
    return Bus.request(vertx, address, body).await();
  }

  private static Rejection rejection(String address, JsonObject body) {
    return Rejections.rejectionOf(Bus.request(vertx, address, body));
  }
}
