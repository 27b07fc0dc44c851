package io.atrium.workspace.internal;

import io.atrium.platform.Bus;
import io.atrium.platform.Codes;
import io.atrium.platform.PriceCatalogue;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A resource runs only once billing admits it: creating or starting one asks billing over the (in-process) event bus,
 * and billing's refusal is the caller's answer. Use cases on in-memory ports.
 */
class ResourceAdmissionTest {

  private static final PriceCatalogue CATALOGUE = new PriceCatalogue(new JsonObject().put("plans", new JsonArray()
      .add(new JsonObject().put("id", "small").put("hourlyPrice", new JsonObject().put("EUR", "0.05").put("USD", "0.06")))));

  private final WorkspaceRules ws = new WorkspaceRules();
  private final BillingRequests admission = new BillingRequests(ws.vertx);
  private final CreateResource creation = new CreateResource(ws.storage, CATALOGUE, admission, ws.events, ws.clock);
  private final ChangeResourceState stateChange = new ChangeResourceState(ws.storage, admission, ws.events, ws.clock);
  private final UUID member = ws.direct("member@example.com", AccessLevel.MEMBER);
  private final List<JsonObject> asked = new CopyOnWriteArrayList<>();
  private volatile Future<JsonObject> billing;

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void billingIsAskedWithThePlansHourlyPriceInTheWorkspacesCurrency() {
    billingAnswers(Future.succeededFuture(new JsonObject()));

    JsonObject created = create(member).await();

    assertThat(created.getString("state")).isEqualTo("running");
    assertThat(asked).containsExactly(new JsonObject().put("workspaceId", ws.workspaceId.toString()).put("plan", "small")
        .put("hourlyPrice", "0.0500"));
    assertThat(ws.resources.all()).hasSize(1);
  }

  @Test
  void billingsRefusalIsTheAnswerAndNothingRuns() {
    billingAnswers(Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_CREDITS, "the balance is below one hour of the plan").failure()));

    Rejection rejection = rejectionOf(create(member));

    assertThat(rejection.code()).isEqualTo(Codes.INSUFFICIENT_CREDITS);
    assertThat(rejection.code().status()).isEqualTo(402);
    assertThat(ws.resources.all()).isEmpty();
  }

  @Test
  void startingAStoppedResourceAsksAgainAndARefusalLeavesItStopped() {
    billingAnswers(Future.succeededFuture(new JsonObject()));
    String resourceId = create(member).await().getString("id");
    stateChange.stop(resourceRequest(resourceId)).await();
    billingAnswers(Future.failedFuture(Rejection.of(Codes.PAYMENT_METHOD_REQUIRED, "the workspace has no payment method").failure()));

    assertThat(rejectionOf(stateChange.start(resourceRequest(resourceId))).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
    assertThat(ws.resources.all()).singleElement().satisfies(resource -> assertThat(resource.state()).isEqualTo("stopped"));
    assertThat(asked).hasSize(2);
  }

  @Test
  void withoutBillingDeployedEverythingIsAdmittedButABrokenBillingAdmitsNothing() {
    assertThat(create(member).await().getString("state")).isEqualTo("running");

    billingAnswers(Future.failedFuture(new IllegalStateException("billing broke")));

    assertThatThrownBy(() -> create(member).await()).isNotInstanceOf(Rejected.class);
    assertThat(ws.resources.all()).hasSize(1);
  }

  @Test
  void aViewerCreatesNothingAndBillingIsNotAsked() {
    billingAnswers(Future.succeededFuture(new JsonObject()));
    UUID viewer = ws.direct("viewer@example.com", AccessLevel.VIEWER);

    assertThat(rejectionOf(create(viewer)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(asked).isEmpty();
  }

  /** Deploys billing's admission (once), answering {@code answer} from now on. */
  private void billingAnswers(Future<JsonObject> answer) {
    if (billing == null) {
      Bus.serve(ws.vertx, WorkspaceAddresses.RESOURCE_ADMISSION, request -> {
        asked.add(request);
        return billing;
      });
    }
    billing = answer;
  }

  private Future<JsonObject> create(UUID caller) {
    return creation.create(new JsonObject().put("userId", caller.toString()).put("workspaceId", ws.workspaceId.toString())
        .put("type", "server").put("name", "web-1").put("plan", "small"));
  }

  private JsonObject resourceRequest(String resourceId) {
    return new JsonObject().put("userId", member.toString()).put("workspaceId", ws.workspaceId.toString()).put("resourceId", resourceId);
  }
}
