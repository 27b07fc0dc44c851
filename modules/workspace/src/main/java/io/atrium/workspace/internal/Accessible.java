package io.atrium.workspace.internal;

import io.vertx.core.json.JsonObject;

/** A workspace together with one user's access to it, as one query resolves them. */
record Accessible(Workspace workspace, WorkspaceAccess access) {

  /** The workspace with the caller's {@code accessLevel} and {@code inherited}. */
  JsonObject toJson() {
    return workspace.toJson().mergeIn(access.toJson());
  }
}
