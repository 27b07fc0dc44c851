package io.atrium.workspace.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.workspace.AccessLevel;
import io.vertx.core.json.JsonObject;

/**
 * One user's access to one workspace: the direct membership level and the level inherited from the
 * organization role (each null when absent). The higher counts. {@code inherited} is reported true only
 * when the inherited level is strictly higher: on a tie the direct membership is the one shown, since it
 * is the one that can be changed at the workspace.
 */
record WorkspaceAccess(AccessLevel direct, AccessLevel inherited) {

  static final WorkspaceAccess NONE = new WorkspaceAccess(null, null);

  static WorkspaceAccess of(String directLevel, String organizationRole) {
    return new WorkspaceAccess(AccessLevel.parse(directLevel), AccessLevel.inheritedFrom(OrganizationRole.parse(organizationRole)));
  }

  boolean any() {
    return direct != null || inherited != null;
  }

  /** The level that counts, or null without access. */
  AccessLevel effective() {
    return AccessLevel.max(direct, inherited);
  }

  boolean isInherited() {
    return inherited != null && (direct == null || inherited != direct && inherited.atLeast(direct));
  }

  boolean atLeast(AccessLevel minimum) {
    return any() && effective().atLeast(minimum);
  }

  /** The same access with the direct membership replaced (null: removed). */
  WorkspaceAccess withDirect(AccessLevel level) {
    return new WorkspaceAccess(level, inherited);
  }

  JsonObject toJson() {
    return new JsonObject().put("accessLevel", any() ? effective().code() : null).put("inherited", isInherited());
  }
}
