package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.server.http.ApiRouter;
import io.atrium.server.testing.Request;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.Tenants.Cast;
import io.atrium.server.testing.Tenants.World;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static io.atrium.server.AuthorizationMatrix.ROWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Every route × every kind of caller (API.md's roles and access levels, a user of another tenant, and
 * nobody), each with the status it must get; the table is {@link AuthorizationMatrix}. The test fails when
 * the router has a route the table lacks.
 */
class AuthorizationMatrixIT {

  private static final TestApi api = TestApi.get();
  private static final Tenants tenants = new Tenants(api);
  private static Cast cast;

  @BeforeAll
  static void cast() {
    cast = tenants.cast();
  }

  @Test
  void everyRouteIsInTheMatrix() {
    Vertx vertx = Vertx.vertx();
    try {
      Set<String> routed = new TreeSet<>(ApiRouter.apiRoutes(vertx, AtriumConfig.load()));
      // A route may have several rows (different bodies), told apart by a note in parentheses.
      Set<String> tabled = new TreeSet<>(ROWS.stream().map(row -> row.route().replaceFirst(" \\(.*\\)$", "")).toList());
      assertThat(tabled).as("the router's routes and the matrix's rows").isEqualTo(routed);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void everyCallerGetsTheExpectedStatus() {
    assertSoftly(softly -> {
      for (AuthorizationMatrix.Row row : ROWS) {
        World shared = row.mode() == AuthorizationMatrix.Mode.SHARED ? tenants.world(cast) : null;
        for (AuthorizationMatrix.Caller caller : AuthorizationMatrix.Caller.values()) {
          World world = shared != null ? shared : tenants.world(cast);
          TestUser user = caller(caller, row.mode());
          AuthorizationMatrix.Cell cell = new AuthorizationMatrix.Cell(api, tenants, cast, world,
              row.mode() == AuthorizationMatrix.Mode.SELF ? user : null);
          Request request = row.request().apply(cell);
          int status = request.token(user == null ? null : user.token()).send().status();
          softly.assertThat(status).as("%s as %s", row.route(), caller).isEqualTo(row.expected(caller));
        }
      }
    });
  }

  /** Issue 15's proof of the billing level, kept true in the table itself: it tops up, and it creates no server. */
  @Test
  void theBillingLevelTopsUpButCreatesNoServer() {
    assertThat(expected("POST /workspaces/:wsId/billing/top-ups", AuthorizationMatrix.Caller.WS_BILLING)).isEqualTo(202);
    assertThat(expected("POST /workspaces/:wsId/resources", AuthorizationMatrix.Caller.WS_BILLING)).isEqualTo(403);
    assertThat(expected("POST /workspaces/:wsId/billing/top-ups", AuthorizationMatrix.Caller.WS_MEMBER)).isEqualTo(403);
    assertThat(expected("POST /workspaces/:wsId/resources", AuthorizationMatrix.Caller.WS_MEMBER)).isEqualTo(201);
  }

  private static int expected(String route, AuthorizationMatrix.Caller caller) {
    return ROWS.stream().filter(row -> row.route().equals(route)).findFirst().orElseThrow().expected(caller);
  }

  /** The calling user; for rows acting on the caller's own account a new one, so the cast stays signed in. */
  private static TestUser caller(AuthorizationMatrix.Caller caller, AuthorizationMatrix.Mode mode) {
    if (caller == AuthorizationMatrix.Caller.ANONYMOUS) {
      return null;
    }
    if (mode == AuthorizationMatrix.Mode.SELF) {
      return api.newUser("Self");
    }
    Function<Cast, TestUser> part = caller.part();
    return part.apply(cast);
  }
}
