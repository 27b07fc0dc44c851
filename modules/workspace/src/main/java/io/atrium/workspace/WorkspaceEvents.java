package io.atrium.workspace;

/** Domain events the workspace context publishes on the event bus after each change commits. */
public final class WorkspaceEvents {

  /** {@code {workspaceId, organizationId, name, currency, createdBy}}: billing opens the workspace's account on it. */
  public static final String CREATED = "workspace.created";

  /** {@code {workspaceId, organizationId}}. */
  public static final String DELETED = "workspace.deleted";

  /** {@code {workspaceId, userId, accessLevel, previousAccessLevel}}; accessLevel null when direct access ended. */
  public static final String MEMBERSHIP_CHANGED = "workspace.membership-changed";

  /** {@code {workspaceId, resourceId, plan, state, at}} on every create, start, stop and delete (state "deleted"). */
  public static final String RESOURCE_CHANGED = "workspace.resource-changed";

  private WorkspaceEvents() {}
}
