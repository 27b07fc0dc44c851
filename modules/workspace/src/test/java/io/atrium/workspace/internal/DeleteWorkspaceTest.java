package io.atrium.workspace.internal;

import io.atrium.platform.Bus;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.workspace.AccessLevel;
import io.atrium.workspace.WorkspaceAddresses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a workspace asks billing to close its account first (over the in-process event bus) and opens it again when the
 * deletion does not commit. Use cases on in-memory ports.
 */
class DeleteWorkspaceTest {

  private final WorkspaceRules ws = new WorkspaceRules();
  private final DeleteWorkspace deletion = new DeleteWorkspace(ws.storage, new BillingRequests(ws.vertx), ws.events, ws.clock);
  private final UUID owner = ws.direct("owner@example.com", AccessLevel.OWNER);
  private final UUID admin = ws.direct("admin@example.com", AccessLevel.ADMIN);
  /** What billing was asked, by address. */
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    ws.close();
  }

  @Test
  void theOwnerDeletesItWithItsMembershipsAndOpenInvitations() {
    billingCloses(request -> Future.succeededFuture(new JsonObject()));
    String invitationId = ws.invite(owner, "newcomer@example.com", AccessLevel.MEMBER).await().getString("id");

    assertThat(delete(owner).await()).isEqualTo(new JsonObject());

    assertThat(ws.data.workspaces).doesNotContainKey(ws.workspaceId);
    assertThat(ws.directOf(owner)).isNull();
    assertThat(ws.directOf(admin)).isNull();
    assertThat(ws.invitations.statusOf(UUID.fromString(invitationId))).isEqualTo("revoked");
    assertThat(ws.audit.actions()).containsExactly("invitation.created", "workspace.deleted");
    assertThat(asked).containsExactly(WorkspaceAddresses.CLOSE_BILLING);
  }

  @Test
  void anAdminDeletesNothingAndBillingIsNotAsked() {
    billingCloses(request -> Future.succeededFuture(new JsonObject()));

    assertThat(rejectionOf(delete(admin)).code()).isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(ws.data.workspaces).containsKey(ws.workspaceId);
    assertThat(asked).isEmpty();
  }

  @Test
  void aWorkspaceWithResourcesIsAConflictAndBillingIsNotAsked() {
    billingCloses(request -> Future.succeededFuture(new JsonObject()));
    ws.resources.insert(server()).await();

    assertThat(rejectionOf(delete(owner)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ws.data.workspaces).containsKey(ws.workspaceId);
    assertThat(asked).isEmpty();
  }

  @Test
  void billingsRefusalToCloseKeepsTheWorkspace() {
    billingCloses(request -> Future.failedFuture(Rejection.of(Codes.TOP_UP_PENDING, "a top-up is pending").failure()));

    Rejection rejection = rejectionOf(delete(owner));

    assertThat(rejection.code()).isEqualTo(Codes.TOP_UP_PENDING);
    assertThat(rejection.code().status()).isEqualTo(409);
    assertThat(ws.data.workspaces).containsKey(ws.workspaceId);
    assertThat(ws.directOf(admin)).isEqualTo(AccessLevel.ADMIN);
    assertThat(asked).containsExactly(WorkspaceAddresses.CLOSE_BILLING);
  }

  @Test
  void aDeletionThatDoesNotCommitOpensTheAccountAgain() {
    // A member creates a server between billing's close and the deletion's transaction.
    billingCloses(request -> ws.resources.insert(server()).map(new JsonObject()));

    assertThat(rejectionOf(delete(owner)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ws.data.workspaces).containsKey(ws.workspaceId);
    assertThat(asked).containsExactly(WorkspaceAddresses.CLOSE_BILLING, WorkspaceAddresses.REOPEN_BILLING);
  }

  @Test
  void withoutBillingDeployedTheWorkspaceIsDeleted() {
    delete(owner).await();

    assertThat(ws.data.workspaces).doesNotContainKey(ws.workspaceId);
  }

  private void billingCloses(java.util.function.Function<JsonObject, Future<JsonObject>> close) {
    Bus.serve(ws.vertx, WorkspaceAddresses.CLOSE_BILLING, request -> {
      asked.add(WorkspaceAddresses.CLOSE_BILLING);
      return close.apply(request);
    });
    Bus.serve(ws.vertx, WorkspaceAddresses.REOPEN_BILLING, request -> {
      asked.add(WorkspaceAddresses.REOPEN_BILLING);
      return Future.succeededFuture(new JsonObject());
    });
  }

  private Future<JsonObject> delete(UUID caller) {
    return deletion.delete(new JsonObject().put("userId", caller.toString()).put("workspaceId", ws.workspaceId.toString()));
  }

  private Resource server() {
    return new Resource(UUID.randomUUID(), ws.workspaceId, "server", "web-1", "small", 50_000, Resource.RUNNING, Instant.EPOCH);
  }
}
