package io.atrium.workspace;

/**
 * Event-bus addresses the workspace context serves. Conventions as in {@code OrganizationAddresses}:
 * {@code userId} is the caller, {@code requestId} (optional) goes to the audit log, lists are pages.
 *
 * <p>Access levels, highest first: owner, admin, member, viewer, with billing beside member ({@link AccessLevel}). An
 * organization owner has inherited
 * owner access to each of its workspaces, an organization admin inherited admin; the higher of direct
 * and inherited counts. A workspace the caller cannot access answers {@code not_found}; too low a level
 * {@code insufficient_access}. Nobody grants, changes to or removes a level above their own
 * ({@code insufficient_access}); inherited access cannot be changed or removed here
 * ({@code inherited_access}); the last direct-or-inherited owner cannot be removed, demoted or leave
 * ({@code last_owner}). A workspace is {@code {id, organizationId, name, currency, createdAt}}; read
 * answers add the caller's {@code accessLevel} and {@code inherited}.
 */
public final class WorkspaceAddresses {

  /** {@code {userId, organizationId, name, currency?}} → workspace; org admin; the caller gets direct owner. */
  public static final String CREATE = "workspace.create";

  /** {@code {userId, limit?, cursor?}} → page of workspaces the caller can access, with accessLevel and inherited. */
  public static final String LIST_FOR_USER = "workspace.list-for-user";

  /** {@code {userId, organizationId, limit?, cursor?}} → the same, within one organization; org member, else not_found. */
  public static final String LIST_IN_ORGANIZATION = "workspace.list-in-organization";

  /** {@code {userId, workspaceId}} → workspace with accessLevel and inherited; viewer. */
  public static final String GET = "workspace.get";

  /** {@code {userId, workspaceId, name}} → workspace; admin. */
  public static final String RENAME = "workspace.rename";

  /**
   * {@code {userId, workspaceId}} → {}; owner; {@code conflict} while resources exist; billing must close the workspace's
   * account first ({@link #CLOSE_BILLING}: {@code top_up_pending}, {@code balance_not_zero}).
   */
  public static final String DELETE = "workspace.delete";

  /** {@code {userId, workspaceId}} → {@code {accessLevel, inherited}}: the caller's access, for the server's {@code PATCH /me}. */
  public static final String ACCESS_OF = "workspace.access-of";

  /** {@code {userId, workspaceId, limit?, cursor?}} → page of {@code {userId, email, name, accessLevel, inherited}}; viewer. */
  public static final String LIST_MEMBERS = "workspace.list-members";

  /** {@code {userId, workspaceId, memberId, accessLevel}} → member; admin. */
  public static final String CHANGE_MEMBER_ACCESS = "workspace.change-member-access";

  /** {@code {userId, workspaceId, memberId}} → {}; admin, or anyone removing their own direct access. */
  public static final String REMOVE_MEMBER = "workspace.remove-member";

  /** {@code {userId, workspaceId, email, accessLevel}} → invitation {@code {id, email, accessLevel, status, expiresAt, createdAt}}; admin. */
  public static final String INVITE = "workspace.invite";

  /** {@code {userId, workspaceId, limit?, cursor?}} → page of invitations; admin. */
  public static final String LIST_INVITATIONS = "workspace.list-invitations";

  /** {@code {userId, workspaceId, invitationId}} → {}; admin. */
  public static final String REVOKE_INVITATION = "workspace.revoke-invitation";

  /** {@code {userId, email, token}} → {@code {kind:"workspace", organizationId, workspaceId, accessLevel}}; rules as for organizations. */
  public static final String ACCEPT_INVITATION = "workspace.accept-invitation";

  /** {@code {userId, email, token}} → {}. */
  public static final String DECLINE_INVITATION = "workspace.decline-invitation";

  /**
   * {@code {token}} → {@code {kind:"workspace", status, organizationId, workspaceId, workspaceName, accessLevel,
   * invitedBy:{name}, expiresAt}}, for the token's holder before answering; unknown token {@code not_found}.
   */
  public static final String INSPECT_INVITATION = "workspace.inspect-invitation";

  /** {@code {email}} → {@code {items:[{id, kind:"workspace", workspaceId, workspaceName, organizationId, accessLevel, status, expiresAt}]}}. */
  public static final String INVITATIONS_FOR_EMAIL = "workspace.invitations-for-email";

  /** {@code {userId}} → {@code {workspaceId}} (null when none, or when access to it was lost). */
  public static final String CURRENT_OF = "workspace.current-of";

  /** {@code {userId, workspaceId}} (null clears) → {@code {workspaceId}}; a workspace the caller cannot access is not_found. */
  public static final String SET_CURRENT = "workspace.set-current";

  /** {@code {userId, workspaceId, limit?, cursor?}} → page of audit entries, newest first; admin. */
  public static final String AUDIT_LOG = "workspace.audit-log";

  /** {@code {}} → the price catalogue of config/pricing.json, as API.md's {@code GET /pricing}. */
  public static final String PRICING = "workspace.pricing";

  /**
   * {@code {userId, workspaceId, type:"server", name, plan}} → resource
   * {@code {id, type, name, plan, state:"running", hourlyPrice, createdAt}}; member. Before creating, asks
   * {@link #RESOURCE_ADMISSION}.
   */
  public static final String CREATE_RESOURCE = "workspace.create-resource";

  /** {@code {userId, workspaceId, limit?, cursor?}} → page of resources; viewer. */
  public static final String LIST_RESOURCES = "workspace.list-resources";

  /** {@code {userId, workspaceId, resourceId}} → resource; viewer. */
  public static final String GET_RESOURCE = "workspace.get-resource";

  /** {@code {userId, workspaceId, resourceId}} → resource; member. */
  public static final String STOP_RESOURCE = "workspace.stop-resource";

  /** {@code {userId, workspaceId, resourceId}} → resource; member. */
  public static final String START_RESOURCE = "workspace.start-resource";

  /** {@code {userId, workspaceId, resourceId}} → {}; member. */
  public static final String DELETE_RESOURCE = "workspace.delete-resource";

  /**
   * The billing seam: {@code {workspaceId, plan, hourlyPrice}} → {} to admit a new or restarted resource,
   * or a rejection ({@code payment_method_required}, {@code insufficient_credits}). Served by the billing
   * context once it exists; until then the workspace context admits every resource itself.
   */
  public static final String RESOURCE_ADMISSION = "workspace.resource-admission";

  /**
   * For billing, not for users: {@code {workspaceId}} → {@code {suspended:n}}: every running resource of the
   * workspace becomes {@code suspended} (the prepaid balance ran out). Idempotent.
   */
  public static final String SUSPEND_RESOURCES = "workspace.suspend-resources";

  /** For billing: {@code {workspaceId}} → {@code {resumed:n}}: every suspended resource runs again. Idempotent. */
  public static final String RESUME_RESOURCES = "workspace.resume-resources";

  /**
   * For billing's hourly consumption runs: {@code {from, to, afterResourceId?, limit}} →
   * {@code {items:[{workspaceId, organizationId, currency, resourceId, plan, hourlyPrice}]}} (hourlyPrice in
   * micro-units, a number) of every resource that was running at any moment in [from, to), deleted ones
   * included, ordered by resourceId; page with afterResourceId.
   */
  public static final String RESOURCES_RUN_IN = "workspace.resources-run-in";

  /** For billing's mail: {@code {workspaceId}} → {@code {items:[{userId, email, name, accessLevel}]}} of its owners and admins, inherited ones included. */
  public static final String ADMINS_OF = "workspace.admins-of";

  /** For billing: {@code {workspaceId}} → {@code {id, organizationId, name, currency, createdAt}} without an access check. */
  public static final String DESCRIBE = "workspace.describe";

  /**
   * The billing seam for deleting a workspace: {@code {workspaceId}} → {} once billing closed the workspace's account (in one
   * transaction: no top-up pending, balance zero; a closed account takes no more top-ups), or a rejection
   * {@code top_up_pending} / {@code balance_not_zero}. Closing a closed account answers {} again. With no handler
   * (billing not deployed) there is nothing to close.
   */
  public static final String CLOSE_BILLING = "workspace.close-billing";

  /** For billing, undoing {@link #CLOSE_BILLING} when the deletion it was asked for did not commit: {@code {workspaceId}} → {}. */
  public static final String REOPEN_BILLING = "workspace.reopen-billing";

  /** Invitation tokens of this context start with this. */
  public static final String INVITATION_TOKEN_PREFIX = "atr_winv_";

  private WorkspaceAddresses() {}
}
