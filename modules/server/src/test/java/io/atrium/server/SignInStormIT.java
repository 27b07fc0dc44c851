package io.atrium.server;

import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anyone can fire sign-ins without an account: a storm of them is refused with 503 when the password hashing queue is
 * full, and never stalls the rest of the API. The probe's latency is printed, not asserted (it depends on the machine).
 */
class SignInStormIT {

  private static final int USERS = 4;

  private final TestApi api = TestApi.get();
  // HTTP/1.1, one connection per concurrent request, as a storm of separate clients would arrive.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @ParameterizedTest(name = "{0} concurrent sign-ins")
  @ValueSource(ints = {16, 64})
  void aSignInStormIsRefusedWith503AndNeverStallsTheApi(int concurrent) throws Exception {
    List<TestUser> users = IntStream.range(0, USERS).mapToObj(i -> api.newUser("Storm")).toList();
    List<Long> atRest = probe(200, new AtomicBoolean(false));

    AtomicBoolean stormOver = new AtomicBoolean(false);
    ExecutorService threads = Executors.newFixedThreadPool(concurrent + 1);
    try {
      Future<List<Long>> underStorm = threads.submit(() -> probe(Integer.MAX_VALUE, stormOver));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> signIns = new ArrayList<>();
      for (int i = 0; i < concurrent; i++) {
        TestUser user = users.get(i % USERS);
        signIns.add(threads.submit(() -> {
          start.await();
          return send(HttpRequest.newBuilder(api.base().resolve("/api/v1/sessions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", user.email()).put("password", user.password()).encode())));
        }));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> signIn : signIns) {
        answers.add(signIn.get());
      }
      stormOver.set(true);
      List<Long> probes = underStorm.get();

      long succeeded = answers.stream().filter(a -> a.statusCode() == 201).count();
      System.out.printf("sign-in storm of %d: %d signed in, %d refused; /health/live at rest p99 %.1f ms max %.1f ms;"
              + " during the storm (%d probes) p99 %.1f ms max %.1f ms%n", concurrent, succeeded, answers.size() - succeeded,
          percentile(atRest, 99), percentile(atRest, 100), probes.size(), percentile(probes, 99), percentile(probes, 100));
      for (HttpResponse<String> answer : answers) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(201, 503);
        if (answer.statusCode() == 503) {
          assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
          assertThat(new JsonObject(answer.body()).getString("code")).isEqualTo("unavailable");
          assertThat(answer.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
        } else {
          assertThat(new JsonObject(answer.body()).getString("token")).isNotBlank();
        }
      }
      assertThat(succeeded).isPositive();
    } finally {
      stormOver.set(true);
      threads.shutdownNow();
    }
  }

  /** Calls {@code GET /health/live} until {@code count} calls or until {@code over}; every answer must be 200. */
  private List<Long> probe(int count, AtomicBoolean over) throws Exception {
    List<Long> nanos = new ArrayList<>();
    HttpRequest.Builder live = HttpRequest.newBuilder(api.base().resolve("/health/live")).GET();
    for (int i = 0; i < count && !over.get(); i++) {
      long started = System.nanoTime();
      HttpResponse<String> answer = send(live);
      nanos.add(System.nanoTime() - started);
      assertThat(answer.statusCode()).as("probe %d answered %s", i, answer.body()).isEqualTo(200);
      Thread.sleep(5);
    }
    return nanos;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double percentile(List<Long> nanos, int percent) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int index = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
    return sorted.isEmpty() ? Double.NaN : sorted.get(index) / 1_000_000.0;
  }
}
