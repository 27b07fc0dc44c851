package io.atrium.server.fuzz;

import io.atrium.server.fuzz.FuzzRequests.FuzzRequest;
import io.atrium.server.testing.Billing;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.Tenants;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of openapi.yaml, called {@value #REQUESTS} times with parameters, headers and bodies generated from
 * its schema and then mostly broken (wrong types, hostile strings, missing or unknown fields, invalid JSON or UTF-8,
 * odd content types and tokens, over-long values). Properties: never a 5xx; every 4xx a problem document with a code
 * and its status; a sentinel workspace of another tenant keeps its balance and billing log; the service stays ready.
 * The seed is printed; {@code @Property(seed = "...")} replays a run.
 */
class ApiFuzzIT {

  static final int REQUESTS = 5200;
  private static final int CHECK_EVERY = 520;
  private static final AtomicInteger sent = new AtomicInteger();
  private static final java.util.Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
  private static Fixture fixture;

  @AddLifecycleHook(SeedReport.class)
  @Property(tries = REQUESTS, shrinking = ShrinkingMode.OFF, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
  void theApiRefusesHostileInputWithProblemsAndChangesNothingItShouldNot(@ForAll("requests") FuzzRequest request) throws Exception {
    HttpResponse<String> response = fixture().send(request);
    int count = sent.incrementAndGet();
    int status = response.statusCode();
    statuses.merge(status, 1, Integer::sum);
    assertThat(status).as("server error for %s: %s", request, response.body()).isLessThan(500);
    if (status >= 400) {
      assertThat(response.headers().firstValue("Content-Type").orElse("")).as("%s answered %s", request, response.body())
          .startsWith("application/problem+json");
      JsonObject problem = new JsonObject(response.body());
      assertThat(problem.getString("code")).as("%s answered %s", request, response.body()).isNotBlank();
      assertThat(problem.getInteger("status")).as("%s answered %s", request, response.body()).isEqualTo(status);
    }
    if (count % CHECK_EVERY == 0) {
      fixture().assertUntouchedAndReady(request);
    }
    if (status == 204 && request.operation().equals("DELETE /sessions/current")) {
      fixture().renewTokens();
    }
  }

  @Provide
  Arbitrary<FuzzRequest> requests() {
    return Arbitraries.randomValue(random -> fixture().requests.next(random));
  }

  private static synchronized Fixture fixture() {
    if (fixture == null) {
      fixture = new Fixture(TestApi.get());
    }
    return fixture;
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
      TestUser fuzzer = api.newUser("Fuzzer");
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
    void assertUntouchedAndReady(FuzzRequest last) {
      assertThat(sentinelState()).as("sentinel workspace changed by %d requests, the last %s", sent.get(), last).isEqualTo(sentinelBefore);
      assertThat(api.get("/health/ready", null).status()).as("not ready after %d requests", sent.get()).isEqualTo(200);
    }

    private JsonObject sentinelState() {
      String base = "/api/v1/workspaces/" + sentinelWorkspace + "/billing";
      return new JsonObject()
          .put("balance", api.get(base, sentinelOwner.token()).expect(200).json().getString("balance"))
          .put("log", api.get(base + "/log?limit=200", sentinelOwner.token()).expect(200).json().getJsonArray("items"));
    }
  }

  /** Prints the request count, the seed and the wall time of every run, passed or failed. */
  public static final class SeedReport implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      long started = System.nanoTime();
      PropertyExecutionResult result = property.execute();
      if (result.status() == PropertyExecutionResult.Status.SUCCESSFUL) {
        fixture().assertUntouchedAndReady(null);
      }
      System.out.printf("[api fuzz] %d requests over %d operations in %d s, seed %s (%s), statuses %s; replay: @Property(seed = \"%s\")%n",
          sent.get(), new OpenApiOperations().all().size(), (System.nanoTime() - started) / 1_000_000_000L, result.seed().orElse("?"),
          result.status(), statuses, result.seed().orElse("?"));
      return result;
    }
  }
}
