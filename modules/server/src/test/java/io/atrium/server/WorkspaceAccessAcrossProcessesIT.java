package io.atrium.server;

import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestDatabase;
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
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each API process caches who may see which workspace ({@code GET /workspaces/{id}}, and the access check of usage
 * ingest). Access removed through one process (a direct membership, an organization role, the workspace itself) is
 * refused by the next request there and within a second by another process that had it cached; access granted
 * through one process is seen the same way by a process that had cached its absence.
 */
@org.junit.jupiter.api.Timeout(180)
class WorkspaceAccessAcrossProcessesIT {

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
  void aMemberAddedThenRemovedOnOneProcessIsSeenOnTheOtherWithinASecond() {
    TestUser owner = api.newUser("Access Owner");
    TestUser member = api.newUser("Access Member");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Access Co"), owner, "Shared");
    // No access yet (an answer the cache never keeps, so the grant is seen at once).
    assertThat(get(other.base, ws, member)).isEqualTo(404);
    assertThat(usage(other.base, ws, member)).isEqualTo(404);
    assertThat(get(other.base, ws, member)).isEqualTo(404);
    tenants.joinWorkspace(ws, owner, member, "member");
    report("membership granted", within(ws, member, 200, 202));
    cached(ws, member);

    api.request("DELETE", "/api/v1/workspaces/" + ws + "/members/" + member.id()).token(owner.token()).send().expect(204);
    assertThat(get(api.base(), ws, member)).as("the next request on the process that removed them").isEqualTo(404);
    report("membership removed", within(ws, member, 404, 404));
  }

  @Test
  void anOrganizationAdminLoweredToMemberLosesTheInheritedAccessOnTheOtherProcessWithinASecond() {
    TestUser owner = api.newUser("Org Owner");
    TestUser admin = api.newUser("Org Admin");
    String org = tenants.createOrganization(owner, "Inherited Co");
    String ws = tenants.createWorkspace(org, owner, "Inherited");
    tenants.joinOrganization(org, owner, admin, "admin");
    cached(ws, admin);

    api.request("PATCH", "/api/v1/organizations/" + org + "/members/" + admin.id()).token(owner.token())
        .json(new JsonObject().put("role", "member")).send().expect(200);
    assertThat(get(api.base(), ws, admin)).as("the next request on the process that changed the role").isEqualTo(404);
    report("organization role lowered (the role replica)", within(ws, admin, 404, 404));
  }

  @Test
  void aDeletedWorkspaceIsRefusedOnTheOtherProcessWithinASecond() {
    TestUser owner = api.newUser("Deleting Owner");
    TestUser member = api.newUser("Deleted Member");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Deleting Co"), owner, "Doomed");
    tenants.joinWorkspace(ws, owner, member, "member");
    // Read only: usage charged would leave a balance, and a workspace with one cannot be deleted. The usage check
    // reads the same cached entry.
    for (TestUser user : new TestUser[] {owner, member}) {
      for (URI base : new URI[] {other.base, api.base()}) {
        assertThat(get(base, ws, user)).isEqualTo(200);
        assertThat(get(base, ws, user)).isEqualTo(200);
      }
    }

    api.request("DELETE", "/api/v1/workspaces/" + ws).token(owner.token()).send().expect(204);
    assertThat(get(api.base(), ws, owner)).as("the next request on the process that deleted it").isEqualTo(404);
    report("workspace deleted (its owner)", within(ws, owner, 404, 404));
    report("workspace deleted (a direct member)", within(ws, member, 404, 404));
  }

  /**
   * A deletion's notice to its members and organization is addressed from the rows the deleting transaction reads, so
   * a role given in the same instant could miss it: the deletion also tells every process that the workspace changed.
   * Here the addressed notice is switched off for the deletion alone (in its own transaction), and the other must do.
   */
  @Test
  void aDeletionReachesEveryProcessEvenWhenNoUserIsAddressed() {
    TestUser owner = api.newUser("Unaddressed Owner");
    TestUser member = api.newUser("Unaddressed Member");
    String ws = tenants.createWorkspace(tenants.createOrganization(owner, "Unaddressed Co"), owner, "Raced");
    tenants.joinWorkspace(ws, owner, member, "member");
    cached(ws, member);

    TestDatabase.query("DO $$ BEGIN ALTER TABLE workspace.workspaces DISABLE TRIGGER workspaces_notify_changed; "
        + "UPDATE workspace.workspaces SET deleted_at = now() WHERE id = '" + UUID.fromString(ws) + "'; "
        + "ALTER TABLE workspace.workspaces ENABLE TRIGGER workspaces_notify_changed; END $$");
    report("workspace deleted, no user addressed", within(ws, member, 404, 404));
  }

  /** Both requests answer on both processes, twice (so the second comes from each one's cache). */
  private static void cached(String ws, TestUser user) {
    for (int i = 0; i < 2; i++) {
      assertThat(get(other.base, ws, user)).as("GET /workspaces/{id} on the other process").isEqualTo(200);
      assertThat(usage(other.base, ws, user)).as("POST /workspaces/{id}/usage on the other process").isEqualTo(202);
      assertThat(get(api.base(), ws, user)).as("GET /workspaces/{id} on the process that will change it").isEqualTo(200);
    }
  }

  /**
   * Polls the other process until both the read and a usage request answer as expected; fails when that takes longer
   * than {@link #BOUND}.
   */
  private static Duration within(String ws, TestUser user, int read, int ingest) {
    long start = System.nanoTime();
    int got = get(other.base, ws, user);
    int posted = usage(other.base, ws, user);
    while (got != read || posted != ingest) {
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the other process still answers GET %d and usage %d after", got, posted).isLessThan(BOUND);
      got = get(other.base, ws, user);
      posted = usage(other.base, ws, user);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void report(String what, Duration delay) {
    System.out.printf("[workspace access] %s: in effect on the other process after %.1f ms%n", what, delay.toNanos() / 1e6);
  }

  private static int get(URI base, String ws, TestUser user) {
    return send(HttpRequest.newBuilder(base.resolve("/api/v1/workspaces/" + ws)).GET(), user);
  }

  /** One event (a fresh id each time) on the system clock: the other process runs on it, not the test API's. */
  private static int usage(URI base, String ws, TestUser user) {
    JsonObject event = new JsonObject().put("id", "access-" + UUID.randomUUID()).put("meter", "egress-gb").put("quantity", "1")
        .put("occurredAt", Instant.now().toString());
    String body = new JsonObject().put("events", new JsonArray().add(event)).encode();
    return send(HttpRequest.newBuilder(base.resolve("/api/v1/workspaces/" + ws + "/usage"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), user);
  }

  private static int send(HttpRequest.Builder request, TestUser user) {
    try {
      return http.send(request.header("Authorization", "Bearer " + user.token()).timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
