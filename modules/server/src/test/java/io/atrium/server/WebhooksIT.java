package io.atrium.server;

import io.atrium.server.testing.Eventually;
import io.atrium.server.testing.Tenants;
import io.atrium.server.testing.TestApi;
import io.atrium.server.testing.TestApi.TestUser;
import io.atrium.server.testing.WebhookReceiver;
import io.atrium.server.testing.WebhookReceiver.Received;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Webhooks": endpoints, Standard Webhooks signatures checked by the reference implementation, retries, rotation, disabling. */
class WebhooksIT {

  private static final TestApi api = TestApi.get();
  private static final Tenants tenants = new Tenants(api);
  private static final WebhookReceiver receiver = new WebhookReceiver();

  @BeforeEach
  void clockIsNow() {
    api.clock.set(Instant.now());
  }

  @AfterAll
  static void stop() {
    api.clock.set(Instant.now());
    receiver.close();
  }

  @Test
  void anEndpointIsCreatedWithItsSecretShownOnceAndListedWithout() {
    TestUser owner = api.newUser("Hook Owner");
    String orgId = tenants.createOrganization(owner, "Hooks");
    String wsId = tenants.createWorkspace(orgId, owner, "Production");

    JsonObject created = create(owner, orgId, new JsonObject().put("url", receiver.url("/created"))
        .put("events", new JsonArray().add("top_up.failed").add("workspace.suspended")).put("workspaceIds", new JsonArray().add(wsId)))
        .expect(201).json();
    assertThat(created.fieldNames()).containsExactlyInAnyOrder("id", "url", "events", "workspaceIds", "secret", "enabled", "createdAt");
    assertThat(created.getString("url")).isEqualTo(receiver.url("/created"));
    assertThat(created.getJsonArray("events")).containsExactly("top_up.failed", "workspace.suspended");
    assertThat(created.getJsonArray("workspaceIds")).containsExactly(wsId);
    assertThat(created.getBoolean("enabled")).isTrue();
    String secret = created.getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 32);

    String path = "/api/v1/organizations/" + orgId + "/webhooks";
    JsonObject read = api.get(path + "/" + created.getString("id"), owner.token()).expect(200).json();
    assertThat(read.containsKey("secret")).isFalse();
    assertThat(read.getString("id")).isEqualTo(created.getString("id"));
    JsonObject listed = api.get(path, owner.token()).expect(200).json();
    assertThat(listed.getJsonArray("items")).hasSize(1);
    assertThat(listed.getJsonArray("items").getJsonObject(0).containsKey("secret")).isFalse();
    assertThat(listed.getValue("nextCursor")).isNull();
    assertThat(api.get(path + "?limit=1", owner.token()).expect(200).json().getJsonArray("items")).hasSize(1);

    JsonObject changed = api.request("PATCH", path + "/" + created.getString("id")).token(owner.token())
        .json(new JsonObject().put("enabled", false).put("workspaceIds", null)).send().expect(200).json();
    assertThat(changed.getBoolean("enabled")).isFalse();
    assertThat(changed.getJsonArray("workspaceIds")).isEmpty();
    assertThat(changed.getJsonArray("events")).containsExactly("top_up.failed", "workspace.suspended");
    api.post(path + "/" + created.getString("id") + "/test", owner.token(), new JsonObject()).expectProblem(409, "conflict");

    api.request("DELETE", path + "/" + created.getString("id")).token(owner.token()).send().expect(204);
    api.get(path + "/" + created.getString("id"), owner.token()).expectProblem(404, "not_found");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndForeignIdsAreNotFound() {
    TestUser owner = api.newUser("Strict Owner");
    String orgId = tenants.createOrganization(owner, "Strict");
    TestUser other = api.newUser("Other Owner");
    String otherOrg = tenants.createOrganization(other, "Other");
    String foreignWorkspace = tenants.createWorkspace(otherOrg, other, "Theirs");
    JsonArray events = new JsonArray().add("webhook.test");

    create(owner, orgId, new JsonObject().put("url", "not a url").put("events", events)).expectInvalid("url");
    create(owner, orgId, new JsonObject().put("url", "ftp://hooks.example.com/x").put("events", events)).expectInvalid("url");
    // The development switch allows local hosts, never plain http to a public one.
    create(owner, orgId, new JsonObject().put("url", "http://hooks.example.com/x").put("events", events)).expectInvalid("url");
    create(owner, orgId, new JsonObject().put("events", events)).expectInvalid("url");
    create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", new JsonArray())).expectInvalid("events");
    create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", new JsonArray().add("top_up.failed").add("top_up.refunded")))
        .expectInvalid("events[1]");
    create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", "top_up.failed")).expectInvalid("events");
    create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", events).put("workspaceIds", new JsonArray().add("nope")))
        .expectInvalid("workspaceIds[0]");
    create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", events).put("workspaceIds", new JsonArray().add(foreignWorkspace)))
        .expectProblem(404, "not_found");
    create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", events)
        .put("workspaceIds", new JsonArray().add(UUID.randomUUID().toString()))).expectProblem(404, "not_found");
    create(owner, otherOrg, new JsonObject().put("url", receiver.url("/x")).put("events", events)).expectProblem(404, "not_found");
    assertThat(api.get("/api/v1/organizations/" + orgId + "/webhooks", owner.token()).expect(200).json().getJsonArray("items")).isEmpty();

    String id = create(owner, orgId, new JsonObject().put("url", receiver.url("/x")).put("events", events)).expect(201).json().getString("id");
    api.get("/api/v1/organizations/" + otherOrg + "/webhooks/" + id, other.token()).expectProblem(404, "not_found");
    api.get("/api/v1/organizations/" + orgId + "/webhooks/" + id, other.token()).expectProblem(404, "not_found");
    api.request("PATCH", "/api/v1/organizations/" + orgId + "/webhooks/" + id).token(owner.token())
        .json(new JsonObject().put("events", new JsonArray().add(7))).send().expectInvalid("events[0]");
    api.post("/api/v1/organizations/" + orgId + "/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver", owner.token(),
        new JsonObject()).expectProblem(404, "not_found");
    api.get("/api/v1/organizations/" + orgId + "/webhooks/" + id + "/deliveries?cursor=garbage", owner.token()).expectInvalid("cursor");
    // A cursor of our shape whose parts are no time and id is a field error too, never a server error.
    String crafted = Base64.getUrlEncoder().withoutPadding().encodeToString("[\"yesterday\",\"nobody\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    api.get("/api/v1/organizations/" + orgId + "/webhooks/" + id + "/deliveries?cursor=" + crafted, owner.token()).expectInvalid("cursor");
    api.get("/api/v1/organizations/" + orgId + "/webhooks?cursor=" + crafted, owner.token()).expectInvalid("cursor");
  }

  @Test
  void aFailingReceiverGetsTheEventAgainUnderOneIdUntilItTakesIt() {
    TestUser owner = api.newUser("Retry Owner");
    String orgId = tenants.createOrganization(owner, "Retries");
    String path = "/retry-" + UUID.randomUUID();
    receiver.answerInTurn(path, 500, 500);
    JsonObject hook = create(owner, orgId, new JsonObject().put("url", receiver.url(path)).put("events", new JsonArray().add("webhook.test")))
        .expect(201).json();
    String webhook = "/api/v1/organizations/" + orgId + "/webhooks/" + hook.getString("id");
    String eventId = api.post(webhook + "/test", owner.token(), new JsonObject()).expect(202).json().getString("eventId");

    awaitAttempts(owner, webhook, 1);
    assertThat(receiver.at(path)).hasSize(1);
    JsonObject failing = deliveries(owner, webhook).getJsonObject(0);
    assertThat(failing.getString("status")).isEqualTo("pending");
    assertThat(failing.getInteger("lastStatusCode")).isEqualTo(500);
    api.clock.advance(Duration.ofSeconds(5));
    awaitAttempts(owner, webhook, 2);
    api.clock.advance(Duration.ofMinutes(5));
    awaitAttempts(owner, webhook, 3);

    List<Received> got = receiver.at(path);
    assertThat(got).hasSize(3);
    assertThat(got).extracting(Received::id).containsOnly(eventId);
    assertThat(got).allSatisfy(r -> assertThat(WebhookReceiver.verifies(hook.getString("secret"), r)).isTrue());
    assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
    JsonObject body = got.get(0).json();
    assertThat(body.fieldNames()).containsExactly("type", "timestamp", "data");
    assertThat(body.getString("type")).isEqualTo("webhook.test");
    assertThat(body.getJsonObject("data").getString("webhookId")).isEqualTo(hook.getString("id"));
    assertThat(Long.parseLong(got.get(2).timestamp()) - Long.parseLong(got.get(0).timestamp())).isGreaterThanOrEqualTo(305);

    JsonObject delivered = deliveries(owner, webhook).getJsonObject(0);
    assertThat(delivered.getString("status")).isEqualTo("succeeded");
    assertThat(delivered.getInteger("attempts")).isEqualTo(3);
    assertThat(delivered.getInteger("lastStatusCode")).isEqualTo(200);
    assertThat(delivered.getString("eventType")).isEqualTo("webhook.test");
    assertThat(delivered.getInteger("durationMs")).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(delivered.getString("lastAttemptAt")).isNotNull();

    // A body changed in transit fails verification; the original passes.
    Received original = got.get(0);
    assertThat(WebhookReceiver.verifies(hook.getString("secret"), original.withBody(original.body().replace("webhook.test", "top_up.failed"))))
        .isFalse();
    assertThat(WebhookReceiver.verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[24]), original)).isFalse();

    // Redeliver: one more attempt of the same event.
    api.post(webhook + "/deliveries/" + delivered.getString("id") + "/redeliver", owner.token(), new JsonObject()).expect(202);
    awaitAttempts(owner, webhook, 4);
    assertThat(receiver.at(path)).hasSize(4).extracting(Received::id).containsOnly(eventId);
  }

  @Test
  void aTopUpInTheLedgerReachesTheEndpointOfItsWorkspaceWithTheLedgerHead() {
    TestUser owner = api.newUser("Ledger Owner");
    String orgId = tenants.createOrganization(owner, "Ledger events");
    String watched = tenants.createWorkspace(orgId, owner, "Watched");
    String other = tenants.createWorkspace(orgId, owner, "Other");
    String path = "/ledger-" + UUID.randomUUID();
    JsonObject hook = create(owner, orgId, new JsonObject().put("url", receiver.url(path))
        .put("events", new JsonArray().add("top_up.succeeded")).put("workspaceIds", new JsonArray().add(watched))).expect(201).json();

    for (String ws : List.of(other, watched)) {
      api.request("PUT", "/api/v1/workspaces/" + ws + "/billing/payment-method").token(owner.token())
          .json(new JsonObject().put("type", "card").put("cardToken", "tok_visa")).send().expect(200);
      api.post("/api/v1/workspaces/" + ws + "/billing/top-ups", owner.token(), new JsonObject().put("amount", "25.00")).expect(202);
    }
    Eventually.holds(Duration.ofSeconds(30), "the watched workspace's top-up arrives", () -> receiver.at(path).size() == 1);
    Received got = receiver.at(path).get(0);
    assertThat(WebhookReceiver.verifies(hook.getString("secret"), got)).isTrue();
    JsonObject body = got.json();
    assertThat(body.getString("type")).isEqualTo("top_up.succeeded");
    JsonObject data = body.getJsonObject("data");
    assertThat(data.getString("workspaceId")).isEqualTo(watched);
    JsonObject logged = api.get("/api/v1/workspaces/" + watched + "/billing/log", owner.token()).expect(200).json().getJsonArray("items").getJsonObject(0);
    assertThat(data.getLong("ledgerSeq")).isEqualTo(logged.getLong("seq"));
    assertThat(data.getString("entryHash")).matches("[0-9a-f]{64}");
    // The other workspace's top-up went through too, and was not sent to this endpoint.
    Eventually.holds(Duration.ofSeconds(30), "the other top-up is in its log", () -> !api.get("/api/v1/workspaces/" + other + "/billing/log",
        owner.token()).expect(200).json().getJsonArray("items").isEmpty());
    assertThat(receiver.at(path)).hasSize(1);
  }

  @Test
  void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() {
    TestUser owner = withApiToken(api.newUser("Rotating Owner"));
    String orgId = tenants.createOrganization(owner, "Rotation");
    String path = "/rotate-" + UUID.randomUUID();
    JsonObject hook = create(owner, orgId, new JsonObject().put("url", receiver.url(path)).put("events", new JsonArray().add("webhook.test")))
        .expect(201).json();
    String webhook = "/api/v1/organizations/" + orgId + "/webhooks/" + hook.getString("id");
    String oldSecret = hook.getString("secret");
    String newSecret = api.post(webhook + "/rotate-secret", owner.token(), new JsonObject()).expect(200).json().getString("secret");
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

    api.post(webhook + "/test", owner.token(), new JsonObject()).expect(202);
    Eventually.holds(Duration.ofSeconds(20), "the test event arrives", () -> receiver.at(path).size() == 1);
    Received during = receiver.at(path).get(0);
    assertThat(during.signature().split(" ")).hasSize(2);
    assertThat(WebhookReceiver.verifies(oldSecret, during)).isTrue();
    assertThat(WebhookReceiver.verifies(newSecret, during)).isTrue();

    api.clock.advance(Duration.ofHours(24).plusMinutes(1));
    api.post(webhook + "/test", owner.token(), new JsonObject()).expect(202);
    Eventually.holds(Duration.ofSeconds(20), "the second test event arrives", () -> receiver.at(path).size() == 2);
    Received after = receiver.at(path).get(1);
    assertThat(after.signature().split(" ")).hasSize(1);
    assertThat(WebhookReceiver.verifies(newSecret, after)).isTrue();
    assertThat(WebhookReceiver.verifies(oldSecret, after)).isFalse();
  }

  @Test
  void anEndpointFailingForFiveDaysIsDisabledAndItsAdminsMailed() {
    TestUser owner = withApiToken(api.newUser("Failing Owner"));
    String orgId = tenants.createOrganization(owner, "Failing");
    String path = "/down-" + UUID.randomUUID();
    receiver.answer(path, r -> 503);
    JsonObject hook = create(owner, orgId, new JsonObject().put("url", receiver.url(path)).put("events", new JsonArray().add("webhook.test")))
        .expect(201).json();
    String webhook = "/api/v1/organizations/" + orgId + "/webhooks/" + hook.getString("id");
    int mailsBefore = api.mail.to(owner.email()).size();

    api.post(webhook + "/test", owner.token(), new JsonObject()).expect(202);
    awaitAttempts(owner, webhook, 1);
    api.clock.advance(Duration.ofDays(4));
    awaitAttempts(owner, webhook, 2);
    assertThat(api.get(webhook, owner.token()).expect(200).json().getBoolean("enabled")).as("failing for 4 days only").isTrue();

    api.clock.advance(Duration.ofDays(1));
    awaitAttempts(owner, webhook, 3);
    Eventually.holds(Duration.ofSeconds(20), "the endpoint is disabled", () -> !api.get(webhook, owner.token()).expect(200).json().getBoolean("enabled"));
    assertThat(deliveries(owner, webhook).getJsonObject(0).getString("status")).isEqualTo("failed");
    Eventually.holds(Duration.ofSeconds(20), "the owner is mailed", () -> api.mail.to(owner.email()).size() > mailsBefore);
    assertThat(subjects(owner)).anySatisfy(subject -> assertThat(subject).contains("Webhook endpoint disabled").contains(path));

    // Nothing more is sent to a disabled endpoint.
    api.clock.advance(Duration.ofDays(1));
    int sent = receiver.at(path).size();
    api.post(webhook + "/test", owner.token(), new JsonObject()).expectProblem(409, "conflict");
    assertThat(receiver.at(path)).hasSize(sent);
  }

  /** The user signed in with an API token without expiry: a session would end when a test moves the clock by days. */
  private static TestUser withApiToken(TestUser user) {
    api.verifiedEmail(user);
    String token = api.post("/api/v1/me/api-tokens", user.token(), new JsonObject().put("name", "webhooks")).expect(201).json().getString("token");
    return new TestUser(user.id(), user.email(), user.password(), user.name(), token);
  }

  private static List<String> subjects(TestUser user) {
    return api.mail.to(user.email()).stream().map(message -> {
      try {
        return message.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static io.atrium.server.testing.Reply create(TestUser caller, String orgId, JsonObject body) {
    return api.post("/api/v1/organizations/" + orgId + "/webhooks", caller.token(), body);
  }

  private static JsonArray deliveries(TestUser caller, String webhook) {
    return api.get(webhook + "/deliveries", caller.token()).expect(200).json().getJsonArray("items");
  }

  /** Waits until the newest delivery has had {@code attempts} attempts recorded. */
  private static void awaitAttempts(TestUser caller, String webhook, int attempts) {
    Eventually.holds(Duration.ofSeconds(20), attempts + " attempts recorded", () -> {
      JsonArray items = deliveries(caller, webhook);
      return !items.isEmpty() && items.getJsonObject(0).getInteger("attempts") >= attempts;
    });
  }
}
