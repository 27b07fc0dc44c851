package io.atrium.workspace;

import io.atrium.identity.IdentityAddresses;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Contracts;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the cost of access checks by counting: the workspace context runs on a pool that counts every
 * statement sent outside a transaction (reads never open one), and identity is a stand-in that counts
 * its requests. GET is ONE statement (access and workspace together); a member list is the access
 * statement plus one page statement and one identity request, however many members there are.
 */
class AccessInOneStatementIT {

  private static final AtomicInteger statements = new AtomicInteger();
  private static final AtomicInteger identityRequests = new AtomicInteger();
  private static Vertx vertx;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    AtriumConfig config = TestServices.get().config();
    Migrations.apply(vertx, config, List.of(WorkspaceVerticle.CHANGELOG)).await();
    Pool real = Database.pool(vertx, config);
    Pool counting = (Pool) Proxy.newProxyInstance(Pool.class.getClassLoader(), new Class<?>[] {Pool.class}, (proxy, method, args) -> {
      if (method.getName().equals("preparedQuery") || method.getName().equals("query")) {
        statements.incrementAndGet();
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
    Bus.serve(vertx, IdentityAddresses.USERS_BY_IDS, request -> {
      identityRequests.incrementAndGet();
      JsonArray items = new JsonArray();
      request.getJsonArray("ids").forEach(id -> items.add(new JsonObject().put("id", id).put("email", id + "@example.com").put("name", "N")));
      return Future.succeededFuture(new JsonObject().put("items", items));
    }).completion().await();
    vertx.deployVerticle(new WorkspaceVerticle(counting, config, new MutableClock(Instant.parse("2030-01-01T00:00:00Z")))).await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void getIsOneStatementAndMemberListsDoNotGrowWithMembers() {
    String org = UUID.randomUUID().toString();
    String owner = UUID.randomUUID().toString();
    replica(org, owner, "owner");
    String admin = UUID.randomUUID().toString();
    replica(org, admin, "admin");
    JsonObject ws = Bus.request(vertx, WorkspaceAddresses.CREATE, new JsonObject().put("userId", admin).put("organizationId", org).put("name", "W")).await();
    JsonObject get = new JsonObject().put("userId", owner).put("workspaceId", ws.getString("id"));

    assertThat(count(WorkspaceAddresses.GET, get).getString("accessLevel")).isEqualTo("owner");
    assertThat(statements.get()).isEqualTo(1);

    assertThat(count(WorkspaceAddresses.LIST_MEMBERS, get).getJsonArray("items")).hasSize(2);
    assertThat(statements.get()).isEqualTo(2);
    assertThat(identityRequests.get()).isEqualTo(1);
    for (int i = 0; i < 20; i++) {
      replica(org, UUID.randomUUID().toString(), "admin");
    }
    assertThat(count(WorkspaceAddresses.LIST_MEMBERS, get).getJsonArray("items")).hasSize(22);
    assertThat(statements.get()).isEqualTo(2);
    assertThat(identityRequests.get()).isEqualTo(1);

    assertThat(count(WorkspaceAddresses.LIST_FOR_USER, new JsonObject().put("userId", owner)).getJsonArray("items")).hasSize(1);
    assertThat(statements.get()).isEqualTo(1);
  }

  /** The typed reads of GET /workspaces/{id} and GET /me: one statement each, the current workspace included. */
  @Test
  void theDirectoryReadsAreOneStatementEach() {
    String org = UUID.randomUUID().toString();
    UUID owner = UUID.randomUUID();
    replica(org, owner.toString(), "owner");
    UUID stranger = UUID.randomUUID();
    WorkspaceDirectory directory = Contracts.of(vertx, WorkspaceDirectory.class);
    JsonObject ws = Bus.request(vertx, WorkspaceAddresses.CREATE, new JsonObject().put("userId", owner.toString()).put("organizationId", org).put("name", "D")).await();
    UUID id = UUID.fromString(ws.getString("id"));
    Bus.request(vertx, WorkspaceAddresses.SET_CURRENT, new JsonObject().put("userId", owner.toString()).put("workspaceId", id.toString())).await();

    statements.set(0);
    WorkspaceDirectory.VisibleWorkspace seen = directory.workspaceFor(owner, id).await().orElseThrow();
    assertThat(seen.accessLevel()).isEqualTo(AccessLevel.OWNER);
    assertThat(seen.inherited()).isFalse();
    assertThat(directory.workspaceFor(stranger, id).await()).isEmpty();
    assertThat(statements.get()).isEqualTo(2);

    statements.set(0);
    WorkspaceDirectory.UserWorkspaces mine = directory.workspacesOf(owner, 200).await();
    assertThat(mine.workspaces()).extracting(WorkspaceDirectory.VisibleWorkspace::id).contains(id);
    assertThat(mine.currentWorkspaceId()).contains(id);
    WorkspaceDirectory.UserWorkspaces none = directory.workspacesOf(stranger, 200).await();
    assertThat(none.workspaces()).isEmpty();
    assertThat(none.currentWorkspaceId()).isEmpty();
    assertThat(statements.get()).isEqualTo(2);
  }

  private static JsonObject count(String address, JsonObject request) {
    statements.set(0);
    identityRequests.set(0);
    return Bus.request(vertx, address, request).await();
  }

  private static void replica(String org, String user, String role) {
    Bus.request(vertx, OrganizationAddresses.ROLE_REPLICA, new JsonObject().put("organizationId", org).put("userId", user).put("role", role)).await();
  }
}
