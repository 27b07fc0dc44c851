package io.atrium.server;

import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /me} answers from per-process caches (the caller's profile, their organizations, their workspaces and
 * current one). Every change to what it shows, made through one API process, shows in the very next {@code GET /me}
 * on that process and within a second on another one that had the old answer cached.
 */
@org.junit.jupiter.api.Timeout(180)
class MeAcrossProcessesIT {

  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final TestApi api = TestApi.get();
  private static final Tenants tenants = new Tenants(api);
  private static final HttpClient http = HttpClient.newHttpClient();
  private static SecondApiProcess other;

  @BeforeAll
  static void start() {
    other = SecondApiProcess.listeningBeside(api);
  }

  @AfterAll
  static void stop() {
    other.close();
  }

  @Test
  void everyChangeToWhatMeShowsIsSeenAtOnceHereAndWithinASecondOnTheOtherProcess() {
    TestUser owner = api.newUser("Owner");
    TestUser member = api.newUser("Member");
    cacheOnBothProcesses(owner, member);

    String org = tenants.createOrganization(owner, "Acme");
    seen("organization created", owner, me -> organization(me, org) != null && "owner".equals(organization(me, org).getString("role")));
    String ws = tenants.createWorkspace(org, owner, "Alpha");
    seen("workspace created", owner, me -> workspace(me, ws) != null && "Alpha".equals(workspace(me, ws).getString("name")));

    api.request("PATCH", "/api/v1/me").token(owner.token()).json(new JsonObject().put("name", "Renamed Owner")).send().expect(200);
    seen("user renamed", owner, me -> "Renamed Owner".equals(me.getString("name")));

    tenants.joinOrganization(org, owner, member, "admin");
    seen("joined an organization as admin", member, me -> organization(me, org) != null
        && "admin".equals(organization(me, org).getString("role")) && workspace(me, ws) != null
        && workspace(me, ws).getBoolean("inherited"));

    String memberPath = "/api/v1/organizations/" + org + "/members/" + member.id();
    api.request("PATCH", memberPath).token(owner.token()).json(new JsonObject().put("role", "member")).send().expect(200);
    seen("organization role lowered (the role replica)", member, me -> organization(me, org) != null
        && "member".equals(organization(me, org).getString("role")) && workspace(me, ws) == null);

    api.request("PATCH", "/api/v1/organizations/" + org).token(owner.token()).json(new JsonObject().put("name", "Acme Renamed"))
        .send().expect(200);
    seen("organization renamed", member, me -> "Acme Renamed".equals(organization(me, org).getString("name")));
    seen("organization renamed", owner, me -> "Acme Renamed".equals(organization(me, org).getString("name")));

    tenants.joinWorkspace(ws, owner, member, "viewer");
    seen("joined a workspace", member, me -> workspace(me, ws) != null && "viewer".equals(workspace(me, ws).getString("accessLevel")));
    api.request("PATCH", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(owner.token())
        .json(new JsonObject().put("accessLevel", "member")).send().expect(200);
    seen("workspace access changed", member, me -> "member".equals(workspace(me, ws).getString("accessLevel")));

    api.request("PATCH", "/api/v1/me").token(member.token()).json(new JsonObject().put("currentWorkspaceId", ws)).send().expect(200);
    seen("current workspace chosen", member, me -> ws.equals(me.getString("currentWorkspaceId")));

    api.request("PATCH", "/api/v1/workspaces/" + ws).token(owner.token()).json(new JsonObject().put("name", "Beta")).send().expect(200);
    seen("workspace renamed", member, me -> "Beta".equals(workspace(me, ws).getString("name")));
    seen("workspace renamed", owner, me -> "Beta".equals(workspace(me, ws).getString("name")));

    api.request("DELETE", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(owner.token()).send().expect(204);
    seen("removed from the workspace (and so from the current one)", member,
        me -> workspace(me, ws) == null && me.getValue("currentWorkspaceId") == null);

    api.request("DELETE", memberPath).token(owner.token()).send().expect(204);
    seen("removed from the organization", member, me -> organization(me, org) == null);

    api.request("DELETE", "/api/v1/workspaces/" + ws).token(owner.token()).send().expect(204);
    seen("workspace deleted", owner, me -> workspace(me, ws) == null);
    api.request("DELETE", "/api/v1/organizations/" + org).token(owner.token()).send().expect(204);
    seen("organization deleted", owner, me -> organization(me, org) == null);

    api.verifyEmail(member);
    seen("email verified", member, me -> me.getBoolean("emailVerified"));
    api.enrolTotp(member);
    seen("two-factor sign-in on", member, me -> me.getBoolean("mfaEnabled"));
  }

  /** Both processes answer (and keep) the users' current /me. */
  private static void cacheOnBothProcesses(TestUser... users) {
    for (TestUser user : users) {
      for (URI base : new URI[] {api.base(), other.base}) {
        me(base, user);
        me(base, user);
      }
    }
  }

  /**
   * The change made through the test API shows in the next GET /me there, and within {@link #BOUND} on the other
   * process (polled). The other process's delay is reported, not asserted beyond the bound.
   */
  private static void seen(String what, TestUser user, Predicate<JsonObject> changed) {
    JsonObject here = me(api.base(), user);
    assertThat(changed.test(here)).as(what + ": the next GET /me on the process that made the change answers " + here).isTrue();
    long start = System.nanoTime();
    JsonObject last = me(other.base, user);
    while (!changed.test(last)) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(what + ": not yet seen on the other process, which answers " + last)
          .isLessThan(BOUND);
      last = me(other.base, user);
    }
    System.out.printf("[me] %s: seen on the other process after %.1f ms%n", what, (System.nanoTime() - start) / 1e6);
  }

  private static JsonObject organization(JsonObject me, String id) {
    return find(me.getJsonArray("organizations"), id);
  }

  private static JsonObject workspace(JsonObject me, String id) {
    return find(me.getJsonArray("workspaces"), id);
  }

  private static JsonObject find(JsonArray items, String id) {
    return items.stream().map(JsonObject.class::cast).filter(item -> Objects.equals(id, item.getString("id"))).findFirst().orElse(null);
  }

  private static JsonObject me(URI base, TestUser user) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/me")).header("Authorization", "Bearer " + user.token())
          .timeout(Duration.ofSeconds(15)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET /me on " + base).isEqualTo(200);
      return new JsonObject(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
