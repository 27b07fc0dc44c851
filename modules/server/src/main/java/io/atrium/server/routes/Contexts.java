package io.atrium.server.routes;

import io.atrium.platform.Bus;
import io.atrium.platform.Contracts;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.server.http.Caller;
import io.atrium.server.http.Replies;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceDirectory;
import io.atrium.workspace.WorkspaceDirectory.VisibleWorkspace;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * How a route asks a context, in this process and on the caller's event loop: a typed contract ({@link Contracts})
 * where the context offers one, else its address ({@link Bus}, a direct call as well) with the caller and request
 * id plus the route's own fields. Either answer becomes the response; JSON is built here, at the HTTP edge.
 */
final class Contexts {

  private final Vertx vertx;

  Contexts(Vertx vertx) {
    this.vertx = vertx;
  }

  <T> T contract(Class<T> contract) {
    return Contracts.of(vertx, contract);
  }

  Future<JsonObject> ask(String address, JsonObject request) {
    return Bus.request(vertx, address, request);
  }

  /** Asks on behalf of the authenticated caller. A workspace read goes to {@link #workspace}. */
  Future<JsonObject> askAs(RoutingContext ctx, String address, JsonObject fields) {
    if (WorkspaceAddresses.GET.equals(address)) {
      return workspace(ctx, fields.getString("workspaceId")).map(Contexts::json);
    }
    return ask(address, Caller.request(ctx).mergeIn(fields));
  }

  /**
   * The workspace as the caller sees it, or {@code not_found}: asked once per request, from the process's cache or
   * in one statement.
   */
  Future<VisibleWorkspace> workspace(RoutingContext ctx, String workspaceId) {
    String key = "workspace " + workspaceId;
    Future<VisibleWorkspace> read = ctx.get(key);
    if (read == null) {
      UUID id = uuid(workspaceId);
      read = id == null ? Future.failedFuture(Rejection.notFound("workspace").failure())
          : contract(WorkspaceDirectory.class).workspaceFor(Caller.of(ctx).userId(), id).compose(found -> found.isPresent()
              ? Future.succeededFuture(found.get()) : Future.failedFuture(Rejection.notFound("workspace").failure()));
      ctx.put(key, read);
    }
    return read;
  }

  /** A workspace with the caller's {@code accessLevel} and {@code inherited}, as API.md shows it. */
  static JsonObject json(VisibleWorkspace workspace) {
    return new JsonObject()
        .put("id", workspace.id().toString())
        .put("organizationId", workspace.organizationId().toString())
        .put("name", workspace.name())
        .put("currency", workspace.currency())
        .put("createdAt", Times.text(workspace.createdAt()))
        .put("accessLevel", workspace.accessLevel().code())
        .put("inherited", workspace.inherited());
  }

  void reply(RoutingContext ctx, int status, String address, JsonObject fields) {
    Replies.json(ctx, status, askAs(ctx, address, fields));
  }

  void noContent(RoutingContext ctx, String address, JsonObject fields) {
    Replies.noContent(ctx, askAs(ctx, address, fields));
  }

  private static UUID uuid(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
