package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.server.http.ApiRouter;
import io.atrium.server.testing.Request;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every route × every kind of caller, with the status each must get. A fresh owner (with an API token to
 * act on) is made for each cell, so cells can't disturb each other. The test fails when the router has a
 * route this table lacks.
 */
class AuthorizationMatrixIT {

  enum Caller { ANONYMOUS, OWNER, STRANGER }

  /** What a cell acts on: the resources' owner, and the ids of what they own. */
  record World(TestUser owner, String apiTokenId) {}

  record Row(String route, BiFunction<TestApi, World, Request> request, Map<Caller, Integer> expected) {}

  private static final List<Row> MATRIX = List.of(
      row("POST /users", (api, w) -> api.request("POST", "/api/v1/users").json(new JsonObject()
          .put("email", "matrix-" + UUID.randomUUID() + "@example.com").put("password", "matrix password 123").put("name", "Matrix")),
          201, 201, 201),
      row("POST /sessions", (api, w) -> api.request("POST", "/api/v1/sessions").json(new JsonObject()
          .put("email", w.owner().email()).put("password", w.owner().password())), 201, 201, 201),
      row("DELETE /sessions/current", (api, w) -> api.request("DELETE", "/api/v1/sessions/current"), 401, 204, 204),
      row("GET /me", (api, w) -> api.request("GET", "/api/v1/me"), 401, 200, 200),
      row("PATCH /me", (api, w) -> api.request("PATCH", "/api/v1/me").json(new JsonObject().put("name", "Renamed")), 401, 200, 200),
      row("PUT /me/password", (api, w) -> api.request("PUT", "/api/v1/me/password").json(new JsonObject()
          .put("currentPassword", w.owner().password()).put("newPassword", "another matrix password")), 401, 204, 401),
      row("POST /me/api-tokens", (api, w) -> api.request("POST", "/api/v1/me/api-tokens").json(new JsonObject().put("name", "m")), 401, 201, 201),
      row("GET /me/api-tokens", (api, w) -> api.request("GET", "/api/v1/me/api-tokens"), 401, 200, 200),
      row("DELETE /me/api-tokens/:tokenId", (api, w) -> api.request("DELETE", "/api/v1/me/api-tokens/" + w.apiTokenId()), 401, 204, 404),
      row("GET /openapi.yaml", (api, w) -> api.request("GET", "/api/v1/openapi.yaml"), 200, 200, 200));

  private final TestApi api = TestApi.get();

  @Test
  void everyRouteIsInTheMatrix() {
    Vertx vertx = Vertx.vertx();
    try {
      Set<String> routed = new TreeSet<>(ApiRouter.apiRoutes(vertx, AtriumConfig.load()));
      Set<String> tabled = new TreeSet<>(MATRIX.stream().map(Row::route).toList());
      assertThat(tabled).as("routes of the router missing from the matrix, or stale rows").isEqualTo(routed);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void everyCallerGetsTheExpectedStatus() {
    List<String> outcomes = new ArrayList<>();
    assertSoftly(softly -> {
      for (Row row : MATRIX) {
        for (Caller caller : Caller.values()) {
          World world = newWorld();
          String token = switch (caller) {
            case ANONYMOUS -> null;
            case OWNER -> world.owner().token();
            case STRANGER -> api.newUser("Stranger").token();
          };
          int status = row.request().apply(api, world).token(token).send().status();
          softly.assertThat(status).as("%s as %s", row.route(), caller).isEqualTo(row.expected().get(caller));
          outcomes.add(row.route() + " " + caller + " " + status);
        }
      }
    });
    assertThat(outcomes).hasSize(MATRIX.size() * Caller.values().length);
  }

  private World newWorld() {
    TestUser owner = api.newUser("Owner");
    String tokenId = api.post("/api/v1/me/api-tokens", owner.token(), new JsonObject().put("name", "owned")).expect(201).json().getString("id");
    return new World(owner, tokenId);
  }

  private static Row row(String route, BiFunction<TestApi, World, Request> request, int anonymous, int owner, int stranger) {
    return new Row(route, request,
        Map.of(Caller.ANONYMOUS, anonymous, Caller.OWNER, owner, Caller.STRANGER, stranger));
  }
}
