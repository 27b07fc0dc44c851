package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret in metrics or logs, and sign-in limits that slow a guesser without locking out the people who share
 * its address. Runs against a {@link SecondApiProcess} behind a trusted proxy with the shipped login limits.
 */
@org.junit.jupiter.api.Timeout(120)
class SecretsAndLoginLimitsIT {

  private static final TestApi api = TestApi.get();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static SecondApiProcess process;

  @BeforeAll
  static void start() {
    process = new SecondApiProcess();
  }

  @AfterAll
  static void stop() {
    process.close();
  }

  @Test
  void theDatabasePasswordIsInNeitherMetricsNorTheLog() throws Exception {
    TestUser user = api.newUser("Scraped");
    assertThat(signIn(process.base, user, user.password(), null).statusCode()).isEqualTo(201);
    assertThat(signIn(process.base, user, "wrong password!", null).statusCode()).isEqualTo(401);
    get(process.base.resolve("/api/v1/nowhere"));
    String metrics = process.metrics();
    assertThat(metrics).contains("pool_name=\"atrium-pg:postgres@").contains("vertx_sql_");
    assertThat(metrics).doesNotContain(process.password);
    assertThat(process.log()).contains("Management (metrics, health)").doesNotContain(process.password);
    assertThat(get(process.base.resolve("/metrics")).statusCode()).isEqualTo(404);
  }

  @Test
  void oneAddressGuessingOnOneAccountDoesNotLockOutTheOthers() throws Exception {
    TestUser a = api.newUser("Alice");
    TestUser b = api.newUser("Bob");
    String attacker = "203.0.113.7";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      statuses.add(signIn(process.base, a, "guess number " + i, attacker).statusCode());
    }
    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 20)).containsOnly(429);
    // Bob shares the address (a NAT, a proxy) and never failed: his right password signs in.
    assertThat(signIn(process.base, b, b.password(), attacker).statusCode()).isEqualTo(201);
    // Alice's account is still slowed from that address, even with her right password...
    HttpResponse<String> slowed = signIn(process.base, a, a.password(), attacker);
    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
    assertThat(new JsonObject(slowed.body()).getString("code")).isEqualTo("rate_limited");
    // ...but Alice herself, elsewhere, is not locked out by the guesser.
    assertThat(signIn(process.base, a, a.password(), "198.51.100.20").statusCode()).isEqualTo(201);
  }

  @Test
  void anAddressOverItsLimitIsSlowedOnlyOnAccountsItFailedOn() throws Exception {
    String stuffer = "203.0.113.50";
    List<TestUser> victims = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TestUser victim = api.newUser("Victim");
      victims.add(victim);
      assertThat(signIn(process.base, victim, "leaked password " + i, stuffer).statusCode()).isEqualTo(401);
    }
    assertThat(signIn(process.base, victims.get(0), victims.get(0).password(), stuffer).statusCode()).isEqualTo(429);
    TestUser neighbour = api.newUser("Neighbour");
    assertThat(signIn(process.base, neighbour, neighbour.password(), stuffer).statusCode()).isEqualTo(201);
    assertThat(signIn(process.base, victims.get(0), victims.get(0).password(), "198.51.100.21").statusCode()).isEqualTo(201);
  }

  @Test
  void guessesSpreadOverManyAddressesStillMeetTheAccountsLimit() throws Exception {
    TestUser target = api.newUser("Target");
    for (int address = 1; address <= 6; address++) {
      for (int i = 0; i < 5; i++) {
        assertThat(signIn(process.base, target, "guess " + address + "." + i, "192.0.2." + address).statusCode()).isEqualTo(401);
      }
    }
    assertThat(signIn(process.base, target, target.password(), "192.0.2.99").statusCode()).isEqualTo(429);
  }

  @Test
  void forwardedForIsIgnoredFromAnUntrustedPeer() throws Exception {
    // The shared test API trusts no proxy: every attempt counts under 127.0.0.1, whatever the header says.
    TestUser user = api.newUser("Spoofer");
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(api.base(), user, "guess " + i, "192.0.2." + (10 + i)).statusCode()).isEqualTo(401);
    }
    assertThat(signIn(api.base(), user, user.password(), "192.0.2.200").statusCode()).isEqualTo(429);
  }

  private static HttpResponse<String> signIn(URI base, TestUser user, String password, String forwardedFor) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/sessions")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", user.email()).put("password", password).encode()));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", "198.18.0.1, " + forwardedFor);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
