package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.UUID;

/**
 * The access check every workspace request starts with: ONE statement resolves the workspace and the
 * caller's direct and inherited levels ({@link Workspaces#accessible}). No access is {@code not_found},
 * too little {@code insufficient_access}.
 */
final class WorkspaceGuard {

  private final SqlClient db;
  private final Workspaces workspaces;

  WorkspaceGuard(SqlClient db, Workspaces workspaces) {
    this.db = db;
    this.workspaces = workspaces;
  }

  Future<Accessible> require(UUID userId, UUID workspaceId, AccessLevel minimum) {
    return require(db, userId, workspaceId, minimum);
  }

  /** The same check on a given connection (inside a transaction). */
  Future<Accessible> require(SqlClient on, UUID userId, UUID workspaceId, AccessLevel minimum) {
    return workspaces.accessible(on, userId, workspaceId).compose(found -> {
      if (found.isEmpty() || !found.get().access().any()) {
        return Future.failedFuture(Rejection.notFound("workspace").failure());
      }
      return found.get().access().atLeast(minimum) ? Future.succeededFuture(found.get())
          : insufficient("needs " + minimum.asMinimum() + " access to the workspace");
    });
  }

  static <T> Future<T> insufficient(String detail) {
    return Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_ACCESS, detail).failure());
  }

  static <T> Future<T> rejected(io.atrium.platform.Codes code, String detail) {
    return Future.failedFuture(Rejection.of(code, detail).failure());
  }
}
