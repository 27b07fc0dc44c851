package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each API process keeps the callers of tokens it has seen; a token revoked through one process is refused by another
 * within a second (PostgreSQL notifies every process on commit), and never served from a cache whose notifications
 * could have been missed. The same holds for what the two-factor gate caches.
 */
@org.junit.jupiter.api.Timeout(120)
class RevocationAcrossProcessesIT {

  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final TestApi api = TestApi.get();
  private static final Tenants tenants = new Tenants(api);
  private static final HttpClient http = HttpClient.newHttpClient();
  private static SecondApiProcess other;

  @BeforeAll
  static void start() {
    // Its outbox relay may send the test API's mail (verification, invitations): to the same test mailbox.
    other = SecondApiProcess.listeningBeside(api);
  }

  @AfterAll
  static void stop() {
    other.close();
  }

  @Test
  void aSessionEndedOnOneProcessIsRefusedByTheOtherWithinASecond() {
    TestUser user = api.newUser("Leaving");
    assertThat(me(other.base, user.token())).isEqualTo(200);
    assertThat(me(other.base, user.token())).isEqualTo(200);
    api.request("DELETE", "/api/v1/sessions/current").token(user.token()).send().expect(204);
    report("session ended", refusedWithin(other.base, user.token()));
  }

  @Test
  void anApiTokenDeletedOnOneProcessIsRefusedByTheOtherWithinASecond() {
    TestUser user = api.verifiedEmail(api.newUser("Automating"));
    JsonObject created = api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "ci")).expect(201).json();
    String token = created.getString("token");
    assertThat(me(other.base, token)).isEqualTo(200);
    assertThat(me(other.base, token)).isEqualTo(200);
    api.request("DELETE", "/api/v1/me/api-tokens/" + created.getString("id")).token(user.token()).send().expect(204);
    report("API token deleted", refusedWithin(other.base, token));
    // The user's other token (their session) was dropped from the cache too, and still works.
    assertThat(me(other.base, user.token())).isEqualTo(200);
  }

  @Test
  void anOrganizationRequiringTwoFactorAndAMemberTurningItOnTakeEffectOnTheOtherProcessWithinASecond() {
    TestUser owner = api.newUser("Strict");
    TestUser member = api.newUser("Lax");
    String org = tenants.createOrganization(owner, "Strict Co");
    String ws = tenants.createWorkspace(org, owner, "Vault");
    tenants.joinOrganization(org, owner, member, "admin");
    String orgPath = "/api/v1/organizations/" + org;
    String wsPath = "/api/v1/workspaces/" + ws;
    assertThat(status(other.base, orgPath, member.token())).isEqualTo(200);
    assertThat(status(other.base, wsPath, member.token())).isEqualTo(200);
    api.enrolTotp(owner);
    api.request("PATCH", orgPath).token(owner.token()).json(new JsonObject().put("requireMfa", true)).send().expect(200);
    report("organization requiring two-factor sign-in (its workspace)", within(other.base, wsPath, member.token(), 403));
    assertThat(status(other.base, orgPath, member.token())).isEqualTo(403);
    api.enrolTotp(member);
    report("member turning two-factor sign-in on", within(other.base, wsPath, member.token(), 200));
  }

  @Test
  void aRevocationMadeWhileTheListenConnectionIsDownIsHonoured() {
    TestUser user = api.newUser("Cut off");
    assertThat(me(other.base, user.token())).isEqualTo(200);
    List<Integer> cut = listeners();
    assertThat(cut).as("each API process listens").hasSizeGreaterThanOrEqualTo(2);
    int lost = losses();
    TestDatabase.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)", (Object) cut.toArray(Integer[]::new));
    // Revoked once both processes know (the socket's close reaches them a moment after the backend ends).
    Eventually.holds(Duration.ofSeconds(5), "both processes saw their LISTEN connection close", () -> losses() >= lost + 2);
    api.request("DELETE", "/api/v1/sessions/current").token(user.token()).send().expect(204);
    // Refused at once, and on every try while the listener comes back (it reconnects within a second).
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < until) {
      assertThat(me(other.base, user.token())).as("the revoked session, while LISTEN is down or back").isEqualTo(401);
    }
    assertThat(listeners()).as("both processes listen again").hasSizeGreaterThanOrEqualTo(2).doesNotContainAnyElementsOf(cut);
    // Back to normal: a session used (and cached) now is refused within the bound once ended.
    TestUser again = api.newUser("Reconnected");
    assertThat(me(other.base, again.token())).isEqualTo(200);
    assertThat(me(other.base, again.token())).isEqualTo(200);
    api.request("DELETE", "/api/v1/sessions/current").token(again.token()).send().expect(204);
    report("session ended after the LISTEN reconnected", refusedWithin(other.base, again.token()));
  }

  /** How many times the processes of this JVM logged the loss of their LISTEN connection (the log is shared). */
  private static int losses() {
    return other.log().split("Lost the LISTEN connection", -1).length - 1;
  }

  private static List<Integer> listeners() {
    return TestDatabase.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%atrium_invalidate%'")
        .stream().map((Row row) -> row.getInteger("pid")).toList();
  }

  /** Polls until the token is refused; fails when that takes longer than the bound. */
  private static Duration refusedWithin(URI base, String token) {
    return within(base, "/api/v1/me", token, 401);
  }

  /** Polls until {@code path} answers {@code expected}; fails when that takes longer than the bound. */
  private static Duration within(URI base, String path, String token, int expected) {
    long start = System.nanoTime();
    while (status(base, path, token) != expected) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not yet " + expected + " after").isLessThan(BOUND);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void report(String what, Duration delay) {
    System.out.printf("[revocation] %s: in effect on the other process after %.1f ms%n", what, delay.toNanos() / 1e6);
  }

  private static int me(URI base, String token) {
    return status(base, "/api/v1/me", token);
  }

  private static int status(URI base, String path, String token) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(15)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
