package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * The access check every workspace request starts with: ONE statement resolves the workspace and the
 * caller's direct and inherited levels ({@link Workspaces#accessible}). No access is {@code not_found},
 * too little {@code insufficient_access}.
 */
final class WorkspaceGuard {

  private WorkspaceGuard() {}

  /** The check on {@code tables}: {@code storage.read()} outside a transaction, the transaction's own inside one. */
  static Future<Accessible> require(WorkspaceTables tables, UUID userId, UUID workspaceId, AccessLevel minimum) {
    return tables.workspaces().accessible(userId, workspaceId).compose(found -> {
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
