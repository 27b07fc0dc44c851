package io.atrium.workspace;

import io.atrium.platform.Bus;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResourcesIT extends WorkspaceHarness {

  @Test
  void serversRunStopStartAndLeaveWithThePlansPriceInTheWorkspaceCurrency() {
    JsonObject owner = user("Rex Resource");
    String org = organization(owner);
    JsonObject eur = workspace(owner, org, null);
    JsonObject usd = workspace(owner, org, "USD");
    List<JsonObject> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> listener = vertx.eventBus().consumer(WorkspaceEvents.RESOURCE_CHANGED, m -> events.add(m.body()));
    listener.completion().await();

    JsonObject server = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, eur).put("type", "server").put("name", " web-1 ").put("plan", "1xCPU-1GB"));
    assertThat(server.getString("state")).isEqualTo("running");
    assertThat(server.getString("name")).isEqualTo("web-1");
    assertThat(server.getString("hourlyPrice")).isEqualTo("0.0070");
    assertThat(ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, usd).put("type", "server").put("name", "api").put("plan", "2xCPU-4GB"))
        .getString("hourlyPrice")).isEqualTo("0.0224");

    JsonObject one = in(owner, eur).put("resourceId", server.getString("id"));
    assertThat(ask(WorkspaceAddresses.STOP_RESOURCE, one).getString("state")).isEqualTo("stopped");
    assertThat(ask(WorkspaceAddresses.START_RESOURCE, one).getString("state")).isEqualTo("running");
    assertThat(ask(WorkspaceAddresses.LIST_RESOURCES, in(owner, eur)).getJsonArray("items")).hasSize(1);
    assertThat(rejection(WorkspaceAddresses.DELETE, in(owner, eur)).code()).isEqualTo(Codes.CONFLICT);
    ask(WorkspaceAddresses.DELETE_RESOURCE, one);
    assertThat(rejection(WorkspaceAddresses.GET_RESOURCE, one).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(ask(WorkspaceAddresses.LIST_RESOURCES, in(owner, eur)).getJsonArray("items")).isEmpty();
    ask(WorkspaceAddresses.DELETE, in(owner, eur));

    waitFor(() -> events.size() >= 5);
    assertThat(events.stream().filter(e -> e.getString("resourceId").equals(server.getString("id"))).map(e -> e.getString("state")))
        .containsExactly("running", "stopped", "running", "deleted");
    listener.unregister().await();
  }

  @Test
  void rejectsUnknownPlansAndTypesAndViewers() {
    JsonObject owner = user("Val Validate");
    JsonObject viewer = user("Vin Viewer");
    String org = organization(owner);
    JsonObject ws = workspace(owner, org, null);
    grant(owner, ws, viewer, "viewer");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "a").put("plan", "64xCPU")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("plan");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "database").put("name", "a").put("plan", "1xCPU-1GB")).errors())
        .extracting(Rejection.FieldError::field).containsExactly("type");
    assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, in(viewer, ws).put("type", "server").put("name", "a").put("plan", "1xCPU-1GB")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);
    JsonObject pricing = ask(WorkspaceAddresses.PRICING, new JsonObject());
    assertThat(pricing.getJsonArray("plans").getJsonObject(0)).isEqualTo(new JsonObject().put("id", "1xCPU-1GB")
        .put("description", "1 vCPU, 1 GB memory, 25 GB storage").put("hourlyPrice", new JsonObject().put("EUR", "0.0070").put("USD", "0.0075")));
    assertThat(pricing.getJsonArray("meters")).isInstanceOf(JsonArray.class).isNotEmpty();
  }

  @Test
  void billingsAdmissionRejectionReachesTheCaller() {
    JsonObject owner = user("Bill Billing");
    String org = organization(owner);
    JsonObject ws = workspace(owner, org, null);
    JsonObject server = ask(WorkspaceAddresses.CREATE_RESOURCE, in(owner, ws).put("type", "server").put("name", "s").put("plan", "1xCPU-1GB"));
    ask(WorkspaceAddresses.STOP_RESOURCE, in(owner, ws).put("resourceId", server.getString("id")));
    // a stand-in for the billing context, which does not exist yet
    List<JsonObject> asked = new ArrayList<>();
    Bus.Served billing = Bus.serve(vertx, WorkspaceAddresses.RESOURCE_ADMISSION, request -> {
      asked.add(request);
      return Future.failedFuture(Rejection.of(Codes.PAYMENT_METHOD_REQUIRED, "no payment method").failure());
    });
    billing.completion().await();
    try {
      JsonObject create = in(owner, ws).put("type", "server").put("name", "t").put("plan", "1xCPU-2GB");
      assertThat(rejection(WorkspaceAddresses.CREATE_RESOURCE, create).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
      assertThat(rejection(WorkspaceAddresses.START_RESOURCE, in(owner, ws).put("resourceId", server.getString("id"))).code())
          .isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
      assertThat(asked.get(0)).isEqualTo(new JsonObject().put("workspaceId", ws.getString("id")).put("plan", "1xCPU-2GB").put("hourlyPrice", "0.0104"));
      assertThat(ask(WorkspaceAddresses.LIST_RESOURCES, in(owner, ws)).getJsonArray("items").getJsonObject(0).getString("state"))
          .isEqualTo("stopped");
    } finally {
      billing.unregister().await();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 5000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
