package io.atrium.workspace.internal;

import io.atrium.workspace.AccessLevel;
import io.atrium.platform.Codes;
import io.vertx.core.Future;

import java.util.UUID;

/** The last owner (direct or inherited) cannot be removed, demoted or leave. Run inside the change's transaction. */
final class OwnerRule {

  private OwnerRule() {}

  static Future<Void> check(Members members, UUID workspaceId, WorkspaceAccess before, WorkspaceAccess after) {
    boolean losesOwnership = before.effective() == AccessLevel.OWNER && (!after.any() || after.effective() != AccessLevel.OWNER);
    if (!losesOwnership) {
      return Future.succeededFuture();
    }
    return members.owners(workspaceId).compose(owners -> owners > 1 ? Future.succeededFuture()
        : WorkspaceGuard.rejected(Codes.LAST_OWNER, "the workspace's last owner cannot be removed, demoted or leave"));
  }
}
