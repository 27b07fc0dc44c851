package io.atrium.organization;

/**
 * Event-bus addresses the organization context serves. Requests are JSON objects; ids are UUID strings;
 * timestamps RFC 3339 UTC strings. {@code userId} is always the caller (already authenticated by the
 * server); {@code requestId} (optional) is recorded in the audit log. Lists take {@code limit} (1..200)
 * and an opaque {@code cursor} and answer {@code {items, nextCursor}}.
 *
 * <p>Access: an organization the caller is not a member of answers {@code not_found}, never
 * {@code forbidden}. A member below the needed role gets {@code insufficient_access}. Roles, highest
 * first: owner, admin, member. Nobody grants, changes to or removes a role above their own
 * ({@code insufficient_access}); the last owner cannot be removed, demoted or leave ({@code last_owner}).
 */
public final class OrganizationAddresses {

  /** {@code {userId, name}} → organization {@code {id, name, createdAt}}; the caller becomes owner. */
  public static final String CREATE = "organization.create";

  /** {@code {userId, limit?, cursor?}} → page of {@code {id, name, createdAt, role}} the caller belongs to. */
  public static final String LIST_FOR_USER = "organization.list-for-user";

  /** {@code {userId}} → {@code {items:[{id, name, role}]}}, all of them, for {@code GET /me}. */
  public static final String MEMBERSHIPS_OF_USER = "organization.memberships-of-user";

  /** {@code {userId, organizationId}} → {@code {id, name, createdAt, role}}; any member. */
  public static final String GET = "organization.get";

  /** For other contexts (billing's operators), not for users: {@code {organizationId}} → {@code {id, name, createdAt}}, no access check. */
  public static final String DESCRIBE = "organization.describe";

  /**
   * {@code {userId, organizationId, requireMfa, mfaEnabled}} → {@code {requireMfa}}; admin. {@code mfaEnabled} is the
   * caller's own two-factor sign-in (the server knows it): turning the requirement on without it is {@code conflict}.
   */
  public static final String SET_REQUIRE_MFA = "organization.set-require-mfa";

  /**
   * For the server's two-factor gate, not for users: {@code {organizationId, userId?}} → {@code {requireMfa, member}}
   * ({@code member}: whether {@code userId} is one), no access check; an unknown organization is both false.
   */
  public static final String MFA_POLICY = "organization.mfa-policy";

  /** {@code {userId, organizationId, name}} → organization; admin. */
  public static final String RENAME = "organization.rename";

  /**
   * {@code {userId, organizationId}} → {}; owner; {@code conflict} while it still has workspaces
   * ({@link #WORKSPACE_COUNT}; {@code unavailable} when that cannot be asked).
   */
  public static final String DELETE = "organization.delete";

  /** {@code {userId, organizationId, limit?, cursor?}} → page of {@code {userId, email, name, role, joinedAt}}; any member. */
  public static final String LIST_MEMBERS = "organization.list-members";

  /**
   * For other contexts' mail, not for users: {@code {organizationId}} → {@code {items:[{userId, email, name, role,
   * joinedAt}]}} of its owners and admins, no access check.
   */
  public static final String ADMINS_OF = "organization.admins-of";

  /** {@code {userId, organizationId, memberId, role}} → member; admin. */
  public static final String CHANGE_MEMBER_ROLE = "organization.change-member-role";

  /** {@code {userId, organizationId, memberId}} → {}; admin, or any member removing themself. */
  public static final String REMOVE_MEMBER = "organization.remove-member";

  /**
   * {@code {userId, organizationId, email, role}} → {@code {id, email, role, status:"pending", expiresAt, createdAt}};
   * admin. Mails the token. {@code conflict} for an existing member or an open invitation for that email.
   */
  public static final String INVITE = "organization.invite";

  /** {@code {userId, organizationId, limit?, cursor?}} → page of invitations (no tokens); admin. */
  public static final String LIST_INVITATIONS = "organization.list-invitations";

  /**
   * {@code {userId, organizationId, invitationId}} → {}; admin, for an invitation whose role is no higher than
   * their own. Revoking a revoked one again changes nothing; an accepted or declined one is {@code conflict}.
   */
  public static final String REVOKE_INVITATION = "organization.revoke-invitation";

  /**
   * {@code {userId, email, token}} → {@code {kind:"organization", organizationId, role}}. The caller's
   * email must equal the invitation's ({@code forbidden}); expired or revoked {@code gone}; used
   * {@code conflict}; unknown token {@code not_found}.
   */
  public static final String ACCEPT_INVITATION = "organization.accept-invitation";

  /** {@code {userId, email, token}} → {}; same checks as accepting. */
  public static final String DECLINE_INVITATION = "organization.decline-invitation";

  /**
   * {@code {token}} → {@code {kind:"organization", status, organizationId, organizationName, role, invitedBy:{name},
   * expiresAt}}, for the token's holder before answering; unknown token {@code not_found}.
   */
  public static final String INSPECT_INVITATION = "organization.inspect-invitation";

  /** {@code {email}} → {@code {items:[{id, kind:"organization", organizationId, organizationName, role, status, expiresAt}]}} pending ones. */
  public static final String INVITATIONS_FOR_EMAIL = "organization.invitations-for-email";

  /**
   * {@code {userId, organizationId, limit?, cursor?}} → page of audit entries, newest first; admin. An entry is
   * {@code {id, occurredAt, actorId, action, subjectUserId, subjectEmail, details, requestId}}; actions are
   * organization.created/renamed/deleted, member.role_changed/removed/left/joined_via_sso,
   * invitation.created/revoked/accepted/declined, sso.configured/deleted, domain.added/verified/failed/removed.
   */
  public static final String AUDIT_LOG = "organization.audit-log";

  /**
   * Served by the workspace context, asked by this one: {@code {organizationId}} → {@code {count}} of its
   * workspaces. Declared here so the dependency points from workspace to organization.
   */
  public static final String WORKSPACE_COUNT = "organization.workspace-count";

  /**
   * Served by the workspace context, which keeps a copy of organization roles so that resolving
   * workspace access costs one query. Asked (and awaited, so the next request sees it) after every
   * membership change commits: {@code {organizationId, userId, role}}, {@code role} null when removed;
   * {@code {organizationId, deleted:true}} when an organization is deleted. Reply {}.
   */
  public static final String ROLE_REPLICA = "organization.role-replica";

  /**
   * {@code {afterOrganizationId?, afterUserId?, limit}} → {@code {items:[{organizationId, userId, role}]}}
   * ordered by (organizationId, userId): every membership, paged, for replicas to rebuild themselves.
   * Give both "after" ids or neither; {@code limit} 1..1000, default 500; a page shorter than it is the last.
   */
  public static final String MEMBERSHIP_SNAPSHOT = "organization.membership-snapshot";

  /**
   * {@code {userId, organizationId, domain}} → {@code {domain, status:"pending", txtName, txtValue, verifiedAt:null, checkedAt,
   * createdAt}}; admin. A public mail domain (config {@code domains.publicMailDomains}) is {@code validation_failed}; one
   * the organization has, or another organization verified, is {@code conflict}.
   */
  public static final String DOMAIN_ADD = "organization.domain-add";

  /** {@code {userId, organizationId, limit?, cursor?}} → page of domains (as {@link #DOMAIN_ADD} answers them) by name; admin. */
  public static final String DOMAIN_LIST = "organization.domain-list";

  /** {@code {userId, organizationId, domain}} → {}; admin; {@code conflict} while the SSO settings name the domain. */
  public static final String DOMAIN_DELETE = "organization.domain-delete";

  /**
   * {@code {userId, organizationId, domain}} → the domain with {@code status:"verified"} when its TXT record {@code txtName}
   * holds {@code txtValue} now; otherwise {@code domain_unverified}, the detail saying what DNS answered (a verified
   * domain whose record is gone becomes {@code failed}). {@code conflict} when another organization verified it;
   * {@code unavailable} when the resolver can't answer. Admin.
   */
  public static final String DOMAIN_VERIFY = "organization.domain-verify";

  /**
   * {@code {userId, organizationId, issuer, clientId, clientSecret, emailDomains:[...], defaultRole, enforced?}} →
   * {@code {issuer, clientId, emailDomains, defaultRole, enforced, callbackUrl}}; admin. Every email domain must be a
   * verified domain of the organization ({@code domain_unverified}). The issuer must answer OpenID Connect discovery
   * ({@code validation_failed} on {@code issuer} with the reason), and it and the endpoints it announces must be on
   * public addresses unless {@code sso.allowLocalIssuers}; {@code defaultRole} is admin or member. The secret is never answered.
   */
  public static final String SSO_PUT = "organization.sso-put";

  /** {@code {userId, organizationId}} → settings as {@link #SSO_PUT} answers them; admin; {@code not_found} when unset. */
  public static final String SSO_GET = "organization.sso-get";

  /** {@code {userId, organizationId}} → {}; admin; logins already started can no longer finish. */
  public static final String SSO_DELETE = "organization.sso-delete";

  /**
   * {@code {email} or {organizationId}} (no caller) → {@code {authorizationUrl, browserBinding, expiresAt}}: where to
   * send the browser, and the value it must present again at the callback (a cookie). {@code not_found} when no
   * organization's SSO covers the email's domain or the organization has none.
   */
  public static final String SSO_START = "organization.sso-start";

  /**
   * {@code {state, code?, error?, browserBinding?}} (no caller) → {@code {token, expiresAt, user, organizationId}}.
   * {@code invalid_state} for a missing, unknown, used, expired or foreign state, or settings changed since the
   * start; {@code sso_failed} for a refused code or a failed ID token or email check; {@code forbidden} for a user
   * an admin removed. No session is opened unless everything holds.
   */
  public static final String SSO_FINISH = "organization.sso-finish";

  /** Invitation tokens of this context start with this, so {@code POST /invitations/accept} knows whom to ask. */
  public static final String INVITATION_TOKEN_PREFIX = "atr_oinv_";

  private OrganizationAddresses() {}
}
