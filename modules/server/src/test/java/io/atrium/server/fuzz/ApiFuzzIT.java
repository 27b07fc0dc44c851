package io.atrium.server.fuzz;

import io.atrium.server.fuzz.FuzzRequests.FuzzRequest;
import io.atrium.server.testing.Billing;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of openapi.yaml, called {@value #REQUESTS} times with parameters, headers and bodies generated from
 * its schema and then mostly broken (wrong types, hostile strings, missing or unknown fields, invalid JSON or UTF-8,
 * odd content types and tokens, over-long values). Properties: never a 5xx; every 4xx a problem document with a code
 * and its status; a sentinel workspace of another tenant keeps its balance and billing log; the service stays ready.
 * The generator is our own, driven by one seed: it is printed, and {@code -Datrium.fuzz.seed=<seed>} replays a run;
 * {@code -Datrium.fuzz.requests=<n>} makes a longer one.
 */
class ApiFuzzIT {

  static final int REQUESTS = 5200;
  private static final int CHECK_EVERY = 520;

  @Test
  void theApiRefusesHostileInputWithProblemsAndChangesNothingItShouldNot() throws Exception {
    String configured = System.getProperty("atrium.fuzz.seed");
    long seed = configured == null || configured.isBlank() ? new Random().nextLong() : Long.parseLong(configured.trim());
    System.out.printf("[api fuzz] seed %d (replay: -Datrium.fuzz.seed=%d)%n", seed, seed);
    Fixture fixture = new Fixture(TestApi.get());
    Random random = new Random(seed);
    Map<Integer, Integer> statuses = new TreeMap<>();
    long started = System.nanoTime();
    int requests = Integer.getInteger("atrium.fuzz.requests", REQUESTS);
    for (int sent = 1; sent <= requests; sent++) {
      FuzzRequest request = fixture.requests.next(random);
      HttpResponse<String> response = fixture.send(request);
      int status = response.statusCode();
      statuses.merge(status, 1, Integer::sum);
      String context = "request " + sent + " of seed " + seed + ": " + request + " answered " + status + " " + response.body();
      if (!dnsUnanswered(request, status, response.body())) {
        assertThat(status).as(context).isLessThan(500);
      }
      if (status >= 400) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(context).startsWith("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("code")).as(context).isNotBlank();
        assertThat(problem.getInteger("status")).as(context).isEqualTo(status);
      }
      if (sent % CHECK_EVERY == 0) {
        fixture.assertUntouchedAndReady("after request " + sent + " of seed " + seed);
      }
      if (status == 204 && request.operation().equals("DELETE /sessions/current")) {
        fixture.renewTokens();
      }
    }
    fixture.assertUntouchedAndReady("at the end of seed " + seed);
    System.out.printf("[api fuzz] %d requests over %d operations in %d s, seed %d, statuses %s%n", requests,
        new OpenApiOperations().all().size(), (System.nanoTime() - started) / 1_000_000_000L, seed, statuses);
  }

  /**
   * Verifying a claimed domain asks DNS, and the test's DNS server (dnsmasq, no upstream) refuses names outside its own
   * zone, such as a fuzzed {@code example.com}: the API then rightly answers 503 {@code unavailable} ("try again later"),
   * the answer it gives when a real resolver fails. That is the service's state, not the input's fault.
   */
  private static boolean dnsUnanswered(FuzzRequest request, int status, String body) {
    return status == 503 && request.operation().equals("POST /organizations/{orgId}/domains/{domain}/verify")
        && body.contains("\"code\":\"unavailable\"") && body.contains("DNS lookup");
  }

  /** The caller's own tenant to aim at, a sentinel tenant to leave alone, and the generator over openapi.yaml. */
  static final class Fixture {

    private final TestApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestUser sentinelOwner;
    private final List<TestUser> callers;
    /** Renewed now and then: a fuzzed sign-out or token revocation must not leave the rest of the run at 401. */
    private final List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String sentinelWorkspace;
    private final JsonObject sentinelBefore;
    final FuzzRequests requests;

    Fixture(TestApi api) {
      this.api = api;
      Tenants tenants = new Tenants(api);
      TestUser fuzzer = api.verifiedEmail(api.newUser("Fuzzer"));
      TestUser colleague = api.newUser("Colleague");
      String org = tenants.createOrganization(fuzzer, "Fuzzed");
      tenants.joinOrganization(org, fuzzer, colleague, "member");
      String workspace = tenants.createWorkspace(org, fuzzer, "Fuzzed");
      String orgInvitation = api.post("/api/v1/organizations/" + org + "/invitations", fuzzer.token(),
          new JsonObject().put("email", Tenants.freshEmail()).put("role", "member")).expect(201).json().getString("id");
      String apiToken = api.post("/api/v1/me/api-tokens", fuzzer.token(), new JsonObject().put("name", "fuzz")).expect(201).json().getString("id");
      sentinelOwner = api.newUser("Sentinel");
      String sentinelOrg = tenants.createOrganization(sentinelOwner, "Sentinel");
      sentinelWorkspace = tenants.createWorkspace(sentinelOrg, sentinelOwner, "Sentinel");
      new Billing(api).fund(sentinelOwner.token(), sentinelWorkspace, "100.00");
      sentinelBefore = sentinelState();
      List<String> ids = List.of(org, workspace, orgInvitation, apiToken, fuzzer.id(), colleague.id(), sentinelOrg, sentinelWorkspace,
          sentinelOwner.id());
      OpenApiOperations spec = new OpenApiOperations();
      // The fuzzer calls as itself (session or API token) or as its colleague, never as the sentinel's owner.
      callers = List.of(fuzzer, fuzzer, colleague);
      renewTokens();
      requests = new FuzzRequests(spec.all(), new SchemaValues(spec::resolve, ids), tokens);
    }

    void renewTokens() {
      List<String> fresh = callers.stream().map(user -> api.post("/api/v1/sessions", null,
          new JsonObject().put("email", user.email()).put("password", user.password())).expect(201).json().getString("token")).toList();
      tokens.clear();
      tokens.addAll(fresh);
    }

    HttpResponse<String> send(FuzzRequest request) throws Exception {
      HttpRequest.Builder builder = HttpRequest.newBuilder(api.base().resolve(request.target())).timeout(Duration.ofSeconds(30))
          .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(builder::header);
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sentinel's balance and billing log, and readiness: what no refused request may change or break. */
    void assertUntouchedAndReady(String when) {
      assertThat(sentinelState()).as("sentinel workspace changed, " + when).isEqualTo(sentinelBefore);
      assertThat(api.get("/health/ready", null).status()).as("not ready " + when).isEqualTo(200);
    }

    private JsonObject sentinelState() {
      String base = "/api/v1/workspaces/" + sentinelWorkspace + "/billing";
      return new JsonObject()
          .put("balance", api.get(base, sentinelOwner.token()).expect(200).json().getString("balance"))
          .put("log", api.get(base + "/log?limit=200", sentinelOwner.token()).expect(200).json().getJsonArray("items"));
    }
  }
}
